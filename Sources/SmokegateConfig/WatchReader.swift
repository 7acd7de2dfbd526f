import SmokegateModel
import Yams

/// Reads `watch:` blocks: the suite's (rate, length, stop condition, gates) and a check's (gates only).
struct WatchReader {
    static let suiteKeys = ["interval", "duration", "until", "max_in_flight", "checkpoint", "gates"]
    static let checkKeys = ["gates"]

    let reader: ConfigReader

    func read(_ node: Node, suiteLevel: Bool) -> WatchSettings? {
        guard let fields = reader.table(node, allowed: suiteLevel ? Self.suiteKeys : Self.checkKeys, in: "watch") else { return nil }
        var settings = WatchSettings()
        settings.interval = fields["interval"].flatMap { positiveDuration($0, what: "watch.interval", minimum: .milliseconds(1)) }
        settings.duration = fields["duration"].flatMap { positiveDuration($0, what: "watch.duration", minimum: .milliseconds(1)) }
        settings.checkpointEvery = fields["checkpoint"].flatMap { positiveDuration($0, what: "watch.checkpoint", minimum: .milliseconds(100)) }
        settings.maxInFlight = fields["max_in_flight"].flatMap { reader.int($0, what: "watch.max_in_flight", range: 1...10_000) }
        if let node = fields["until"], let text = reader.string(node, what: "watch.until") {
            switch UntilCondition.parse(text) {
            case .success(let condition): settings.until = condition
            case .failure(let error): reader.error(error.message, at: node)
            }
        }
        if let node = fields["gates"] { settings.gates = gates(node) }
        return settings
    }

    /// `gates:` as a mapping (`downtime: 0s`) or a list of expressions (`- availability >= 99.9%`); `{}` or `[]`
    /// switches the default `downtime: 0s` off.
    private func gates(_ node: Node) -> [WatchGate] {
        var result: [WatchGate] = []
        func add(_ parsed: Result<WatchGate, ThresholdError>, at node: Node) {
            switch parsed {
            case .success(var gate):
                gate.location = reader.location(node)
                if result.contains(where: { $0.metric == gate.metric && $0.comparison == gate.comparison }) {
                    reader.error("watch gate '\(gate.metric.rawValue) \(gate.comparison.rawValue)' is given twice", at: node)
                } else {
                    result.append(gate)
                }
            case .failure(let error): reader.error(error.message, at: node, offset: error.offset)
            }
        }
        if let mapping = node.mapping {
            for (keyNode, value) in mapping {
                guard let name = keyNode.scalar?.string, let text = reader.string(value, what: "watch gate '\(keyNode.scalar?.string ?? "?")'") else { continue }
                add(WatchGate.parse(metric: name, value: text), at: keyNode)
            }
        } else if let sequence = node.sequence {
            for item in sequence {
                guard let text = reader.string(item, what: "a watch gate") else { continue }
                let name = String(text.trimmingCharacters(in: .whitespaces).prefix { $0.isLetter || $0 == "_" || $0.isNumber })
                add(WatchGate.parse(metric: name, value: String(text.trimmingCharacters(in: .whitespaces).dropFirst(name.count))), at: item)
            }
        } else {
            reader.error("watch.gates must be a mapping such as 'downtime: 0s' or a list such as '- availability >= 99.9%', found \(reader.describe(node))", at: node)
        }
        return result
    }

    private func positiveDuration(_ node: Node, what: String, minimum: Duration) -> Duration? {
        guard let duration = reader.duration(node, what: what) else { return nil }
        guard duration >= minimum else {
            reader.error("\(what) must be at least \(DurationText.format(minimum)), found '\(node.scalar?.string ?? "")'", at: node)
            return nil
        }
        return duration
    }
}
