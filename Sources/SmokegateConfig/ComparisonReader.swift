import SmokegateModel
import Yams

/// Reads `compare:` blocks: the suite's (which may name the baseline and candidate) and a check's (margins only).
struct ComparisonReader {
    static let suiteKeys = ["baseline", "candidate", "metrics", "relative_margin", "absolute_margin", "error_margin", "significance", "min_samples"]
    static let checkKeys = Array(suiteKeys.dropFirst(2))

    let reader: ConfigReader

    func read(_ node: Node, allowEnvironments: Bool) -> ComparisonSettings? {
        guard let fields = reader.table(node, allowed: allowEnvironments ? Self.suiteKeys : Self.checkKeys, in: "compare") else { return nil }
        var settings = ComparisonSettings()
        settings.baseline = fields["baseline"].flatMap { reader.string($0, what: "baseline") }
        settings.candidate = fields["candidate"].flatMap { reader.string($0, what: "candidate") }
        if let node = fields["metrics"] {
            let allowed: [Threshold.Metric] = [.p50, .p90, .p95, .p99, .max, .mean]
            settings.metrics = reader.stringList(node, what: "metrics").compactMap { text, item in
                guard let metric = Threshold.Metric(rawValue: text), allowed.contains(metric) else {
                    reader.error("unknown latency metric '\(text)' in compare.metrics: use \(allowed.map(\.rawValue).joined(separator: ", "))", at: item)
                    return nil
                }
                return metric
            }
        }
        settings.relativeMargin = fields["relative_margin"].flatMap { percentage($0, what: "relative_margin", example: "20%") }
        settings.absoluteMargin = fields["absolute_margin"].flatMap { reader.duration($0, what: "absolute_margin") }
        settings.errorMargin = fields["error_margin"].flatMap { percentage($0, what: "error_margin", example: "1%") }
        if let node = fields["significance"], let text = reader.string(node, what: "significance") {
            if let value = Double(text), value > 0, value < 1 { settings.significance = value } else {
                reader.error("significance must be a number between 0 and 1 such as 0.05, found '\(node.scalar?.string ?? text)'", at: node)
            }
        }
        settings.minimumSamples = fields["min_samples"].flatMap { reader.int($0, what: "min_samples", range: 2...1_000_000) }
        return settings
    }

    private func percentage(_ node: Node, what: String, example: String) -> Double? {
        guard let text = reader.string(node, what: what) else { return nil }
        guard let value = Threshold.parsePercentage(text.replacingOccurrences(of: " ", with: "")) else {
            reader.error("\(what) must be a percentage such as \(example), found '\(node.scalar?.string ?? text)'", at: node)
            return nil
        }
        return value
    }
}
