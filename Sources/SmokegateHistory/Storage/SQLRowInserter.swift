import SQLKit

/// Multi-row `INSERT`s: one statement per chunk rather than one per row, which is most of a run's write cost.
enum SQLRowInserter {
    /// PostgreSQL takes at most 65 535 parameters in a statement; stay well below.
    static let maximumBindsPerStatement = 30_000

    static func insert(
        into table: String,
        columns: [String],
        rows: [[any SQLExpression]],
        suffix: SQLQueryString = "",
        on database: any SQLDatabase
    ) async throws {
        guard !rows.isEmpty else { return }
        let rowsPerStatement = max(1, maximumBindsPerStatement / max(1, columns.count))
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + rowsPerStatement)]
            var sql: SQLQueryString = "INSERT INTO \(ident: table) (\(idents: columns, joinedBy: ", ")) VALUES "
            for (offset, row) in chunk.enumerated() {
                sql += offset == 0 ? "(" : ", ("
                sql += row.map { SQLQueryString("\($0)") }.joined(separator: ", ") + ")"
            }
            sql += " "
            sql += suffix
            try await database.raw(sql).run()
            start += rowsPerStatement
        }
    }
}
