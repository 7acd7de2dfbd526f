@testable import SmokegateModel
import SmokegateProbes
@testable import SmokegateStats
import SmokegateTestSupport
import Testing

/// Windows, the version timeline and the watch's configuration, on hand-written probe sequences.
@Suite("Watch model")
struct WatchModelTests {
    private static func ms(_ value: Int) -> Duration { .milliseconds(value) }
    private static let refused = Failure(reason: .connectionRefused, message: "connection refused")
    private static let status = Failure(reason: .status, message: "status 503")

    @Test func aWindowRunsFromTheFirstFailingProbeToTheNextPassingOne() {
        var tracker = DowntimeTracker()
        #expect(tracker.record(started: Self.ms(0), failure: nil) == nil)
        #expect(tracker.record(started: Self.ms(100), failure: nil) == nil)
        guard case .wentDown(let opened)? = tracker.record(started: Self.ms(200), failure: Self.refused) else {
            Issue.record("the first failure must open a window")
            return
        }
        #expect(opened.start == Self.ms(200))
        #expect(tracker.record(started: Self.ms(300), failure: Self.status) == nil)
        #expect(tracker.downtime(at: Self.ms(350)) == Self.ms(150))
        guard case .cameUp(let closed)? = tracker.record(started: Self.ms(400), failure: nil) else {
            Issue.record("the next pass must close the window")
            return
        }
        #expect(closed.start == Self.ms(200) && closed.end == Self.ms(400))
        #expect(closed.failedProbes == 2)
        #expect(closed.reasons == [.connectionRefused: 1, .status: 1])
        #expect(closed.firstMessage == "connection refused")
        #expect(tracker.downtime(at: Self.ms(10_000)) == Self.ms(200))
        #expect(tracker.windowCount == 1)
    }

    @Test func anOpenWindowCountsUpToNowAndTheLongestIsTracked() {
        var tracker = DowntimeTracker()
        _ = tracker.record(started: Self.ms(0), failure: Self.refused)
        _ = tracker.record(started: Self.ms(50), failure: nil)
        _ = tracker.record(started: Self.ms(100), failure: Self.refused)
        #expect(tracker.open != nil)
        #expect(tracker.downtime(at: Self.ms(400)) == Self.ms(350))
        #expect(tracker.longestWindow(at: Self.ms(400)) == Self.ms(300))
        #expect(tracker.windowCount == 2)
    }

    @Test func windowsBeyondTheCapAreCountedNotKept() {
        var tracker = DowntimeTracker(keeping: 2)
        for step in 0..<10 {
            _ = tracker.record(started: Self.ms(step * 20), failure: Self.refused)
            _ = tracker.record(started: Self.ms(step * 20 + 10), failure: nil)
        }
        #expect(tracker.windows.count == 2)
        #expect(tracker.droppedWindows == 8)
        #expect(tracker.windowCount == 10)
        #expect(tracker.downtime(at: Self.ms(1000)) == Self.ms(100))
    }

    @Test func aCleanSwitchIsOneCutoverWithoutMixedAnswers() async throws {
        var timeline = VersionTimeline()
        for step in 0..<5 { _ = timeline.record(started: Self.ms(step * 100), version: "v1") }
        let change = timeline.record(started: Self.ms(500), version: "v2")
        #expect(change?.from == "v1" && change?.flap == false)
        _ = timeline.record(started: Self.ms(600), version: "v2")
        let cutover = try #require(timeline.cutover)
        #expect(cutover.from == "v1" && cutover.to == "v2")
        #expect(cutover.start == Self.ms(400) && cutover.end == Self.ms(500))
        #expect(cutover.mixed == .zero)
        #expect(cutover.flaps == 0)
        #expect(timeline.segments.map(\.version) == ["v1", "v2"])
        #expect(timeline.segments.map(\.probes) == [5, 2])
    }

    @Test func aReturnToTheOldVersionIsAFlapAndMixedAnswersAreMeasured() async throws {
        var timeline = VersionTimeline()
        let answers = [("v1", 0), ("v2", 100), ("v1", 200), ("v2", 300), ("v2", 400)]
        var flaps: [Bool] = []
        for (version, at) in answers {
            if let change = timeline.record(started: Self.ms(at), version: version) { flaps.append(change.flap) }
        }
        #expect(flaps == [false, false, true, false])
        let cutover = try #require(timeline.cutover)
        #expect(cutover.firstNew == Self.ms(100) && cutover.lastOld == Self.ms(200))
        #expect(cutover.mixed == Self.ms(100))
        #expect(cutover.flaps == 1)
        #expect(timeline.flaps.first?.at == Self.ms(200))
        #expect(timeline.counts == ["v1": 2, "v2": 3])
    }

    @Test func aSwitchBackToTheOldVersionIsARollbackNotNoCutover() async throws {
        var timeline = VersionTimeline()
        for (version, at) in [("v1", 0), ("v2", 100), ("v2", 200), ("v1", 300)] { _ = timeline.record(started: Self.ms(at), version: version) }
        let cutover = try #require(timeline.cutover)
        #expect(cutover.to == "v2" && cutover.rolledBack)
        #expect(cutover.flaps == 1)
    }

    @Test func gapsLongerThanOneIntervalWidenTheWindowsUncertainty() {
        var tracker = DowntimeTracker()
        _ = tracker.record(started: Self.ms(0), failure: nil)
        _ = tracker.record(started: Self.ms(300), failure: Self.refused)   // two probes missed before it
        _ = tracker.record(started: Self.ms(400), failure: Self.refused)
        guard case .cameUp(let window)? = tracker.record(started: Self.ms(500), failure: nil) else {
            Issue.record("the pass must close the window")
            return
        }
        #expect(window.uncertainty == Self.ms(300))
    }

    @Test func oneVersionOnlyIsNoCutover() {
        var timeline = VersionTimeline()
        _ = timeline.record(started: .zero, version: "v1")
        _ = timeline.record(started: Self.ms(10), version: "v1")
        #expect(timeline.cutover == nil)
        #expect(timeline.segments.count == 1)
    }

    @Test func untilConditionsParseAndExplainMistakes() async throws {
        #expect(try UntilCondition.parse("version v2 for 30s").get() == .version("v2", for: .seconds(30)))
        #expect(try UntilCondition.parse("up for 500ms").get() == .up(for: .milliseconds(500)))
        for bad in ["version v2", "down for 3s", "up for soon", "version v2 for 0s", ""] {
            guard case .failure(let error) = UntilCondition.parse(bad) else {
                Issue.record("'\(bad)' must be refused")
                continue
            }
            #expect(!error.message.isEmpty)
        }
    }

    @Test func gatesTakeAnOptionalOperatorAndAUnitOrPercentage() async throws {
        let downtime = try WatchGate.parse(metric: "downtime", value: "0s").get()
        #expect(downtime.comparison == .lessOrEqual && downtime.limit == 0)
        let bare = try WatchGate.parse(metric: "downtime", value: "0").get()
        #expect(bare.limit == 0)
        let availability = try WatchGate.parse(metric: "availability", value: "99.9%").get()
        #expect(availability.comparison == .greaterOrEqual)
        #expect(abs(availability.limit - 0.999) < 1e-12)
        let cutover = try WatchGate.parse(metric: "cutover_window", value: "< 30s").get()
        #expect(cutover.comparison == .lessThan && cutover.limit == 30_000_000)
        #expect(cutover.description == "cutover_window < 30s")
        guard case .failure(let unknown) = WatchGate.parse(metric: "downtim", value: "0s") else {
            Issue.record("an unknown gate must be refused")
            return
        }
        #expect(unknown.message.contains("did you mean 'downtime'"))
        guard case .failure = WatchGate.parse(metric: "availability", value: "99.9") else {
            Issue.record("availability without % must be refused")
            return
        }
    }

    @Test func theWatchBlockIsReadAndItsErrorsAreLocated() async throws {
        let base = """
            environments:
              public: { base_url: http://127.0.0.1:1 }
            checks:
              - name: health
                http: GET /health
                watch:
                  gates: {}

            """
        let suite = try await TemporarySuite.load(base + """
            watch:
              interval: 50ms
              duration: 2m
              until: version v2 for 30s
              max_in_flight: 8
              gates:
                - availability >= 99.9%
                - cutover_window < 30s
            """)
        let watch = try #require(suite.watch)
        #expect(watch.interval == .milliseconds(50) && watch.duration == .seconds(120))
        #expect(watch.until == .version("v2", for: .seconds(30)))
        #expect(watch.maxInFlight == 8)
        #expect(watch.gates?.map(\.description) == ["availability >= 99.9%", "cutover_window < 30s"])
        #expect(suite.checks.first?.watchGates?.isEmpty == true)

        let errors = await TemporarySuite.errors(base + """
            watch:
              intervall: 50ms
              until: soon
              gates:
                downtime: fast
            """)
        #expect(errors.contains { $0.hasPrefix("9:3: unknown key 'intervall' in watch; did you mean 'interval'?") })
        #expect(errors.contains { $0.hasPrefix("10:10: cannot read until condition 'soon'") })
        #expect(errors.contains { $0.hasPrefix("12:5: downtime:") })
    }

    @Test func planDefaultsDeriveTheInFlightLimitFromTheTimeout() {
        var settings = WatchSettings()
        settings.interval = .milliseconds(100)
        let plan = WatchPlan(settings: settings, duration: .seconds(5))
        #expect(plan.interval == .milliseconds(100) && plan.duration == .seconds(5))
        #expect(plan.gates == [.zeroDowntime])
        #expect(plan.maxInFlight(for: .tcp(TCPProbeRequest(host: "h", port: 1, connectTimeout: .seconds(1), readTimeout: .seconds(1),
                                                          totalTimeout: .seconds(2)))) == 21)
        let capped = WatchPlan(settings: settings, maxInFlight: 3)
        #expect(capped.maxInFlight(for: .tcp(TCPProbeRequest(host: "h", port: 1, connectTimeout: .seconds(1), readTimeout: .seconds(1),
                                                            totalTimeout: .seconds(2)))) == 3)
    }
}
