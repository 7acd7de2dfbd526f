/// The health of a service as `grpc.health.v1.HealthCheckResponse.ServingStatus` says it.
public struct GRPCServingStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The enum's number on the wire; a value the proto does not define is kept as is.
    public let rawValue: Int

    /// Any number, defined by the proto or not.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The server does not know (also what an empty response means: proto3's default).
    public static let unknown = GRPCServingStatus(rawValue: 0)
    /// The service serves.
    public static let serving = GRPCServingStatus(rawValue: 1)
    /// The service is up but does not serve (draining, not ready).
    public static let notServing = GRPCServingStatus(rawValue: 2)
    /// Used by `Watch` for a service the server does not know; some servers answer `Check` with it too.
    public static let serviceUnknown = GRPCServingStatus(rawValue: 3)

    private static let names = CodeNames(names: ["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"], unnamedPrefix: "STATUS_")

    /// Reads `SERVING`, `not_serving`… (any case); nil for an unknown name.
    public init?(name: String) {
        guard let code = Self.names.code(named: name) else { return nil }
        self.init(rawValue: code)
    }

    /// `SERVING`, `NOT_SERVING`…; `STATUS_7` for a number the proto does not define.
    public var name: String {
        Self.names.name(of: rawValue)
    }

    /// The name.
    public var description: String { name }
}
