import Foundation

/// A limit on a statistic, written like `p95 < 300ms` or `error_rate < 1%`.
public struct Threshold: Sendable, Hashable, CustomStringConvertible {
    /// The statistic a threshold limits.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        case p50, p90, p95, p99, max, min, mean
        case errorRate = "error_rate"

        /// The percentile, for percentile metrics.
        public var percentile: Double? {
            switch self {
            case .p50: 50
            case .p90: 90
            case .p95: 95
            case .p99: 99
            default: nil
            }
        }

        public var isLatency: Bool { self != .errorRate }

        /// Samples per environment a percentile needs before two of them can be compared: at least one must lie
        /// above it (n × (1 − N/100) ≥ 1), otherwise p99 of 30 samples is the slowest one and two maxima differ by
        /// chance. nil for metrics without a minimum (mean, max).
        public var samplesToCompare: Int? {
            guard let percentile, percentile < 100 else { return nil }
            return Int((100 / (100 - percentile) - 1e-9).rounded(.up))
        }
    }

    /// How the observed value must relate to the limit.
    public enum Comparison: String, Sendable, Hashable {
        case lessThan = "<", lessOrEqual = "<=", greaterThan = ">", greaterOrEqual = ">="

        public func holds(_ observed: Double, _ limit: Double) -> Bool {
            switch self {
            case .lessThan: observed < limit
            case .lessOrEqual: observed <= limit
            case .greaterThan: observed > limit
            case .greaterOrEqual: observed >= limit
            }
        }
    }

    public var metric: Metric
    public var comparison: Comparison
    /// The limit: microseconds for latency metrics, a fraction (0.01 = 1%) for the error rate.
    public var limit: Double
    /// The text as written, normalised (`p95 < 300ms`).
    public var description: String

    /// `limitText` is the limit as the user wrote it (`250ms`, `1%`), kept so reports echo their config.
    public init(metric: Metric, comparison: Comparison, limit: Double, limitText: String? = nil) {
        self.metric = metric
        self.comparison = comparison
        self.limit = limit
        self.description = "\(metric.rawValue) \(comparison.rawValue) \(limitText ?? Threshold.format(limit, for: metric))"
    }

    /// Whether `observed` (in the metric's unit) satisfies the threshold.
    public func holds(_ observed: Double) -> Bool { comparison.holds(observed, limit) }

    /// A value of this threshold's metric in the form people read: `12.3ms` or `0.50%`.
    public static func format(_ value: Double, for metric: Metric) -> String {
        metric == .errorRate ? String(format: "%.2f%%", value * 100) : DurationText.format(microseconds: value)
    }

    /// Parses `p95 < 300ms`; `allowed` restricts the metrics (a check's latency block takes no error rate).
    public static func parse(_ text: String, allowed: Set<Metric> = Set(Metric.allCases)) -> Result<Threshold, ThresholdError> {
        let scalars = text.trimmingCharacters(in: .whitespaces)
        let metricText = scalars.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard let metric = Metric(rawValue: String(metricText).lowercased()), allowed.contains(metric) else {
            let names = Metric.allCases.filter(allowed.contains).map(\.rawValue)
            let hint = Levenshtein.suggestion(for: String(metricText), among: names).map { " (did you mean '\($0)'?)" } ?? ""
            return .failure(ThresholdError(offset: 0, message: "unknown metric '\(metricText)'\(hint) in threshold '\(text)': use \(names.joined(separator: ", "))"))
        }
        var rest = scalars.dropFirst(metricText.count).drop { $0 == " " }
        let operatorText = rest.prefix { "<>=".contains($0) }
        guard let comparison = Comparison(rawValue: String(operatorText)) else {
            return .failure(ThresholdError(offset: scalars.count - rest.count, message: "expected <, <=, > or >= after '\(metric.rawValue)' in threshold '\(text)', e.g. '\(metric == .errorRate ? "error_rate < 1%" : "\(metric.rawValue) < 300ms")'"))
        }
        rest = rest.dropFirst(operatorText.count).drop { $0 == " " }
        let valueOffset = scalars.count - rest.count
        let valueText = String(rest).trimmingCharacters(in: .whitespaces)
        if metric == .errorRate {
            guard let fraction = parsePercentage(valueText) else {
                return .failure(ThresholdError(offset: valueOffset, message: "invalid error rate '\(valueText)' in threshold '\(text)': write a percentage such as 1% or 0.5%"))
            }
            return .success(Threshold(metric: metric, comparison: comparison, limit: fraction, limitText: valueText.replacingOccurrences(of: " ", with: "")))
        }
        switch DurationText.parse(valueText) {
        case .success(let duration):
            return .success(Threshold(metric: metric, comparison: comparison, limit: Double(duration.microseconds), limitText: valueText))
        case .failure(let error):
            return .failure(ThresholdError(offset: valueOffset, message: "\(error.message) in threshold '\(text)'"))
        }
    }

    /// `1%` → 0.01, `0.5 %` → 0.005; a bare fraction is refused as ambiguous.
    public static func parsePercentage(_ text: String) -> Double? {
        guard text.hasSuffix("%"), let value = Double(text.dropLast().trimmingCharacters(in: .whitespaces)),
              value >= 0, value <= 100 else { return nil }
        return value / 100
    }
}

/// Why a threshold could not be read; `offset` is the character where the problem starts.
public struct ThresholdError: Error, Sendable, Hashable {
    public var offset: Int
    public var message: String
}
