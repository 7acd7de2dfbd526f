import SmokegateVocabulary
import SmokegateModel
/// Turns one target's probes, taken in the order they started, into downtime windows.
///
/// A window opens at the start of the first failing probe and closes at the start of the next passing one. The
/// outage really began somewhere after the last passing probe and really ended somewhere after the last failing
/// one, so each edge, and the duration, is known to within the gap between those probes: one interval, unless
/// probes were missed or started late, which each window's `uncertainty` records.
public struct DowntimeTracker: Sendable {
    /// One continuous stretch of failing probes.
    public struct Window: Sendable, Hashable {
        /// Start of the first failing probe, from the watch's start.
        public var start: Duration
        /// Start of the next passing probe; nil while the target is still down.
        public var end: Duration?
        public var failedProbes: Int
        /// Failure reason codes seen in the window and how often.
        public var reasons: [FailureReason: Int]
        /// The first failure's message, for a person reading the report.
        public var firstMessage: String
        /// How far each edge may be from the real moment: the longer of the gaps before the first failing probe
        /// and before the first passing one. One interval normally; more when probes were missed or late.
        public var uncertainty: Duration = .zero

        /// Its length, counting an open window up to `now`.
        public func duration(at now: Duration) -> Duration { max(.zero, (end ?? now) - start) }
    }

    /// Closed windows, oldest first, up to `kept` of them; `droppedWindows` counts the rest.
    public private(set) var windows: [Window] = []
    /// The window the target is in now.
    public private(set) var open: Window?
    public private(set) var closedCount = 0
    public private(set) var droppedWindows = 0
    private var closedTotal: Duration = .zero
    private var longestClosed: Duration = .zero
    private let kept: Int
    private var previousStart: Duration?

    public init(keeping kept: Int = 1000) {
        self.kept = kept
    }

    /// What a probe changed.
    public enum Change: Sendable, Hashable {
        case wentDown(Window)
        case cameUp(Window)
    }

    /// Folds in the next probe (in start order): `failure` is nil for a passing one.
    public mutating func record(started: Duration, failure: Failure?) -> Change? {
        let gap = previousStart.map { started - $0 } ?? .zero
        previousStart = started
        if let failure {
            if open == nil {
                open = Window(start: started, end: nil, failedProbes: 1, reasons: [failure.reason: 1], firstMessage: failure.message, uncertainty: gap)
                return open.map(Change.wentDown)
            }
            open?.failedProbes += 1
            open?.reasons[failure.reason, default: 0] += 1
            return nil
        }
        guard var window = open else { return nil }
        window.end = started
        window.uncertainty = max(window.uncertainty, gap)
        open = nil
        let length = window.duration(at: started)
        closedTotal += length
        longestClosed = max(longestClosed, length)
        closedCount += 1
        if windows.count < kept { windows.append(window) } else { droppedWindows += 1 }
        return .cameUp(window)
    }

    /// Total time down, counting an open window up to `now`.
    public func downtime(at now: Duration) -> Duration { closedTotal + (open?.duration(at: now) ?? .zero) }

    /// The longest window, counting an open one up to `now`.
    public func longestWindow(at now: Duration) -> Duration { max(longestClosed, open?.duration(at: now) ?? .zero) }

    /// Closed windows plus the open one.
    public var windowCount: Int { closedCount + (open == nil ? 0 : 1) }
}
