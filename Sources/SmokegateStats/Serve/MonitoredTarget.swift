import Foundation
import SmokegateModel
import SmokegateVocabulary

/// What `serve` knows about one target over a run of months, folded probe by probe in start order. Every part is
/// bounded: counters, fixed rings and capped lists, so memory does not grow with time.
public struct MonitoredTarget: Sendable {
    /// A stretch of failing probes, in wall-clock time.
    public struct Window: Sendable, Hashable {
        public var start: Date
        /// When the next passing probe started; nil while still down.
        public var end: Date?
        public var failedProbes: Int
        public var firstReason: FailureReason
        public var firstMessage: String
    }

    /// The latest probe's outcome.
    public struct LastProbe: Sendable, Hashable {
        public var startedAt: Date
        public var passed: Bool
        /// Microseconds; nil when no answer came.
        public var latency: Int64?
        public var status: Int?
        public var reason: FailureReason?
        public var message: String?
    }

    /// What changed with a probe: what logs and alerts tell.
    public enum Change: Sendable, Hashable {
        case wentDown(Window)
        case cameUp(Window)
        case version(from: String?, to: String, at: Date)
    }

    /// Windows kept in full; older ones are counted in `windowCount` and `downtime` only.
    public static let keptWindows = 50

    public let key: TargetKey
    /// `http`, `tcp`, `postgres`, `redis`…
    public let kind: String
    /// What is probed, passwords removed.
    public let target: String
    public let interval: Duration
    /// What must stay equal across a reload for the state to carry over.
    public let fingerprint: String

    public private(set) var status: TargetStatus = .unknown
    public private(set) var statusSince: Date?
    public private(set) var last: LastProbe?
    public private(set) var probes: UInt64 = 0
    public private(set) var failed: UInt64 = 0
    public private(set) var failuresByReason: [FailureReason: UInt64] = [:]
    /// Probes cancelled in flight (a reload, a shutdown): their outcome is unknown.
    public private(set) var cutShort: UInt64 = 0
    /// Probes due but not started because earlier ones still ran (the target stalled).
    public private(set) var missed: UInt64 = 0
    /// Time down in closed windows; `downtime(at:)` adds the open one.
    public private(set) var closedDowntime: Double = 0
    public private(set) var windowCount: UInt64 = 0
    /// The latest windows, oldest first, the open one last.
    public private(set) var windows: [Window] = []
    public private(set) var availability = AvailabilityBuckets()
    public private(set) var recent = RecentProbes()
    public private(set) var duration = CumulativeHistogram()
    public private(set) var phases: [String: CumulativeHistogram] = [:]
    public private(set) var version: String?
    public private(set) var versionSince: Date?
    public private(set) var certificateExpiresAt: Date?

    private var nextToFold = 0
    private var waiting: [Int: (sample: Sample?, startedAt: Date)] = [:]
    private var previousStart: Date?
    private var previousFailed = false

    public init(key: TargetKey, kind: String, target: String, interval: Duration, fingerprint: String) {
        self.key = key
        self.kind = kind
        self.target = target
        self.interval = interval
        self.fingerprint = fingerprint
    }

    /// A probe was due but not started.
    public mutating func recordMissed() { missed += 1 }

    /// Takes a finished probe (nil when cancelled) that started at `startedAt`, and folds every probe now in start
    /// order; returns what changed.
    public mutating func receive(sequence: Int, _ sample: Sample?, startedAt: Date) -> [Change] {
        waiting[sequence] = (sample, startedAt)
        var changes: [Change] = []
        while let next = waiting.removeValue(forKey: nextToFold) {
            nextToFold += 1
            if let sample = next.sample {
                changes += fold(sample, startedAt: next.startedAt)
            } else {
                cutShort += 1
            }
        }
        return changes
    }

    private mutating func fold(_ sample: Sample, startedAt: Date) -> [Change] {
        var changes: [Change] = []
        let failure = sample.failures.first
        // The time since the previous probe started was down when that probe failed: windows run from the first
        // failing probe to the next passing one, as in a watch.
        if let previousStart { availability.add(from: previousStart, to: startedAt, down: previousFailed) }
        previousStart = startedAt
        previousFailed = failure != nil
        availability.count(probeAt: startedAt, failed: failure != nil)

        probes += 1
        if let failure {
            failed += 1
            for reason in Set(sample.failures.map(\.reason)) { failuresByReason[reason, default: 0] += 1 }
            if status != .down {
                let window = Window(start: startedAt, end: nil, failedProbes: 1, firstReason: failure.reason, firstMessage: failure.message)
                windows.append(window)
                if windows.count > Self.keptWindows { windows.removeFirst(windows.count - Self.keptWindows) }
                windowCount += 1
                status = .down
                statusSince = startedAt
                changes.append(.wentDown(window))
            } else if let open = windows.indices.last {
                windows[open].failedProbes += 1
            }
        } else if status != .up {
            if status == .down, let open = windows.indices.last {
                windows[open].end = startedAt
                closedDowntime += startedAt.timeIntervalSince(windows[open].start)
                changes.append(.cameUp(windows[open]))
            }
            status = .up
            statusSince = startedAt
        }

        let measurement = sample.measurement
        last = LastProbe(startedAt: startedAt, passed: failure == nil, latency: measurement.latency, status: measurement.status,
                         reason: failure?.reason, message: failure?.message)
        recent.append(.init(startedAt: startedAt, latency: measurement.latency, failed: failure != nil))
        if let latency = measurement.latency { duration.record(microseconds: latency) }
        for phase in measurement.phases { phases[phase.name, default: CumulativeHistogram(.phase)].record(microseconds: phase.microseconds) }
        if let certificate = measurement.certificate { certificateExpiresAt = certificate.notAfter }
        if let answered = measurement.version, answered != version {
            changes.append(.version(from: version, to: answered, at: startedAt))
            version = answered
            versionSince = startedAt
        }
        return changes
    }

    /// Time down in every window so far, the open one counted up to `now`, in seconds.
    public func downtime(at now: Date) -> Double {
        guard status == .down, let open = windows.last, open.end == nil else { return closedDowntime }
        return closedDowntime + max(0, now.timeIntervalSince(open.start))
    }

    /// The same target on a new schedule (after a reload): its history kept, its probes numbered from zero again.
    public func rescheduled() -> MonitoredTarget {
        var copy = self
        copy.nextToFold = 0
        copy.waiting = [:]
        return copy
    }
}
