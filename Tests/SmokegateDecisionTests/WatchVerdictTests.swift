@testable import SmokegateModel
@testable import SmokegateVerdict
@testable import SmokegateVocabulary
import Testing

/// `WatchVerdictBuilder` on a `WatchState` folded by hand: a checkpoint is not a verdict, a signal interrupts, a
/// failed watch gate fails its target, and the figures per target are the windows' own.
@Suite("Watch verdict building, without servers")
struct WatchVerdictTests {
    @Test func aCheckpointIsRunningExitsOneAndSaysItIsNotAVerdict() async throws {
        var watch = try await HandFoldedWatch()
        watch.probes("..........")
        watch.at(1000, ended: nil)
        let checkpoint = watch.report(checkpoint: true)
        #expect(checkpoint.decision == .running)
        #expect(checkpoint.exitCode.code == 1)
        #expect(checkpoint.reasons == ["checkpoint after 1s: the watch was still running, so this is not a verdict"])
        #expect(checkpoint.watch?.checkpoint == true && checkpoint.watch?.endedBy == .running)
        #expect(!checkpoint.interrupted)
        // The same figures, once the watch has ended, pass.
        watch.at(1000)
        let final = watch.report()
        #expect(final.decision == .pass && final.exitCode.code == 0 && final.reasons.isEmpty)
        #expect(final.watch?.checkpoint == false && final.watch?.endedBy == .duration)
    }

    @Test(arguments: [(Interruption.sigint, Int32(130)), (.sigterm, 143)])
    func aSignalInterruptsTheWatchWithItsExitCode(interruption: Interruption, code: Int32) async throws {
        // Blue had a window; green's probes were all still out when the signal came.
        var watch = try await HandFoldedWatch(environments: ["blue", "green"])
        watch.probes("..xx.", target: 0)
        watch.at(1500, ended: .interrupted)
        let report = watch.report(interruption: interruption)
        #expect(report.decision == .interrupted)
        #expect(report.exitCode.code == code)
        #expect(report.interrupted && report.interruption == interruption)
        #expect(report.watch?.endedBy == .interrupted)
        #expect(report.reasons == ["interrupted: \(interruption.rawValue) arrived after 1.50s of watching; the windows so far are reported",
                                   "suite/health in blue: downtime 200ms (1 window, 2 of 5 probes failed) is not <= 0s"])
        let results = try #require(report.checks.first?.results)
        #expect(results.map(\.status) == [.fail, .notRun])
        #expect(results[1].message == "interrupted before any probe finished")
    }

    @Test func aFailedWatchGateFailsItsTargetsCheckAndGivesOneReasonPerTarget() async throws {
        // Two checks in two environments: four targets, in check order, then environment order.
        var watch = try await HandFoldedWatch(environments: ["blue", "green"], checks: ["health", "cart"])
        #expect(watch.state.targets.map { "\($0.check) \($0.environment)" } == ["0 blue", "0 green", "1 blue", "1 green"])
        watch.probes("..xx......", target: 0)
        watch.probes("..........", target: 1)
        watch.probes("..........", target: 2)
        watch.probes("xxx.......", target: 3)
        watch.at(1000)
        let report = watch.report()
        #expect(report.decision == .fail && report.exitCode.code == 1)
        // The gates are the reasons; the check results they fail add none of their own.
        #expect(report.reasons == ["suite/health in blue: downtime 200ms (1 window, 2 of 10 probes failed) is not <= 0s",
                                   "suite/cart in green: downtime 300ms (1 window, 3 of 10 probes failed) is not <= 0s"])
        let statuses = report.checks.map { $0.results.map(\.status) }
        #expect(statuses == [[.fail, .pass], [.pass, .fail]])
        #expect(report.checks[0].results[0].message == "downtime 200ms (1 window, 2 of 10 probes failed) is not <= 0s")
        #expect(report.checks[0].results[0].thresholds.map(\.threshold) == ["downtime <= 0s"])
        #expect(report.gates.map(\.passed) == [false, true, true, false])
        #expect(report.gates.map { $0.check ?? "?" } == ["suite/health", "suite/health", "suite/cart", "suite/cart"])
        #expect(report.environments.map(\.checksFailed) == [1, 1] && report.environments.map(\.checksPassed) == [1, 1])
    }

    @Test func aTargetWithinItsGatesPassesAndStillSaysHowLongItWasDown() async throws {
        var watch = try await HandFoldedWatch(gates: ["downtime <= 1s"])
        watch.probes("..xx......")
        watch.at(1000)
        let report = watch.report()
        #expect(report.decision == .pass && report.reasons.isEmpty)
        let result = try #require(report.checks.first?.results.first)
        #expect(result.status == .pass)
        #expect(result.message == "1 downtime window, 200ms in all, within its gates")
    }

    @Test func availabilityDowntimeAndWindowsPerTarget() async throws {
        // Down 200–400 ms, and again from 700 ms until the end at 1 s.
        var watch = try await HandFoldedWatch(gates: ["downtime <= 1s"])
        watch.probes("..xx...xxx")
        watch.at(1000)
        let target = try #require(watch.targets.first)
        #expect(target.state == .down && target.downSinceMs == 700)
        #expect(target.downtimeMs == 500 && target.longestWindowMs == 300 && target.windowCount == 2)
        #expect(target.availability == 0.5)
        #expect(target.probesScheduled == 10 && target.probesCompleted == 10 && target.probesFailed == 5 && target.errorRate == 0.5)
        #expect(target.windows.map(\.startMs) == [200, 700])
        #expect(target.windows.map(\.endMs) == [400, nil])
        #expect(target.windows.map(\.durationMs) == [200, 300])
        #expect(target.windows.map(\.ongoing) == [false, true])
        #expect(target.windows.map(\.failedProbes) == [2, 3])
        #expect(target.windows.first?.reasons == [.connectionRefused: 2])
        #expect(target.windows.first?.firstFailure == "connection refused by 127.0.0.1:1")
        // Refused probes have no latency: five answers.
        #expect(target.latency?.n == 5)

        let report = watch.report()
        #expect(report.environments.first?.probes == 10 && report.environments.first?.failed == 5)
        #expect(report.totals.probesPlanned == 10 && report.totals.probesCompleted == 10 && report.totals.probesFailed == 5)
        #expect(report.checks.first?.results.first?.message == "2 downtime windows, 500ms in all, within its gates")
    }

    @Test func aWindowsUncertaintyIsAtLeastOneIntervalAndWiderAfterAGap() async throws {
        var watch = try await HandFoldedWatch(interval: .milliseconds(100))
        // Probes 50 ms apart around the first window: still one interval. Then a 300 ms gap before the second.
        for (ms, failed) in [(0, false), (50, true), (100, false), (400, true), (500, false)] {
            watch.probe(at: ms, failure: failed ? .refused : nil)
        }
        watch.at(600)
        let windows = try #require(watch.targets.first?.windows)
        #expect(windows.map(\.uncertaintyMs) == [100, 300])
        #expect(watch.report().watch?.windowUncertaintyMs == 100)
    }
}
