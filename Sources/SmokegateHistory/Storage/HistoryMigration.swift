/// One step of the schema: applied once, in order, inside the transaction that records its version.
struct HistoryMigration: Sendable {
    var version: Int
    var name: String
    var sqlite: [String]
    var postgres: [String]

    func statements(for flavor: SQLFlavor) -> [String] {
        switch flavor {
        case .sqlite: sqlite
        case .postgres: postgres
        }
    }

    /// Every migration this binary knows, oldest first; the last one's version is the binary's schema version.
    static let all: [HistoryMigration] = [.initialSchema]
}
