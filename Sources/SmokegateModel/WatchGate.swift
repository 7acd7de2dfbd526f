import Foundation

/// A limit a `watch` puts on one target: `downtime: 0s`, `availability: ">= 99.9%"`, `cutover_window: "< 30s"`.
public struct WatchGate: Sendable, Hashable, CustomStringConvertible {
    /// What a watch gate limits.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        case downtime
        case maxWindow = "max_window"
        case availability
        case cutoverWindow = "cutover_window"
        case errorRate = "error_rate"
        case p50, p95, p99

        /// Availability and the error rate are percentages; the rest are durations.
        public var isPercentage: Bool { self == .availability || self == .errorRate }

        /// Written without an operator, availability is a floor and everything else a ceiling.
        var defaultComparison: Threshold.Comparison { self == .availability ? .greaterOrEqual : .lessOrEqual }
    }

    public var metric: Metric
    public var comparison: Threshold.Comparison
    /// Microseconds for durations, a fraction (0.999 = 99.9%) for percentages.
    public var limit: Double
    /// The limit as written, without spaces (`30s`, `99.9%`).
    public var limitText: String
    public var location: SourceLocation?

    public init(metric: Metric, comparison: Threshold.Comparison, limit: Double, limitText: String, location: SourceLocation? = nil) {
        self.metric = metric
        self.comparison = comparison
        self.limit = limit
        self.limitText = limitText
        self.location = location
    }

    /// `downtime <= 0s`.
    public var description: String { "\(metric.rawValue) \(comparison.rawValue) \(limitText)" }

    /// The default when a suite names no gates: a blue/green switch promises no downtime at all.
    public static let zeroDowntime = WatchGate(metric: .downtime, comparison: .lessOrEqual, limit: 0, limitText: "0s")

    /// Parses a gate from its metric name and the value written for it, with an optional leading operator
    /// (`>= 99.9%`); the error's offset counts from the start of `value`.
    public static func parse(metric name: String, value: String) -> Result<WatchGate, ThresholdError> {
        guard let metric = Metric(rawValue: name.lowercased()) else {
            let names = Metric.allCases.map(\.rawValue)
            let hint = Levenshtein.suggestion(for: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            return .failure(ThresholdError(offset: 0, message: "unknown watch gate '\(name)'\(hint): use \(names.joined(separator: ", "))"))
        }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        let operatorText = trimmed.prefix { "<>=".contains($0) }
        let comparison: Threshold.Comparison
        if operatorText.isEmpty {
            comparison = metric.defaultComparison
        } else if let written = Threshold.Comparison(rawValue: String(operatorText)) {
            comparison = written
        } else {
            return .failure(ThresholdError(offset: 0, message: "'\(operatorText)' is not an operator in \(name): use <, <=, > or >="))
        }
        let limitText = trimmed.dropFirst(operatorText.count).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
        if metric.isPercentage {
            guard let fraction = Threshold.parsePercentage(limitText) else {
                return .failure(ThresholdError(offset: 0, message: "\(name) must be a percentage such as \(metric == .availability ? "99.9%" : "1%"), found '\(value)'"))
            }
            return .success(WatchGate(metric: metric, comparison: comparison, limit: fraction, limitText: limitText))
        }
        // `downtime: 0` needs no unit: zero is zero in any of them.
        switch limitText == "0" ? .success(.zero) : DurationText.parse(limitText) {
        case .success(let duration):
            return .success(WatchGate(metric: metric, comparison: comparison, limit: Double(duration.microseconds), limitText: limitText))
        case .failure(let error):
            return .failure(ThresholdError(offset: 0, message: "\(name): \(error.message)"))
        }
    }
}
