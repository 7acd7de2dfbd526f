import Foundation

/// Turns a watch's state into a `RunReport`: windows, timelines and figures per target, every watch gate
/// evaluated, and the decision. Used for checkpoints while watching and for the final report.
public struct WatchVerdictBuilder: Sendable {
    public var suite: Suite
    public var tags: [String]
    public var toolVersion: String

    public init(suite: Suite, tags: [String], toolVersion: String) {
        self.suite = suite
        self.tags = tags
        self.toolVersion = toolVersion
    }

    /// A checkpoint is marked `running` with exit code 1: a gate that reads it before the watch ends must not
    /// promote on figures that are not final.
    public func build(_ state: WatchState, checkpoint: Bool, interruption: VerdictBuilder.Interruption?) -> RunReport {
        let now = state.observedUntil
        let uncertainty = state.plan.interval.milliseconds
        let targets = self.targets(state)
        var reasons: [String] = []
        var gates: [RunReport.ThresholdResult] = []
        var resultByTarget: [String: RunReport.CheckResult] = [:]
        for (target, report) in zip(state.targets, targets) {
            let check = suite.checks[target.check]
            for gate in report.gates {
                if !gate.passed { reasons.append("\(check.qualifiedName) in \(target.environment): \(gate.message)") }
                gates.append(gate)
            }
            resultByTarget["\(target.check)/\(target.environment)"] = checkResult(target, report: report, definition: check.definitions[target.environment],
                                                                                 observed: min(now, state.elapsed), interrupted: interruption != nil)
        }

        var checks: [RunReport.CheckReport] = []
        var counts: [String: Int] = [:]
        for (index, check) in suite.checks.enumerated() {
            let results = suite.environments.map { environment in
                resultByTarget["\(index)/\(environment.name)"] ?? CheckResultBuilder.build(
                    check: check, index: index, environment: environment.name, selected: state.selected.contains(index), samples: [],
                    interrupted: false, tags: tags, redactor: suite.redactor)
            }
            for result in results { counts[result.status, default: 0] += 1 }
            checks.append(RunReport.CheckReport(name: check.name, suite: check.suite, file: check.location.file, line: check.location.line,
                                                kind: check.definitions.values.first?.probe.kind ?? "http", tags: check.tags, results: results))
        }

        let environments = suite.environments.map { environment in
            let mine = state.targets.filter { $0.environment == environment.name }
            var latency = LatencyRecorder()
            for target in mine { latency.merge(target.latency) }
            let probes = mine.map(\.probes).reduce(0, +), failed = mine.map(\.failed).reduce(0, +)
            let statuses = checks.compactMap { $0.results.first { $0.environment == environment.name }?.status }
            return RunReport.EnvironmentSummary(
                name: environment.name, baseURL: environment.baseURL.map(suite.redactor.redact), connectTo: environment.connectTo.map(suite.redactor.redact),
                probes: probes, failed: failed, errorRate: probes == 0 ? nil : Double(failed) / Double(probes),
                latency: LatencyDistribution(latency).map(RunReport.LatencyFigures.init),
                checksPassed: statuses.filter { $0 == "pass" }.count, checksFailed: statuses.filter { $0 == "fail" }.count)
        }

        let failed = !reasons.isEmpty
        var decision = failed ? "fail" : "pass"
        var exitCode: Int32 = failed ? 1 : 0
        let completed = state.targets.map(\.probes).reduce(0, +)
        if let interruption {
            decision = "interrupted"
            exitCode = interruption.exitCode
            reasons.insert("interrupted: \(interruption.rawValue) arrived after \(DurationText.format(state.elapsed)) of watching; the windows so far are reported", at: 0)
        } else if checkpoint {
            decision = "running"
            exitCode = 1
            reasons.insert("checkpoint after \(DurationText.format(state.elapsed)): the watch was still running, so this is not a verdict", at: 0)
        }
        let watch = WatchReport(
            intervalMs: state.plan.interval.milliseconds, durationPlannedSeconds: state.plan.duration.seconds,
            until: state.plan.until?.description, untilMetAtMs: state.untilMetAt.map(\.milliseconds),
            endedBy: checkpoint ? "running" : (state.end ?? .duration).rawValue, checkpoint: checkpoint,
            observedSeconds: (now.seconds * 1000).rounded() / 1000, windowUncertaintyMs: uncertainty, targets: targets)
        return RunReport(
            tool: .init(name: "smokegate", version: toolVersion), runID: state.runID,
            startedAt: Timestamp.iso8601(state.startedAt), finishedAt: Timestamp.iso8601(state.startedAt.addingTimeInterval(state.elapsed.seconds)),
            durationSeconds: (state.elapsed.seconds * 1000).rounded() / 1000, decision: decision, exitCode: Int(exitCode), reasons: reasons,
            interrupted: interruption != nil, interruption: interruption?.rawValue, files: suite.files, concurrency: state.targets.map(\.maxInFlight).reduce(0, +),
            tags: tags,
            totals: .init(checks: suite.checks.count, probesPlanned: state.targets.map(\.scheduled).reduce(0, +), probesCompleted: completed,
                          probesFailed: state.targets.map(\.failed).reduce(0, +), results: counts),
            environments: environments, checks: checks, gates: gates, comparisons: nil, watch: watch)
    }

    /// Every target's figures and gate results: all the live view needs, without building a whole report.
    public func targets(_ state: WatchState) -> [WatchReport.Target] {
        state.targets.map { target in
            let check = suite.checks[target.check]
            var report = targetReport(target, check: check, now: state.observedUntil, startedAt: state.startedAt, uncertainty: state.plan.interval.milliseconds)
            report.target = check.definitions[target.environment].map { suite.redactor.redact($0.probe.target) }
            report.gates = (check.watchGates ?? state.plan.gates).map { gate in
                var result = WatchGateEvaluation.evaluate(gate, target: target, report: report)
                result.environment = target.environment
                result.check = check.qualifiedName
                result.file = gate.location?.file
                result.line = gate.location?.line
                return result
            }
            return report
        }
    }

    private func targetReport(_ target: WatchTargetState, check: Check, now: Duration, startedAt: Date, uncertainty: Double) -> WatchReport.Target {
        let downtime = target.downtime
        var windows = downtime.windows
        if let open = downtime.open { windows.append(open) }
        let timeline = target.timeline
        let versioned = check.definitions[target.environment]?.versionSource != nil
        func wall(_ offset: Duration) -> String { Timestamp.iso8601(startedAt.addingTimeInterval(offset.seconds)) }
        return WatchReport.Target(
            check: check.name, suite: check.suite, environment: target.environment, target: nil,
            state: target.probes == 0 ? "unknown" : (target.isDown ? "down" : "up"), downSinceMs: downtime.open.map { $0.start.milliseconds },
            probesScheduled: target.scheduled, probesCompleted: target.probes, probesFailed: target.failed, probesMissed: target.missed,
            probesCutShort: target.cutShort, unansweredSinceMs: target.oldestCutShort?.milliseconds,
            maxInFlight: target.maxInFlight, peakInFlight: target.peakInFlight,
            errorRate: target.probes == 0 ? nil : Double(target.failed) / Double(target.probes),
            availability: now > .zero && target.probes > 0 ? ((1 - downtime.downtime(at: now).seconds / now.seconds) * 1_000_000).rounded() / 1_000_000 : nil,
            downtimeMs: downtime.downtime(at: now).milliseconds, longestWindowMs: downtime.longestWindow(at: now).milliseconds,
            windowCount: downtime.windowCount,
            windows: windows.map { window in
                WatchReport.Window(startedAt: wall(window.start), startMs: window.start.milliseconds, endedAt: window.end.map(wall),
                                   endMs: window.end.map(\.milliseconds), durationMs: window.duration(at: now).milliseconds, ongoing: window.end == nil,
                                   failedProbes: window.failedProbes, reasons: window.reasons, firstFailure: window.firstMessage,
                                   uncertaintyMs: max(window.uncertainty.milliseconds, uncertainty))
            },
            windowsOmitted: downtime.droppedWindows,
            latency: LatencyDistribution(target.latency).map(RunReport.LatencyFigures.init),
            perMinute: target.allMinutes.map { .init(minute: $0.minute, probes: $0.probes, failed: $0.failed, latency: $0.latency.map(RunReport.LatencyFigures.init)) },
            versions: versioned ? timeline.counts : nil, currentVersion: timeline.current,
            timeline: versioned ? timeline.segments.map { .init(version: $0.version, firstMs: $0.first.milliseconds, lastMs: $0.last.milliseconds, probes: $0.probes) } : nil,
            timelineOmitted: versioned ? timeline.droppedSegments : nil,
            cutover: timeline.cutover.map { cutover in
                WatchReport.Cutover(from: cutover.from, to: cutover.to, firstNewMs: cutover.firstNew.milliseconds, lastOldMs: cutover.lastOld.milliseconds,
                                    startedAt: wall(cutover.start), startMs: cutover.start.milliseconds, endMs: cutover.end.milliseconds,
                                    windowMs: cutover.window.milliseconds, mixedMs: cutover.mixed.milliseconds, flaps: cutover.flaps,
                                    flapTimesMs: timeline.flaps.filter { $0.at >= cutover.firstNew }.map { $0.at.milliseconds },
                                    rolledBack: cutover.rolledBack)
            },
            gates: [])
    }

    /// The check's result in one environment over the watch: it fails when one of its watch gates does.
    private func checkResult(_ target: WatchTargetState, report: WatchReport.Target, definition: CheckDefinition?, observed: Duration,
                             interrupted: Bool) -> RunReport.CheckResult {
        var result = RunReport.CheckResult(
            environment: target.environment, status: "pass", target: report.target, method: nil, insecure: definition?.probe.insecure ?? false,
            samplesPlanned: target.scheduled, samplesCompleted: target.probes, elapsedSeconds: (observed.seconds * 1000).rounded() / 1000, samplesFailed: target.failed, samplesRescued: 0,
            errorRate: report.errorRate, latency: report.latency, phases: [:],
            statusCodes: Dictionary(uniqueKeysWithValues: target.statusCodes.map { (String($0.key), $0.value) }),
            answeredBy: target.answeredBy.sorted(), versions: report.versions, expectedVersion: definition?.expectedVersion,
            failures: target.failures.sorted,
            failedSamples: target.failedDetails.map(RunReport.FailedSample.init),
            thresholds: report.gates, skipReason: nil, message: nil)
        if case .http(let spec)? = definition?.probe { result.method = spec.method }
        if let failedGate = report.gates.first(where: { !$0.passed }) {
            result.status = "fail"
            result.message = failedGate.message
        } else if target.probes == 0, interrupted {
            result.status = "not_run"
            result.message = "interrupted before any probe finished"
        } else if report.windowCount > 0 {
            result.message = "\(report.windowCount) downtime window\(report.windowCount == 1 ? "" : "s"), \(DurationText.format(microseconds: report.downtimeMs * 1000)) in all, within its gates"
        }
        return result
    }
}

