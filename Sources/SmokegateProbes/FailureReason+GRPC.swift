import SmokegateVocabulary

extension FailureReason {
    /// The failure reason a gRPC call's status stands for; a code gRPC does not define is smokegate's `internal`.
    public static func grpcStatus(_ code: GRPCStatusCode) -> FailureReason {
        FailureReason.grpcStatus(named: code.name) ?? .internal
    }

    /// The failure reason of a serving status other than the expected one: `NOT_SERVING`, `SERVICE_UNKNOWN`, or
    /// `serving_status` for the rest.
    public static func servingStatus(_ status: GRPCServingStatus) -> FailureReason {
        FailureReason.servingStatus(named: status.name)
    }
}
