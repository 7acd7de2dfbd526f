/// How one `smokegate watch` runs: the suite's `watch:` block with the command line's overrides and defaults.
public struct WatchPlan: Sendable {
    public static let defaultInterval: Duration = .milliseconds(250)
    public static let defaultDuration: Duration = .seconds(300)
    public static let defaultCheckpoint: Duration = .seconds(5)

    public var interval: Duration
    public var duration: Duration
    public var until: UntilCondition?
    /// Probes of one target in flight at once; nil derives it from the check's timeout.
    public var maxInFlight: Int?
    public var checkpointEvery: Duration
    /// Gates for checks without their own `watch.gates`.
    public var gates: [WatchGate]

    /// Command-line values win over the suite's, which win over the defaults.
    public init(settings: WatchSettings?, interval: Duration? = nil, duration: Duration? = nil, until: UntilCondition? = nil,
                maxInFlight: Int? = nil, checkpointEvery: Duration? = nil) {
        self.interval = interval ?? settings?.interval ?? Self.defaultInterval
        self.duration = duration ?? settings?.duration ?? Self.defaultDuration
        self.until = until ?? settings?.until
        self.maxInFlight = maxInFlight ?? settings?.maxInFlight
        self.checkpointEvery = checkpointEvery ?? settings?.checkpointEvery ?? Self.defaultCheckpoint
        self.gates = settings?.gates ?? [.zeroDowntime]
    }

    /// Enough in flight that a target hanging until its timeout never starves the schedule: timeout / interval
    /// plus one, within 4…256.
    public func maxInFlight(for probe: ProbeSpec) -> Int {
        if let maxInFlight { return maxInFlight }
        let perProbe = Double(probe.timeout.components.seconds) + Double(probe.timeout.components.attoseconds) / 1e18
        let every = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        return min(256, max(4, Int((perProbe / every).rounded(.up)) + 1))
    }
}

extension ProbeSpec {
    /// The longest one probe may take.
    public var timeout: Duration {
        switch self {
        case .http(let spec): spec.timeout
        case .tcp(let request): request.totalTimeout
        case .postgres(let spec): spec.timeout
        case .redis(let spec): spec.timeout
        case .dns(let spec): spec.query.timeout
        case .grpc(let request): request.deadline
        }
    }
}
