import SmokegateVocabulary

/// Why a transfer produced no usable response; `reason` is a stable snake_case code for reports.
public struct HTTPTransferError: Error, Sendable, CustomStringConvertible {
    /// The classification.
    public var reason: FailureReason
    /// One human sentence: what happened and where, then curl's own words.
    public var message: String
    /// The libcurl `CURLcode`, 0 when the failure was detected before curl ran.
    public var curlCode: Int32
    /// What elapsed before the failure; `total` is always set for failures curl reported.
    public var timings: HTTPPhaseTimings

    /// Creates an error value.
    public init(reason: FailureReason, message: String, curlCode: Int32 = 0, timings: HTTPPhaseTimings = HTTPPhaseTimings()) {
        self.reason = reason
        self.message = message
        self.curlCode = curlCode
        self.timings = timings
    }

    /// `reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
