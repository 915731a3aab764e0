extension Double {
    /// `40`, `2.5`, `1e+300`: a number as typed, without a trailing `.0`, for the sentences
    /// that name a value or a bound.
    public var asTyped: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
