import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVocabulary

extension WatchVerdictBuilder {
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

    func targetReport(_ target: TargetState, check: Check, now: Duration, startedAt: Date, uncertainty: Double) -> WatchReport.Target {
        let downtime = target.downtime
        var windows = downtime.windows
        if let open = downtime.open { windows.append(open) }
        let timeline = target.timeline
        let versioned = check.definitions[target.environment]?.versionSource != nil
        func wall(_ offset: Duration) -> String { Timestamp.iso8601(startedAt.addingTimeInterval(offset.seconds)) }
        return WatchReport.Target(
            check: check.name, suite: check.suite, environment: target.environment, target: nil,
            state: target.probes == 0 ? .unknown : (target.isDown ? .down : .up), downSinceMs: downtime.open.map { $0.start.milliseconds },
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
    func checkResult(_ target: TargetState, report: WatchReport.Target, definition: CheckDefinition?, observed: Duration,
                             interrupted: Bool) -> RunReport.CheckResult {
        var result = RunReport.CheckResult(
            environment: target.environment, status: .pass, target: report.target, method: nil, insecure: definition?.probe.insecure ?? false,
            samplesPlanned: target.scheduled, samplesCompleted: target.probes, elapsedSeconds: (observed.seconds * 1000).rounded() / 1000, samplesFailed: target.failed, samplesRescued: 0,
            errorRate: report.errorRate, latency: report.latency, phases: [:],
            statusCodes: Dictionary(uniqueKeysWithValues: target.statusCodes.map { (String($0.key), $0.value) }),
            answeredBy: target.answeredBy.sorted(), versions: report.versions, expectedVersion: definition?.expectedVersion,
            failures: target.failures.sorted,
            failedSamples: target.failedDetails.map(RunReport.FailedSample.init),
            thresholds: report.gates, skipReason: nil, message: nil)
        if case .http(let spec)? = definition?.probe { result.method = spec.method }
        if target.probes == 0, interrupted {
            result.status = .notRun
            result.message = "interrupted before any probe finished"
        } else if let failedGate = report.gates.first(where: { !$0.passed }) {
            result.status = .fail
            result.message = failedGate.message
        } else if report.windowCount > 0 {
            result.message = "\(report.windowCount) downtime window\(report.windowCount == 1 ? "" : "s"), \(DurationText.format(microseconds: report.downtimeMs * 1000)) in all, within its gates"
        }
        return result
    }
}

