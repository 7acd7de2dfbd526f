/// What a PostgreSQL probe measured and the rows its query returned, as text.
public struct PostgresProbeResult: Sendable {
    /// TCP connect, TLS, startup and authentication.
    public var connectMicroseconds: Int64
    /// From sending the query until its last row arrived.
    public var queryMicroseconds: Int64
    /// The whole probe, closing included.
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
