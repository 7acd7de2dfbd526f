/// What alert delivery has done since it started, per provider: what `/metrics` shows of it.
public struct AlertDeliveryCounters: Sendable, Hashable {
    /// Per provider (`slack`, `webhook`, `pagerduty`).
    public struct Provider: Sendable, Hashable {
        /// Requests the receiver accepted (a 2xx answer).
        public var sent: UInt64 = 0
        /// Messages given up on: retries exhausted, or an answer that retrying cannot change (a 4xx other than 408 and 429).
        public var failed: UInt64 = 0
        /// Attempts after the first.
        public var retries: UInt64 = 0
        /// Messages dropped unsent because the backlog was full (the oldest go first).
        public var dropped: UInt64 = 0

        public init() {}
    }

    public var providers: [String: Provider] = [:]
    /// Messages waiting or being sent now.
    public var backlog: Int = 0
    /// The most messages that may wait; more drop the oldest.
    public var backlogLimit: Int = 0

    public init() {}
}
