@testable import SmokegateModel
@testable import SmokegateStats
import SmokegateVocabulary
import Testing

/// One watched target fed a sequence of results by hand, as the scheduler reports them: started in order, finished
/// in any order, some cancelled. Windows and the version timeline are defined in start order, so a probe that
/// finishes early must wait for the ones started before it.
@Suite("Target state: downtime windows and version timeline from a sequence of results, without servers")
struct TargetStateTests {
    static func target() -> TargetState { TargetState(check: 0, environment: "blue", maxInFlight: 8, untilVersion: nil) }

    /// Probe `sequence`, started at `ms`: refused when `failed`, else an answer from `version`.
    static func result(_ sequence: Int, at ms: Int, failed: Bool = false, version: String? = nil) -> Sample {
        .madeUp(index: sequence, startedMs: ms, latencyMs: failed ? nil : 5, failure: failed ? .refused : nil, version: version)
    }

    /// The events in words, to compare whole sequences.
    static func words(_ events: [WatchEvent]) -> [String] {
        events.map { event in
            switch event {
            case .down(_, let window): "down at \(window.start.milliseconds)"
            case .up(_, let window): "up at \(window.end?.milliseconds ?? -1) after \(window.start.milliseconds)"
            case .version(_, let from, let to, let at, let flap): "\(from ?? "none") → \(to) at \(at.milliseconds)\(flap ? " flap" : "")"
            }
        }
    }

    @Test func aFailedProbeFinishingAfterALaterPassingOneIsFoldedBeforeIt() {
        var target = Self.target()
        for _ in 0..<3 { target.started() }
        #expect(target.receive(sequence: 0, Self.result(0, at: 0), due: .zero, target: 0).isEmpty)
        // Probe 1 (refused, slow to say so) is still out when probe 2 passes: nothing may be decided yet.
        #expect(target.receive(sequence: 2, Self.result(2, at: 200), due: .milliseconds(200), target: 0).isEmpty)
        #expect(target.probes == 1 && !target.isDown && target.downtime.windowCount == 0)
        let events = target.receive(sequence: 1, Self.result(1, at: 100, failed: true), due: .milliseconds(100), target: 0)
        #expect(Self.words(events) == ["down at 100.0", "up at 200.0 after 100.0"])
        #expect(target.probes == 3 && target.failed == 1 && !target.isDown)
        #expect(target.downtime.windows.map(\.start) == [.milliseconds(100)] && target.downtime.windows.map(\.end) == [.milliseconds(200)])
        #expect(target.inFlight == 0 && target.peakInFlight == 3)
    }

    @Test func aLaterFailingProbeFinishingFirstOpensNoWindowEarly() {
        var target = Self.target()
        for _ in 0..<2 { target.started() }
        #expect(target.receive(sequence: 1, Self.result(1, at: 100, failed: true), due: .milliseconds(100), target: 0).isEmpty)
        #expect(!target.isDown && target.failed == 0 && target.lastStarted == nil)
        let events = target.receive(sequence: 0, Self.result(0, at: 0), due: .zero, target: 0)
        #expect(Self.words(events) == ["down at 100.0"])
        #expect(target.isDown && target.downtime.open?.start == .milliseconds(100))
        #expect(target.lastStarted == .milliseconds(100))
    }

    @Test func aCancelledProbeCountsAsCutShortAndReleasesTheOnesAfterIt() {
        var target = Self.target()
        for _ in 0..<4 { target.started() }
        _ = target.receive(sequence: 0, Self.result(0, at: 0), due: .zero, target: 0)
        #expect(target.receive(sequence: 2, Self.result(2, at: 200, failed: true), due: .milliseconds(200), target: 0).isEmpty)
        // Probe 1 was cancelled in flight: its outcome is unknown, so it opens nothing, and probe 2 goes on.
        let events = target.receive(sequence: 1, nil, due: .milliseconds(100), target: 0)
        #expect(Self.words(events) == ["down at 200.0"])
        #expect(target.cutShort == 1 && target.oldestCutShort == .milliseconds(100))
        #expect(target.probes == 2 && target.failed == 1)
        _ = target.receive(sequence: 3, nil, due: .milliseconds(300), target: 0)
        #expect(target.cutShort == 2 && target.oldestCutShort == .milliseconds(100))
        #expect(target.probes == 2 && target.inFlight == 0)
    }

    @Test func missedProbesCountAsScheduledAndWidenTheNextWindowsUncertainty() {
        var target = Self.target()
        var sequence = 0
        func probe(at ms: Int, failed: Bool = false) {
            target.started()
            _ = target.receive(sequence: sequence, Self.result(sequence, at: ms, failed: failed), due: .milliseconds(ms), target: 0)
            sequence += 1
        }
        probe(at: 0)
        probe(at: 100)
        target.missedOne()   // due at 200 ms: the target had too many probes in flight
        target.missedOne()   // and at 300 ms
        probe(at: 400, failed: true)
        probe(at: 500, failed: true)
        probe(at: 600)
        probe(at: 700, failed: true)
        probe(at: 800)
        #expect(target.scheduled == 9 && target.missed == 2 && target.probes == 7)
        // 100 → 400 ms is the gap before the first window's first failure; the second window's gaps are one interval.
        #expect(target.downtime.windows.map(\.uncertainty) == [.milliseconds(300), .milliseconds(100)])
        #expect(target.downtime.downtime(at: .milliseconds(900)) == .milliseconds(300))
    }

    @Test func versionsAreFoldedInStartOrderSoALateAnswerStillShowsTheFlap() throws {
        var target = Self.target()
        for _ in 0..<4 { target.started() }
        _ = target.receive(sequence: 0, Self.result(0, at: 0, version: "v1"), due: .zero, target: 0)
        _ = target.receive(sequence: 1, Self.result(1, at: 100, version: "v1"), due: .milliseconds(100), target: 0)
        // v2 answered probe 2 slowly; probe 3, already back on v1, finished first. In arrival order this would read
        // as a clean switch to v2; in start order it is a switch and a flap back.
        #expect(target.receive(sequence: 3, Self.result(3, at: 300, version: "v1"), due: .milliseconds(300), target: 0).isEmpty)
        let events = target.receive(sequence: 2, Self.result(2, at: 200, version: "v2"), due: .milliseconds(200), target: 0)
        #expect(Self.words(events) == ["v1 → v2 at 200.0", "v2 → v1 at 300.0 flap"])
        #expect(target.timeline.segments.map(\.version) == ["v1", "v2", "v1"])
        #expect(target.timeline.segments.map(\.probes) == [2, 1, 1])
        let cutover = try #require(target.timeline.cutover)
        #expect(cutover.from == "v1" && cutover.to == "v2")
        #expect(cutover.firstNew == .milliseconds(200) && cutover.lastOld == .milliseconds(300))
        #expect(cutover.mixed == .milliseconds(100) && cutover.flaps == 1 && cutover.rolledBack)
    }

    @Test func aCutoverWithMixedAnswersThatSettlesOnTheNewVersion() throws {
        var target = Self.target()
        let answers = ["v1", "v1", "v2", "v1", "v2", "v2", "v2"]
        var events: [WatchEvent] = []
        for (sequence, version) in answers.enumerated() {
            target.started()
            events += target.receive(sequence: sequence, Self.result(sequence, at: sequence * 100, version: version),
                                     due: .milliseconds(sequence * 100), target: 0)
        }
        #expect(Self.words(events) == ["none → v1 at 0.0", "v1 → v2 at 200.0", "v2 → v1 at 300.0 flap", "v1 → v2 at 400.0"])
        let cutover = try #require(target.timeline.cutover)
        #expect(cutover.start == .milliseconds(200) && cutover.end == .milliseconds(300))
        #expect(cutover.window == .milliseconds(100) && cutover.mixed == .milliseconds(100))
        #expect(cutover.flaps == 1 && !cutover.rolledBack)
        #expect(target.timeline.current == "v2" && target.timeline.counts == ["v1": 3, "v2": 4])
    }

    @Test func perMinuteFiguresSplitAtEachMinuteOfTheWatch() throws {
        var target = Self.target()
        // (start in ms, refused): three in minute 0, two in minute 1, none in minute 2, one in minute 3.
        let probes = [(0, false), (30_000, false), (59_999, true), (60_000, false), (61_000, true), (185_000, false)]
        for (sequence, (ms, failed)) in probes.enumerated() {
            target.started()
            _ = target.receive(sequence: sequence, Self.result(sequence, at: ms, failed: failed), due: .milliseconds(ms), target: 0)
        }
        // Minutes closed so far, and with the current one.
        #expect(target.minutes.map(\.minute) == [0, 1])
        let minutes = target.allMinutes
        #expect(minutes.map(\.minute) == [0, 1, 3])
        #expect(minutes.map(\.probes) == [3, 2, 1])
        #expect(minutes.map(\.failed) == [1, 1, 0])
        // Refused probes have no latency: each minute's figures rest on its answers.
        #expect(minutes.map { $0.latency?.count } == [2, 1, 1])
        let latency = try #require(minutes.first?.latency)
        #expect(abs(latency.p50 - 5000) <= 5, "HdrHistogram keeps three significant digits: \(latency.p50)")
        #expect(target.probes == 6 && target.failed == 2 && target.latency.count == 4)
    }
}
