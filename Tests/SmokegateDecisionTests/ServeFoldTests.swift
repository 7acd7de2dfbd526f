import Foundation
@testable import SmokegateModel
@testable import SmokegateReports
@testable import SmokegateStats
@testable import SmokegateVerdict
import SmokegateVocabulary
import Testing

/// serve's fold of probes into a target's state, and what the status, the verdict and the metrics make of it: on
/// made-up probe sequences, no server.
@Suite struct ServeFoldTests {
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)
    static let key = TargetKey(suite: "shop", check: "health", environment: "green")

    static func sample(_ sequence: Int, failed: FailureReason? = nil, latency: Int64? = 2_000, version: String? = nil) -> Sample {
        var measurement = ProbeMeasurement(latency: latency, phases: [Phase("connect", 300), Phase("server", 1_500)], status: failed == nil ? 200 : 503)
        measurement.version = version
        return Sample(check: 0, environment: "green", index: sequence, scheduled: .zero, started: .zero, attempts: 1,
                      failures: failed.map { [Failure(reason: $0, message: "status \($0): expected 200, got 503")] } ?? [], rescuedFailures: [],
                      measurement: measurement)
    }

    /// A target probed every 10 s from `epoch`: `pattern` says which probes fail (true) and which pass.
    static func target(_ pattern: [Bool]) -> MonitoredTarget {
        var target = MonitoredTarget(key: key, kind: "http", target: "http://green/health", interval: .seconds(10), fingerprint: "x")
        for (sequence, failing) in pattern.enumerated() {
            _ = target.receive(sequence: sequence, sample(sequence, failed: failing ? .status : nil), startedAt: epoch.addingTimeInterval(Double(sequence) * 10))
        }
        return target
    }

    @Test func probesFinishingOutOfOrderAreFoldedInStartOrder() {
        var target = MonitoredTarget(key: Self.key, kind: "http", target: "t", interval: .seconds(10), fingerprint: "x")
        // Probe 1 (failing) finishes before probe 0 (passing): nothing may change until probe 0 is in.
        #expect(target.receive(sequence: 1, Self.sample(1, failed: .timeout), startedAt: Self.epoch.addingTimeInterval(10)).isEmpty)
        #expect(target.status == .unknown && target.probes == 0)
        let changes = target.receive(sequence: 0, Self.sample(0), startedAt: Self.epoch)
        #expect(target.probes == 2)
        guard case .wentDown(let window)? = changes.first else {
            Issue.record("the failing probe, folded second, opens a window: \(changes)")
            return
        }
        #expect(window.start == Self.epoch.addingTimeInterval(10))
        #expect(window.firstReason == .timeout)
        #expect(target.status == .down && target.statusSince == Self.epoch.addingTimeInterval(10))
    }

    @Test func aWindowRunsFromTheFirstFailingProbeToTheNextPassingOne() {
        let target = Self.target([false, true, true, false, false])
        #expect(target.windowCount == 1)
        let window = try? #require(target.windows.first)
        #expect(window?.start == Self.epoch.addingTimeInterval(10) && window?.end == Self.epoch.addingTimeInterval(30))
        #expect(window?.failedProbes == 2)
        #expect(target.closedDowntime == 20)
        #expect(target.status == .up && target.statusSince == Self.epoch.addingTimeInterval(30))
        #expect(target.failed == 2 && target.probes == 5 && target.failuresByReason == [.status: 2])
        // Availability over the probes' span: 20 s down of 40 s observed.
        let figures = target.availability.figures(over: .seconds(3600), now: Self.epoch.addingTimeInterval(45))
        #expect(figures.observedSeconds == 40 && figures.downSeconds == 20)
        #expect(figures.availability == 0.5)
        #expect(figures.probes == 5 && figures.failed == 2)
    }

    @Test func anOpenWindowCountsUpToNowAndCancelledProbesAreCutShort() {
        var target = Self.target([false, true])
        _ = target.receive(sequence: 2, nil, startedAt: Self.epoch.addingTimeInterval(20))
        #expect(target.cutShort == 1 && target.probes == 2)
        #expect(target.downtime(at: Self.epoch.addingTimeInterval(70)) == 60)
        #expect(target.windows.last?.end == nil)
    }

    @Test func windowsBeyondTheCapAreCountedButNotKept() {
        let target = Self.target(Array(repeating: [true, false], count: MonitoredTarget.keptWindows + 10).flatMap { $0 })
        #expect(target.windowCount == UInt64(MonitoredTarget.keptWindows + 10))
        #expect(target.windows.count == MonitoredTarget.keptWindows)
        #expect(target.windows.first?.start == Self.epoch.addingTimeInterval(200), "the newest windows are kept, the oldest dropped")
        #expect(target.closedDowntime == Double(MonitoredTarget.keptWindows + 10) * 10)
    }

    @Test func theLastProbesAreARingAndOnlyTheRecentOnesCount() {
        var recent = RecentProbes(capacity: 4)
        #expect(recent.all.isEmpty, "an empty ring has no probes, though its slots are allocated")
        for second in 0..<2 { recent.append(.init(startedAt: Self.epoch.addingTimeInterval(Double(second)), latency: Int64(second), failed: false)) }
        #expect(recent.all.map(\.latency) == [0, 1])
        recent = RecentProbes(capacity: 4)
        for second in 0..<6 { recent.append(.init(startedAt: Self.epoch.addingTimeInterval(Double(second)), latency: Int64(second), failed: false)) }
        #expect(recent.all.map(\.latency) == [2, 3, 4, 5])
        #expect(recent.within(.seconds(2), of: Self.epoch.addingTimeInterval(5)).map(\.latency) == [3, 4, 5])
    }

    @Test func availabilityIsSplitAtBucketEdgesAndLongSpansUseHourlyBuckets() {
        var buckets = AvailabilityBuckets()
        let hour = Date(timeIntervalSince1970: 1_800_003_600)  // on an hour's edge
        buckets.add(from: hour.addingTimeInterval(-60), to: hour.addingTimeInterval(60), down: true)
        buckets.add(from: hour.addingTimeInterval(60), to: hour.addingTimeInterval(120), down: false)
        let short = buckets.figures(over: .seconds(600), now: hour.addingTimeInterval(120))
        #expect(short.observedSeconds == 180 && short.downSeconds == 120)
        // Two days back only the hourly ring reaches.
        let week = buckets.figures(over: .seconds(2 * 86_400), now: hour.addingTimeInterval(120))
        #expect(week.observedSeconds == 180 && week.downSeconds == 120)
        #expect(buckets.figures(over: .seconds(600), now: hour.addingTimeInterval(86_400 * 3)).availability == nil)
    }

    @Test func aNewVersionIsAChangeAndTheCertificateExpiryIsKept() {
        var target = MonitoredTarget(key: Self.key, kind: "http", target: "t", interval: .seconds(10), fingerprint: "x")
        #expect(target.receive(sequence: 0, Self.sample(0, version: "1.4.2"), startedAt: Self.epoch) == [.version(from: nil, to: "1.4.2", at: Self.epoch)])
        #expect(target.receive(sequence: 1, Self.sample(1, version: "1.4.2"), startedAt: Self.epoch.addingTimeInterval(10)).isEmpty)
        #expect(target.receive(sequence: 2, Self.sample(2, version: "1.5.0"), startedAt: Self.epoch.addingTimeInterval(20))
            == [.version(from: "1.4.2", to: "1.5.0", at: Self.epoch.addingTimeInterval(20))])
        #expect(target.version == "1.5.0" && target.versionSince == Self.epoch.addingTimeInterval(20))
    }

    @Test func theVerdictOverASpanPassesFailsOrHasNoData() throws {
        let suite = Suite(environments: [Environment(name: "green")], checks: [], gates: [], files: [], redactor: Redactor())
        func snapshot(_ targets: [MonitoredTarget], now: Date) -> MonitorSnapshot {
            MonitorSnapshot(takenAt: now, startedAt: Self.epoch, files: [], loadedAt: Self.epoch, lastReload: nil, reloadFailures: 0, running: true,
                            targets: targets, suite: suite)
        }
        let healthy = try #require(ServeVerdictBuilder.build(snapshot([Self.target([false, false, false])], now: Self.epoch.addingTimeInterval(25)),
                                                             environment: "green", span: .seconds(60)))
        #expect(healthy.decision == .pass && healthy.probes == 3 && healthy.failed == 0)
        let failing = try #require(ServeVerdictBuilder.build(snapshot([Self.target([false, true, false])], now: Self.epoch.addingTimeInterval(25)),
                                                             environment: "green", span: .seconds(60)))
        #expect(failing.decision == .fail)
        #expect(failing.reasons.first?.hasPrefix("gate error_rate < 1% failed in green over the last 1m00s: error_rate 33.33% (1 of 3 probes failed) is not < 1%") == true,
                "\(failing.reasons)")
        // The span reaches back 5 s: only the last probe (passing) counts.
        let recent = try #require(ServeVerdictBuilder.build(snapshot([Self.target([true, true, false])], now: Self.epoch.addingTimeInterval(25)),
                                                            environment: "green", span: .seconds(5)))
        #expect(recent.decision == .pass && recent.probes == 1)
        let none = try #require(ServeVerdictBuilder.build(snapshot([], now: Self.epoch), environment: "green", span: .seconds(60)))
        #expect(none.decision == .noData)
        #expect(ServeVerdictBuilder.build(snapshot([], now: Self.epoch), environment: "blue", span: .seconds(60)) == nil)
    }

    @Test func metricsEscapeLabelsAndCountByResult() {
        let hostile = TargetKey(suite: "s\"uite", check: "line\nbreak\\", environment: "green")
        var target = MonitoredTarget(key: hostile, kind: "http", target: "t", interval: .seconds(10), fingerprint: "x")
        _ = target.receive(sequence: 0, Self.sample(0), startedAt: Self.epoch)
        _ = target.receive(sequence: 1, Self.sample(1, failed: .connectionRefused, latency: nil), startedAt: Self.epoch.addingTimeInterval(10))
        let suite = Suite(environments: [Environment(name: "green")], checks: [], gates: [], files: [], redactor: Redactor())
        let snapshot = MonitorSnapshot(takenAt: Self.epoch.addingTimeInterval(15), startedAt: Self.epoch, files: [], loadedAt: Self.epoch, lastReload: nil,
                                       reloadFailures: 0, running: true, targets: [target], suite: suite)
        let text = String(decoding: Array(PrometheusExposition(snapshot, toolVersion: "9.9.9").joined()), as: UTF8.self)
        let labels = #"suite="s\"uite",check="line\nbreak\\",environment="green",kind="http""#
        #expect(text.contains("smoke_test_total{\(labels),result=\"pass\"} 1\n"), "\(text.prefix(600))")
        #expect(text.contains("smoke_test_total{\(labels),result=\"fail\"} 1\n"))
        #expect(text.contains("smokegate_target_up{\(labels)} 0\n"))
        #expect(text.contains("smokegate_probe_failures_total{\(labels),reason=\"connection_refused\"} 1\n"))
        #expect(text.contains("smoke_test_duration_seconds_bucket{\(labels),le=\"0.005\"} 1\n"))
        #expect(text.contains("smoke_test_duration_seconds_count{\(labels)} 1\n"))
        #expect(text.contains("smokegate_downtime_seconds_total{\(labels)} 5\n"))
        #expect(text.contains("smokegate_build_info{version=\"9.9.9\"} 1\n"))
        // Phases count against their own coarser buckets, from 1 ms; both probes' connects (300 µs) are in every one.
        let connect = "smokegate_probe_phase_duration_seconds_bucket{\(labels),phase=\"connect\""
        #expect(text.contains("\(connect),le=\"0.001\"} 2\n") && text.contains("\(connect),le=\"2.5\"} 2\n") && text.contains("\(connect),le=\"+Inf\"} 2\n"))
        #expect(!text.contains("\(connect),le=\"0.01\"}"), "the latency buckets are not the phases'")
        #expect(text.contains("smokegate_probe_phase_duration_seconds_sum{\(labels),phase=\"server\"} 0.003\n"))
        // Escaped byte by byte: "\r\n" and a quote with a combining accent are single Characters but still hold a line
        // feed and a quote.
        #expect(PrometheusText.escape("a\r\nb") == "a\r\\nb")
        #expect(PrometheusText.escape("\"\u{301}x") == "\\\"\u{301}x")
        #expect(PrometheusText.number(0.005) == "0.005" && PrometheusText.number(3) == "3" && PrometheusText.number(.infinity) == "+Inf")
    }
    @Test func metricsWrittenInSmallChunksAreTheSameTextWithEachFamilyTogether() {
        let targets = (0..<6).map { index -> MonitoredTarget in
            let key = TargetKey(suite: "shop", check: "check \(index)", environment: "green")
            var target = MonitoredTarget(key: key, kind: "http", target: "t", interval: .seconds(10), fingerprint: "x")
            _ = target.receive(sequence: 0, Self.sample(0, version: "v\(index)"), startedAt: Self.epoch)
            _ = target.receive(sequence: 1, Self.sample(1, failed: index.isMultiple(of: 2) ? .timeout : nil), startedAt: Self.epoch.addingTimeInterval(10))
            return target
        }
        let suite = Suite(environments: [Environment(name: "green")], checks: [], gates: [], files: [], redactor: Redactor())
        let snapshot = MonitorSnapshot(takenAt: Self.epoch.addingTimeInterval(15), startedAt: Self.epoch, files: [], loadedAt: Self.epoch, lastReload: nil,
                                       reloadFailures: 0, running: true, targets: targets, suite: suite)
        let whole = Array(PrometheusExposition(snapshot, toolVersion: "1.0", chunkBytes: 1 << 24))
        #expect(whole.count == 1)
        let chunks = Array(PrometheusExposition(snapshot, toolVersion: "1.0", chunkBytes: 512))
        #expect(chunks.count > 10, "\(chunks.count) chunks")
        // A chunk stops at the first target past the limit: one target's family (a phase histogram set) is < 4 KiB.
        #expect(chunks.allSatisfy { $0.count < 512 + 4_096 }, "\(chunks.map(\.count))")
        #expect(Array(chunks.joined()) == whole.first)

        // The text format wants a family's samples together, after its one TYPE line.
        let text = String(decoding: whole.first ?? [], as: UTF8.self)
        var typed: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let name = String(line.split(separator: " ")[2])
                #expect(!typed.contains(name), "\(name) typed twice")
                typed.append(name)
            } else if !line.hasPrefix("#") {
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                let family = ["_bucket", "_sum", "_count"].reduce(name) { name, suffix in
                    typed.last.map { name == $0 + suffix ? $0 : name } ?? name
                }
                #expect(family == typed.last, "\(name) written under \(typed.last ?? "no family")")
            }
        }
        #expect(typed.count == 16 && text.contains("smokegate_target_version_info{suite=\"shop\",check=\"check 5\",environment=\"green\",kind=\"http\",version=\"v5\"} 1\n"))
    }
}
