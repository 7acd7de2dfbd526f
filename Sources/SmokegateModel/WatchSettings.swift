/// A suite's `watch:` block: how `smokegate watch` probes it, when it stops and what it must show.
public struct WatchSettings: Sendable {
    /// Time between two probes of a target.
    public var interval: Duration?
    /// How long to watch at most.
    public var duration: Duration?
    /// Stop early once this holds.
    public var until: UntilCondition?
    /// Probes of one target in flight at once; a probe due beyond it is counted as missed.
    public var maxInFlight: Int?
    /// How often reports are rewritten while watching.
    public var checkpointEvery: Duration?
    /// Limits on every target; nil means the default, `downtime: 0s`.
    public var gates: [WatchGate]?

    public init() {}
}

/// When a watch may stop before its duration: `version v2 for 30s`, `up for 10s`.
public enum UntilCondition: Sendable, Hashable, CustomStringConvertible {
    /// Every target that has answered `version` answered only it, without failures, for the duration.
    case version(String, for: Duration)
    /// Every target passed every probe for the duration.
    case up(for: Duration)

    public var description: String {
        switch self {
        case .version(let version, let duration): "version \(version) for \(DurationText.format(duration))"
        case .up(let duration): "up for \(DurationText.format(duration))"
        }
    }

    /// How long the condition must hold.
    public var span: Duration {
        switch self {
        case .version(_, let duration), .up(let duration): duration
        }
    }

    /// Parses `version v2 for 30s` or `up for 30s`.
    public static func parse(_ text: String) -> Result<UntilCondition, ThresholdError> {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let usage = "write 'version <v> for <duration>' or 'up for <duration>', e.g. 'version v2 for 30s'"
        func duration(_ word: String) -> Result<Duration, ThresholdError> {
            switch DurationText.parse(word) {
            case .success(let duration) where duration > .zero: .success(duration)
            case .success: .failure(ThresholdError(offset: 0, message: "the until duration must be above zero in '\(text)'"))
            case .failure(let error): .failure(ThresholdError(offset: 0, message: "\(error.message) in until condition '\(text)'"))
            }
        }
        switch words.first?.lowercased() {
        case "version" where words.count == 4 && words[2].lowercased() == "for":
            return duration(words[3]).map { .version(words[1], for: $0) }
        case "up" where words.count == 3 && words[1].lowercased() == "for":
            return duration(words[2]).map { .up(for: $0) }
        default:
            return .failure(ThresholdError(offset: 0, message: "cannot read until condition '\(text)': \(usage)"))
        }
    }
}
