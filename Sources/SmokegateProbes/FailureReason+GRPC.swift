import SmokegateVocabulary

extension FailureReason {
    /// The failure reason a gRPC call's status stands for; a code gRPC does not define is smokegate's `internal`.
    public static func grpcStatus(_ code: GRPCStatusCode) -> FailureReason {
        FailureReason.grpcStatus(named: code.name) ?? .internal
    }
}
