import SmokegateModel
/// Everything a watch (or a service) knows about one target, a check in one environment, folded probe by probe.
///
/// Probes finish out of order (open loop: a slow one overlaps the next), but windows and the version timeline are
/// defined in start order, so results wait in a small buffer until every earlier probe has finished. Memory does
/// not grow with the watch's length: latencies go into histograms, and windows, segments and details are capped.
public struct TargetState: Sendable {
    /// One minute of the watch, counted from its start.
    public struct Minute: Sendable {
        public var minute: Int
        public var probes: Int
        public var failed: Int
        public var latency: LatencyDistribution?
    }

    public let check: Int
    public let environment: String
    /// Probes of this target allowed in flight at once.
    public let maxInFlight: Int

    /// Probes due so far, started or missed.
    public private(set) var scheduled = 0
    /// Probes not started because `maxInFlight` were still running.
    public private(set) var missed = 0
    public private(set) var inFlight = 0
    public private(set) var peakInFlight = 0
    /// Probes cancelled in flight by a signal, and when the oldest of them was due: their outcome is unknown,
    /// which for a hanging target is the outage itself.
    public private(set) var cutShort = 0
    public private(set) var oldestCutShort: Duration?

    /// Probes finished and folded, in start order.
    public private(set) var probes = 0
    public private(set) var failed = 0
    public private(set) var latency = LatencyRecorder()
    public private(set) var minutes: [Minute] = []
    private var minute: (index: Int, probes: Int, failed: Int, latency: LatencyRecorder)?
    public private(set) var downtime = DowntimeTracker()
    public private(set) var timeline = VersionTimeline()
    public private(set) var statusCodes: [Int: Int] = [:]
    public private(set) var answeredBy: Set<String> = []
    public private(set) var failures = FailureTally(limit: 100)
    public private(set) var failedDetails: [Sample] = []
    /// Start of the latest folded probe.
    public private(set) var lastStarted: Duration?
    /// Start of the current run of passing probes.
    public private(set) var upSince: Duration?
    /// Start of the current run of passing probes answered by `untilVersion`.
    public private(set) var onVersionSince: Duration?
    private let untilVersion: String?

    private var nextToFold = 0
    private var waiting: [Int: Sample?] = [:]

    public init(check: Int, environment: String, maxInFlight: Int, untilVersion: String?) {
        self.check = check
        self.environment = environment
        self.maxInFlight = maxInFlight
        self.untilVersion = untilVersion
    }

    /// A probe was due and started.
    public mutating func started() {
        scheduled += 1
        inFlight += 1
        peakInFlight = max(peakInFlight, inFlight)
    }

    /// A probe was due but not started: `maxInFlight` were still running (the target stalled).
    public mutating func missedOne() {
        scheduled += 1
        missed += 1
    }

    /// Takes a finished probe (nil when it was cancelled) and folds every probe now in start order.
    public mutating func receive(sequence: Int, _ sample: Sample?, due: Duration, target: Int) -> [WatchEvent] {
        inFlight -= 1
        if sample == nil {
            cutShort += 1
            oldestCutShort = min(oldestCutShort ?? due, due)
        }
        waiting[sequence] = .some(sample)
        var events: [WatchEvent] = []
        while let next = waiting.removeValue(forKey: nextToFold) {
            nextToFold += 1
            if let sample = next { events += fold(sample, target: target) }
        }
        return events
    }

    private mutating func fold(_ sample: Sample, target: Int) -> [WatchEvent] {
        var events: [WatchEvent] = []
        let started = sample.started
        probes += 1
        lastStarted = started
        let failure = sample.failures.first
        if failure != nil { failed += 1 }
        if let value = sample.measurement.latency { latency.record(value) }
        foldMinute(sample)
        if let status = sample.measurement.status { statusCodes[status, default: 0] += 1 }
        if let peer = sample.measurement.answeredBy, answeredBy.count < 64 { answeredBy.insert(peer) }
        failures.add(sample.failures, sample: sample.index)
        if failure != nil, failedDetails.count < FailureTally.detailedFailures { failedDetails.append(sample) }

        switch downtime.record(started: started, failure: failure) {
        case .wentDown(let window)?: events.append(.down(target: target, window: window))
        case .cameUp(let window)?: events.append(.up(target: target, window: window))
        case nil: break
        }
        if let version = sample.measurement.version, let change = timeline.record(started: started, version: version) {
            events.append(.version(target: target, from: change.from, to: version, at: started, flap: change.flap))
        }
        upSince = failure == nil ? (upSince ?? started) : nil
        if let untilVersion {
            onVersionSince = failure == nil && sample.measurement.version == untilVersion ? (onVersionSince ?? started) : nil
        }
        return events
    }

    private mutating func foldMinute(_ sample: Sample) {
        let index = Int(sample.started.components.seconds / 60)
        if let current = minute, current.index != index { closeMinute() }
        var current = minute ?? (index, 0, 0, LatencyRecorder())
        current.probes += 1
        if !sample.passed { current.failed += 1 }
        if let value = sample.measurement.latency { current.latency.record(value) }
        minute = current
    }

    private mutating func closeMinute() {
        guard let current = minute else { return }
        minutes.append(Minute(minute: current.index, probes: current.probes, failed: current.failed, latency: LatencyDistribution(current.latency)))
        minute = nil
    }

    /// Minutes so far, the current one included.
    public var allMinutes: [Minute] {
        guard let current = minute else { return minutes }
        return minutes + [Minute(minute: current.index, probes: current.probes, failed: current.failed, latency: LatencyDistribution(current.latency))]
    }

    /// The target is in a downtime window.
    public var isDown: Bool { downtime.open != nil }
}

/// Something a person watching should hear about at once.
public enum WatchEvent: Sendable {
    case down(target: Int, window: DowntimeTracker.Window)
    case up(target: Int, window: DowntimeTracker.Window)
    case version(target: Int, from: String?, to: String, at: Duration, flap: Bool)
}
