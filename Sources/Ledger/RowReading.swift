import GRDB

extension Row {
    /// Each row of `statement` made into a value while it is read. The row is not copied, and
    /// its columns are found through the statement's own index of names, where a copied row
    /// (`fetchAll`, `fetchOne`) lower-cases every column name again at each look-up.
    static func each<T>(_ statement: Statement, arguments: StatementArguments = StatementArguments(),
                        _ make: (Row) throws -> T) throws -> [T] {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        var values: [T] = []
        while let row = try cursor.next() { values.append(try make(row)) }
        return values
    }

    /// The first row of `statement` made into a value, as `each` reads it.
    static func first<T>(_ statement: Statement, arguments: StatementArguments = StatementArguments(),
                         _ make: (Row) throws -> T) throws -> T? {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        return try cursor.next().map(make)
    }
}
