/// What a PostgreSQL probe measured and the rows its query returned, as text.
public struct PostgresProbeResult: Sendable {
    /// DNS (for a name), TCP connect, then TLS, startup and authentication from the first byte written to the last
    /// byte read.
    public var connectMicroseconds: Int64
    /// From writing the query until its last row was read, both stamped on the event loop.
    public var queryMicroseconds: Int64
    /// The probe's latency: connect plus query. Waiting for smokegate's event loop or task scheduler before or
    /// between them is not in it.
    public var totalMicroseconds: Int64
    /// The result's column names, in order.
    public var columns: [String]
    /// The first `maxRows` rows, each column in the server's text form (`nil` for NULL).
    public var rows: [[String?]]
    /// Every row the query returned, kept or not.
    public var rowCount: Int
    /// The address actually connected to, `ip:port`.
    public var peer: String

    public init(
        connectMicroseconds: Int64,
        queryMicroseconds: Int64,
        totalMicroseconds: Int64,
        columns: [String],
        rows: [[String?]],
        rowCount: Int,
        peer: String
    ) {
        self.connectMicroseconds = connectMicroseconds
        self.queryMicroseconds = queryMicroseconds
        self.totalMicroseconds = totalMicroseconds
        self.columns = columns
        self.rows = rows
        self.rowCount = rowCount
        self.peer = peer
    }
}
