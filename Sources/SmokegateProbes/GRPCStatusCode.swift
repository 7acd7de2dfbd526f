/// A gRPC status code (the `grpc-status` a call ends with), named as gRPC names it.
public struct GRPCStatusCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The number sent as `grpc-status`.
    public let rawValue: Int

    /// Any number, defined by gRPC or not.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The call succeeded.
    public static let ok = GRPCStatusCode(rawValue: 0)
    /// The call was cancelled, usually by the caller.
    public static let cancelled = GRPCStatusCode(rawValue: 1)
    /// An error the server could not classify.
    public static let unknown = GRPCStatusCode(rawValue: 2)
    /// The request was invalid.
    public static let invalidArgument = GRPCStatusCode(rawValue: 3)
    /// The deadline passed before the call finished (on the server, or unanswered at the client).
    public static let deadlineExceeded = GRPCStatusCode(rawValue: 4)
    /// Something asked for does not exist; the standard health service says it for an unknown service.
    public static let notFound = GRPCStatusCode(rawValue: 5)
    /// What the call would create exists.
    public static let alreadyExists = GRPCStatusCode(rawValue: 6)
    /// The caller may not do this.
    public static let permissionDenied = GRPCStatusCode(rawValue: 7)
    /// A quota or resource ran out.
    public static let resourceExhausted = GRPCStatusCode(rawValue: 8)
    /// The system is not in a state the call needs.
    public static let failedPrecondition = GRPCStatusCode(rawValue: 9)
    /// The call was aborted, typically by a concurrency conflict.
    public static let aborted = GRPCStatusCode(rawValue: 10)
    /// A value was past a valid range.
    public static let outOfRange = GRPCStatusCode(rawValue: 11)
    /// The server does not implement the method (no health service).
    public static let unimplemented = GRPCStatusCode(rawValue: 12)
    /// The server broke an invariant: the server's internal error, not smokegate's.
    public static let `internal` = GRPCStatusCode(rawValue: 13)
    /// The service is unavailable for now (shutting down, overloaded).
    public static let unavailable = GRPCStatusCode(rawValue: 14)
    /// Data was lost or corrupted.
    public static let dataLoss = GRPCStatusCode(rawValue: 15)
    /// The call lacks valid credentials.
    public static let unauthenticated = GRPCStatusCode(rawValue: 16)

    private static let names = CodeNames(names: [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ], unnamedPrefix: "CODE_")

    /// Reads `UNAVAILABLE`, `deadline_exceeded`… (any case); nil for an unknown name.
    public init?(name: String) {
        guard let code = Self.names.code(named: name) else { return nil }
        self.init(rawValue: code)
    }

    /// `OK`, `UNAVAILABLE`…; `CODE_42` for a code gRPC does not define.
    public var name: String {
        Self.names.name(of: rawValue)
    }

    /// The name.
    public var description: String { name }
}
