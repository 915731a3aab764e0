extension BinaryInteger {
    /// The number in decimal, zero-padded to `width` digits (`7` → `"0007"`): what receipts,
    /// times and numbers ask for many times a sale, without `String(format:)`'s cost.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
