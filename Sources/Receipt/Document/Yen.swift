/// `¥2,980`: the yen sign and thousands separators, as every document shows money.
public func formatYen(_ yen: Int) -> String {
    let digits = String(yen.magnitude)
    var grouped = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
        grouped.append(ch)
    }
    return (yen < 0 ? "-¥" : "¥") + grouped
}
