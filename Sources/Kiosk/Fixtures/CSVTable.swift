import Foundation

/// A CSV file (RFC 4180) read with line numbers kept, so that a bad value can be named by
/// file, line and field. The first row names the fields.
struct CSVTable {
    struct Row {
        let file: String
        let line: Int
        let values: [String: String]

        /// A required field, trimmed; empty is an error.
        func text(_ field: String) throws -> String {
            guard let raw = values[field] else { throw missingColumn(field) }
            let v = raw.trimmingCharacters(in: .whitespaces)
            guard !v.isEmpty else { throw FixtureError(file: file, line: line, field: field, problem: "is empty") }
            return v
        }

        /// The header (line 1) names no such field: every row lacks it, so the file is told, not a row.
        func missingColumn(_ field: String) -> FixtureError {
            FixtureError(file: file, line: 1, field: field, problem: "is missing from the header")
        }

        func optional(_ field: String) -> String? {
            let v = values[field]?.trimmingCharacters(in: .whitespaces) ?? ""
            return v.isEmpty ? nil : v
        }

        func int(_ field: String, in range: ClosedRange<Int> = 0...Int.max) throws -> Int {
            let v = try text(field)
            guard let n = Int(v), range.contains(n) else {
                throw FixtureError(file: file, line: line, field: field,
                                   problem: "is \"\(v)\", not a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }

        /// `HH:MM` on a 24-hour clock, as seconds after midnight.
        func clockTime(_ field: String) throws -> TimeInterval {
            let v = try text(field)
            let parts = v.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let h = Int(parts[0]), let m = Int(parts[1]),
                  (0...23).contains(h), (0...59).contains(m) else {
                throw fail(field, "is \"\(v)\", not a time of day HH:MM (for example 06:00)")
            }
            return TimeInterval(h * 3600 + m * 60)
        }

        /// A number of seconds, people or customers: a decimal from 0 up to `most`.
        func decimal(_ field: String, most: Double) throws -> Double {
            let v = try text(field)
            guard let d = Double(v), d >= 0, d <= most else {
                throw fail(field, "is \"\(v)\", not a number from 0 to \(most.asTyped)")
            }
            return d
        }

        func oneOf(_ field: String, _ allowed: [String]) throws -> String {
            let v = try text(field)
            guard allowed.contains(v) else {
                throw fail(field, "is \"\(v)\", not one of \(allowed.joined(separator: ", "))")
            }
            return v
        }

        func fail(_ field: String, _ problem: String) -> FixtureError {
            FixtureError(file: file, line: line, field: field, problem: problem)
        }
    }

    let file: String
    let rows: [Row]

    init(url: URL) throws {
        file = url.lastPathComponent
        guard let data = try? Data(contentsOf: url) else {
            throw FixtureError(file: file, line: 0, field: nil, problem: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FixtureError(file: file, line: 1, field: nil, problem: "is not UTF-8 text")
        }
        let records = try CSVTable.records(text, file: file)
        guard let header = records.first else {
            throw FixtureError(file: file, line: 1, field: nil, problem: "is empty; the first line must name the fields")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [Row] = []
        for record in records.dropFirst() {
            if record.fields.count == 1, record.fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if record.fields.first?.hasPrefix("#") == true { continue }
            guard record.fields.count == names.count else {
                throw FixtureError(file: file, line: record.line, field: nil,
                                   problem: "has \(record.fields.count) fields where the header names \(names.count)")
            }
            rows.append(Row(file: file, line: record.line, values: Dictionary(zip(names, record.fields), uniquingKeysWith: { a, _ in a })))
        }
        self.rows = rows
    }

    init(directory: URL, name: String) throws {
        try self.init(url: directory.appendingPathComponent(name))
    }

    private struct Record { let line: Int; let fields: [String] }

    /// RFC 4180: fields separated by commas, quoted with "…" where they hold commas, quotes
    /// ("" inside) or line breaks; CRLF or LF line ends.
    private static func records(_ text: String, file: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var chars = Array(text).makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return chars.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    let n = next()
                    if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                quoted = true
            case ",":
                fields.append(field); field = ""
            case "\n", "\r\n", "\r":
                fields.append(field); field = ""
                records.append(Record(line: recordLine, fields: fields)); fields = []
                line += 1; recordLine = line
            default:
                field.append(c)
            }
        }
        if quoted { throw FixtureError(file: file, line: recordLine, field: nil, problem: "has a quote that is never closed") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}

/// A fixture file that cannot be used, said in one sentence naming the file, the line and the field.
public struct FixtureError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let field: String?
    public let problem: String

    public var description: String {
        var where_ = file
        if line > 0 { where_ += " line \(line)" }
        if let field { return "\(where_): field \"\(field)\" \(problem)." }
        return line > 0 ? "\(where_): \(problem)." : "\(where_) \(problem)."
    }
}
