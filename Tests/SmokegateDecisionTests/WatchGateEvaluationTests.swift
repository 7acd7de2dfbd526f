@testable import SmokegateModel
@testable import SmokegateVerdict
import SmokegateVocabulary
import Testing

/// Watch gates against one target's figures, from probes folded by hand 100 ms apart: what each gate measures,
/// its sentence, and the gates that do not apply.
@Suite("Gate evaluation: watch gates, without servers")
struct WatchGateEvaluationTests {
    /// The gates' results on one target after `pattern` (`.` passes, `x` is refused) and a schedule ended at `endMs`.
    /// A suite names each metric and operator once, so each gate gets a watch of its own.
    static func evaluate(_ gates: [String], _ pattern: String, endMs: Int = 1000, versions: [String?]? = nil) async throws -> [RunReport.ThresholdResult] {
        var results: [RunReport.ThresholdResult] = []
        for gate in gates {
            var watch = try await HandFoldedWatch(gates: [gate], versioned: versions != nil)
            watch.probes(pattern, versions: versions)
            watch.at(endMs)
            results += try #require(watch.targets.first).gates
        }
        return results
    }

    @Test func downtimeIsTheLengthOfAllWindowsTogether() async throws {
        // Refused at 100 and 200 ms, answering at 300; refused at 600, answering at 700: 200 ms and 100 ms down.
        let gates = try await Self.evaluate(["downtime <= 0s", "downtime < 300ms"], ".xx...x...")
        #expect(gates.map(\.passed) == [false, false])
        #expect(gates.map(\.observed) == [300, 300])
        #expect(gates.map(\.limit) == [0, 300])
        #expect(gates.allSatisfy { $0.unit == "ms" && $0.n == 10 })
        #expect(gates.map(\.message) == ["downtime 300ms (2 windows, 3 of 10 probes failed) is not <= 0s",
                                         "downtime 300ms (2 windows, 3 of 10 probes failed) is not < 300ms"])
        let within = try await Self.evaluate(["downtime <= 250ms"], "..xx......")
        #expect(within.first?.passed == true)
        #expect(within.first?.message == "downtime 200ms (1 window, 2 of 10 probes failed) is within <= 250ms")
    }

    @Test func anOpenWindowCountsUpToTheEndOfTheSchedule() async throws {
        let gates = try await Self.evaluate(["downtime <= 0s"], ".......xxx", endMs: 1000)
        #expect(gates.first?.observed == 300)
        #expect(gates.first?.message == "downtime 300ms (1 window, 3 of 10 probes failed) is not <= 0s")
    }

    @Test func maxWindowIsTheLongestWindow() async throws {
        // Windows of 100 ms (100–200) and 300 ms (400–700).
        let gates = try await Self.evaluate(["max_window < 200ms", "max_window <= 300ms"], ".x..xxx...")
        #expect(gates.map(\.observed) == [300, 300])
        #expect(gates.map(\.passed) == [false, true])
        #expect(gates.first?.message == "max_window 300ms (2 windows) is not < 200ms")
    }

    @Test func availabilityIsTimeUpOverTimeObserved() async throws {
        let gates = try await Self.evaluate(["availability >= 99.9%", "availability >= 80%"], "..xx......", endMs: 1000)
        #expect(gates.map(\.observed) == [0.8, 0.8])
        #expect(abs((gates.first?.limit ?? 0) - 0.999) < 1e-12 && gates.last?.limit == 0.8)
        #expect(gates.allSatisfy { $0.unit == "ratio" })
        #expect(gates.map(\.passed) == [false, true])
        #expect(gates.map(\.message) == ["availability 80.000% (200ms down in 1 window) is not >= 99.9%",
                                         "availability 80.000% (200ms down in 1 window) is within >= 80%"])
    }

    @Test func errorRateIsFailedOverFinishedProbes() async throws {
        var watch = try await HandFoldedWatch(gates: ["error_rate <= 10%"])
        watch.probes("..xx......")
        // Two more started and still out: they count once they finish, not before.
        watch.state.targets[0].started()
        watch.state.targets[0].started()
        watch.at(1200, ended: nil)
        let gate = try #require(watch.targets.first?.gates.first)
        #expect(gate.observed == 0.2 && gate.n == 10)
        #expect(gate.message == "error_rate 20.00% (2 of 10 probes failed) is not <= 10%")
    }

    @Test(arguments: [("<", false), ("<=", true), (">", false), (">=", true)])
    func eachComparisonOperatorAtTheLimit(operator text: String, passes: Bool) async throws {
        let gates = try await Self.evaluate(["downtime \(text) 200ms"], "..xx......")
        #expect(gates.first?.comparison == text)
        #expect(gates.first?.passed == passes)
        #expect(gates.first?.message == "downtime 200ms (1 window, 2 of 10 probes failed) is \(passes ? "within" : "not") \(text) 200ms")
    }

    @Test func cutoverWindowRunsFromTheOldVersionsLastAnswerToTheNewOnesFirst() async throws {
        let versions = ["v1", "v1", "v1", "v1", "v1", "v2", "v2", "v2", "v2", "v2"]
        let gates = try await Self.evaluate(["cutover_window < 30s", "cutover_window < 50ms"], "..........", versions: versions)
        #expect(gates.map(\.observed) == [100, 100])
        #expect(gates.map(\.passed) == [true, false])
        #expect(gates.first?.message == "cutover_window 100ms (v1 → v2, 0µs of mixed answers, 0 flaps back) is within < 30s")
    }

    @Test func aRolledBackCutoverIsMeasuredTowardTheNewestVersionAndSaysSo() async throws {
        // v2 first answers at 200 ms; v1 answers again at 300 and, for good, from 500 ms.
        let gates = try await Self.evaluate(["cutover_window < 100ms"], "......", versions: ["v1", "v1", "v2", "v1", "v2", "v1"])
        #expect(gates.first?.observed == 300)
        #expect(gates.first?.message == "cutover_window 300ms (v1 → v2 and rolled back to v1, 300ms of mixed answers, 2 flaps back) is not < 100ms")
    }

    @Test func cutoverWindowDoesNotApplyWithoutACutover() async throws {
        let one = try await Self.evaluate(["cutover_window < 30s"], ".....", versions: ["v1", "v1", "v1", "v1", "v1"])
        #expect(one.first?.passed == true && one.first?.observed == nil)
        #expect(one.first?.message == "no cutover seen: only v1 answered, so cutover_window does not apply")
        // Every probe refused: no answer named a version.
        let none = try await Self.evaluate(["cutover_window < 30s"], "xxxxx", versions: [nil, nil, nil, nil, nil])
        #expect(none.first?.passed == true && none.first?.observed == nil)
        #expect(none.first?.message == "no version seen (version_from), so cutover_window does not apply")
    }

    @Test(arguments: ["availability >= 99%", "error_rate <= 1%", "p95 < 1s"])
    func withNoProbeFinishedAGateFailsSayingNZero(gate: String) async throws {
        let gates = try await Self.evaluate([gate], "")
        let metric = gate.prefix { $0 != " " }
        #expect(gates.first?.passed == false)
        #expect(gates.first?.observed == nil && gates.first?.n == 0)
        #expect(gates.first?.message == "no probes finished to measure \(metric) on (n=0)")
    }

    @Test(arguments: ["downtime <= 0s", "max_window <= 0s"])
    func aDurationGateWithNoProbeFinishedFailsSayingNZero(gate: String) async throws {
        let gates = try await Self.evaluate([gate], "")
        #expect(gates.first?.passed == false, "\(gates.first?.message ?? "")")
        #expect(gates.first?.message.contains("(n=0)") == true, "\(gates.first?.message ?? "")")
    }
}
