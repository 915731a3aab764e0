/// Charts as SVG drawn on the server: no script draws them, and they print as they look.
enum Charts {
    struct Bar {
        var label: String
        var value: Int
        var caption: String
        var link: String?
        /// Drawn in the warning colour (a silent store).
        var flagged = false
    }

    /// One horizontal bar a row, labels on the left and each bar's caption after it; scales to
    /// the width it is given, so a phone shows the same chart smaller.
    static func horizontal(_ bars: [Bar], title: String) -> HTML {
        let row = 24, labelWidth = 170, barWidth = 160, width = 420
        let top = max(bars.map(\.value).max() ?? 0, 1)
        let height = max(bars.count, 1) * row + 4
        var parts: [HTML] = []
        for (i, bar) in bars.enumerated() {
            let y = i * row + 4
            let w = bar.value <= 0 ? 0 : max(1, bar.value * barWidth / top)
            let label: HTML = "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" class=\"label\">\(clip(bar.label, 22))</text>"
            parts.append(HTML(markup: "<g>"))
            if let link = bar.link {
                parts.append("<a href=\"\(link)\">\(label)</a>")
            } else {
                parts.append(label)
            }
            parts.append("<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(row - 8)\" class=\"\(bar.flagged ? "bar flagged" : "bar")\"><title>\(bar.label): \(bar.caption)</title></rect>")
            parts.append("<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 15)\" class=\"value\">\(bar.caption)</text></g>")
        }
        return "<svg class=\"chart\" role=\"img\" aria-label=\"\(title)\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(title)</title>\(parts)</svg>"
    }

    /// Twenty-four columns, one an hour of the day in Japan.
    static func hours(_ values: [Int: Int], caption: (Int) -> String, title: String, peak peakWord: String) -> HTML {
        let width = 480, height = 170, base = 140, column = 20
        let top = max(values.values.max() ?? 0, 1)
        var parts: [HTML] = []
        for hour in 0..<24 {
            let value = values[hour] ?? 0
            let h = value <= 0 ? 0 : max(1, value * 120 / top)
            let x = hour * column
            parts.append("<rect x=\"\(x + 2)\" y=\"\(base - h)\" width=\"\(column - 4)\" height=\"\(h)\" class=\"bar\"><title>\(String(format2: hour)):00 \(caption(value))</title></rect>")
            if hour % 3 == 0 {
                parts.append("<text x=\"\(x + column / 2)\" y=\"\(base + 16)\" text-anchor=\"middle\" class=\"label\">\(hour)</text>")
            }
        }
        parts.append("<line x1=\"0\" y1=\"\(base)\" x2=\"\(width)\" y2=\"\(base)\" class=\"axis\"/>")
        if let peak = values.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }), peak.value > 0 {
            parts.append("<text x=\"\(width - 2)\" y=\"12\" text-anchor=\"end\" class=\"value\">\(peakWord) \(caption(peak.value)) (\(peak.key):00)</text>")
        }
        return "<svg class=\"chart\" role=\"img\" aria-label=\"\(title)\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(title)</title>\(parts)</svg>"
    }

    /// Cuts a label to `units` of width, a wide (CJK) character taking two, so it fits left of the bars.
    private static func clip(_ text: String, _ units: Int) -> String {
        func width(_ c: Character) -> Int { c.unicodeScalars.first.map { $0.value >= 0x1100 ? 2 : 1 } ?? 1 }
        guard text.reduce(0, { $0 + width($1) }) > units else { return text }
        var out = "", used = 0
        for c in text {
            guard used + width(c) <= units - 1 else { break }
            out.append(c)
            used += width(c)
        }
        return out + "…"
    }
}

extension String {
    init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }
}
