import SmokegateVerdict
import SmokegateVocabulary

extension ReportPage {
    /// Phases in the order a probe goes through them; any other after these, by name.
    static let phaseOrder = ["dns", "connect", "tls", "server", "transfer", "reply", "query", "command"]

    /// Every check, one collapsible section each, open when a result did not pass; failing checks first.
    static func checks(_ report: RunReport) -> [ReportPageModel.Section<ReportPageModel.Check>] {
        guard !report.checks.isEmpty else { return [] }
        func rank(_ check: RunReport.CheckReport) -> Int {
            if check.results.contains(where: { $0.status == .fail }) { return 0 }
            return check.results.allSatisfy { $0.status == .pass } ? 2 : 1
        }
        let ordered = report.checks.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
        let items = ordered.map { index, check in self.check(check, anchor: "c\(index)") }
        let failing = ordered.count { rank($0.element) == 0 }
        let tally = "\(PageFormat.count(report.checks.count)) · \(PageFormat.count(failing)) failing · passing ones folded"
        return [.init(heading: "Checks", tally: PageText(tally), items: items)]
    }

    private static func check(_ check: RunReport.CheckReport, anchor: String) -> ReportPageModel.Check {
        let name = "\(check.suite)/\(check.name)"
        let statuses = check.results.map(\.status)
        let worst: CheckStatus = statuses.contains(.fail) ? .fail : (statuses.contains(.notRun) ? .notRun
            : (statuses.contains(.flaky) ? .flaky : (statuses.allSatisfy { $0 == .skipped } && !statuses.isEmpty ? .skipped : .pass)))
        let results = check.results.map(result)
        let bars = check.results.compactMap { result -> PhaseBarChart.Bar? in
            guard !result.phases.isEmpty else { return nil }
            let names = result.phases.keys.sorted { (phaseOrder.firstIndex(of: $0) ?? phaseOrder.count, $0) < (phaseOrder.firstIndex(of: $1) ?? phaseOrder.count, $1) }
            return .init(label: result.environment, segments: names.compactMap { phase in result.phases[phase].map { .init(phase: phase, ms: $0.meanMs) } })
        }
        let phases = bars.isEmpty ? [] : [PhaseBarChart(bars: bars, subject: "Mean phase timings of \(name)").svg()]
        let detail = "\(check.kind) · \(check.file):\(check.line)" + (check.tags.isEmpty ? "" : " · tags \(check.tags.joined(separator: ", "))")
        return .init(anchor: PageText(anchor), key: PageText(name), tone: PageText(tone(of: worst)), status: PageText(worst.rawValue),
                     open: worst != .pass && worst != .skipped, name: PageText(name), detail: PageText(detail), results: results, phases: phases)
    }

    private static func result(_ result: RunReport.CheckResult) -> ReportPageModel.Result {
        let failures = result.failures.map { group in
            ReportPageModel.Failure(reason: PageText(group.reason.rawValue), count: PageText(String(group.count)),
                                    first: PageText("first in sample \(group.firstSample + 1):"),
                                    message: PageText(ChartText.shortened(group.message, to: messageLength)))
        }
        // The one sentence when the groups do not say it (a threshold, a version mix, a skip, not run).
        var note: [PageText] = []
        if let message = result.message ?? result.skipReason, failures.first.map({ !message.hasPrefix($0.message.text) }) ?? true {
            note = [PageText(ChartText.shortened(message, to: messageLength))]
        }
        let skipped = result.status == .skipped
        return .init(tone: PageText(tone(of: result.status)), environment: PageText(result.environment), status: PageText(result.status.rawValue),
                     n: PageText(skipped ? "–" : String(result.samplesCompleted)), p50: PageText(ms(result.latency?.p50Ms)),
                     p95: PageText(ms(result.latency?.p95Ms)), p99: PageText(ms(result.latency?.p99Ms)),
                     errorRate: PageText(skipped ? "–" : percent(result.errorRate)), failures: failures, note: note)
    }
}
