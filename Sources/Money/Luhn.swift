/// The Luhn check digit of card numbers and ICCIDs.
public enum Luhn {
    public static func isValid(_ digits: String) -> Bool {
        guard digits.count >= 2, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return isValid(digits.map { $0.wholeNumberValue! })
    }

    public static func isValid(_ digits: [Int]) -> Bool {
        var sum = 0
        for (i, digit) in digits.reversed().enumerated() {
            let d = i % 2 == 1 ? digit * 2 : digit
            sum += d > 9 ? d - 9 : d
        }
        return sum % 10 == 0
    }
}
