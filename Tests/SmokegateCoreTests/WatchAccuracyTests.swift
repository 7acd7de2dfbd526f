import Foundation
@testable import SmokegateCore
import SmokegateCurl
@testable import SmokegateEngine
import SmokegateFixtures
@testable import SmokegateModel
@testable import SmokegateStats
import SmokegateTestSupport
import Synchronization
import Testing

extension RunsAlone {
    /// The watch against a server told to go down, or switch versions, at known moments: windows and cutovers must
    /// match what the server really did to within one probe interval (plus 50 ms for scheduling on a busy machine).
    @Suite("Watch accuracy")
    struct WatchAccuracyTests {
        enum Outage: String, CaseIterable, Sendable {
            case refused, unavailable, hanging

            var mode: SwitchableHTTPServer.Mode {
                switch self {
                case .refused: .refusing
                case .unavailable: .failing
                case .hanging: .hanging
                }
            }
        }

        static func suite(_ server: SwitchableHTTPServer, timeout: String = "500ms") async throws -> Suite {
            try await TemporarySuite.load("""
                environments:
                  fixture: { base_url: "\(server.baseURL)" }
                checks:
                  - name: health
                    http: { url: /health, timeout: \(timeout), connect_timeout: \(timeout) }
                    expect: { status: 200 }
                    version_from: header X-Version
                """)
        }

        /// Runs a watch of `duration` while `act` does things to the server; `act` gets the instant the watch began.
        static func watch(_ suite: Suite, interval: Duration, duration: Duration,
                          _ act: @escaping @Sendable (ContinuousClock.Instant) async throws -> Void) async throws -> WatchState {
            try await Prober.with { prober in
                let session = WatchSession(suite: suite, plan: WatchPlan(settings: nil, interval: interval, duration: duration), tags: [], checkpoints: nil)
                let begin = ContinuousClock.now
                async let acting: Void = act(begin)
                let state = await session.observe(prober: prober)
                try await acting
                return state
            }
        }

        static func offset(_ instant: ContinuousClock.Instant, from begin: ContinuousClock.Instant) -> Duration { instant - begin }

        @Test(arguments: Outage.allCases, [Duration.milliseconds(50), .milliseconds(250)])
        func oneOutageIsOneWindowOfItsLength(outage: Outage, interval: Duration) async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let window = OutageWindow()
            let state = try await Self.watch(try Self.suite(server), interval: interval, duration: .milliseconds(3500)) { begin in
                try await Task.sleep(until: begin + .seconds(1))
                let (start, end) = try await server.outage(outage.mode, for: .milliseconds(1500))
                window.set(start: start - begin, end: end - begin)
            }
            let target = try #require(state.targets.first)
            let real = try #require(window.value)
            let tolerance = interval + .milliseconds(50)
            #expect(target.downtime.windowCount == 1, "windows: \(target.downtime.windows)")
            let measured = try #require(target.downtime.windows.first)
            let length = measured.duration(at: state.observedUntil)
            #expect(abs((length - (real.end - real.start)).seconds) <= tolerance.seconds,
                    "\(outage) at \(interval): measured \(length), the server was down for \(real.end - real.start)")
            #expect(abs((measured.start - real.start).seconds) <= tolerance.seconds, "window opened at \(measured.start), outage began at \(real.start)")
            #expect(target.missed == 0)
            let reasons = Set(measured.reasons.keys.map(\.rawValue))
            switch outage {
            case .refused:
                // A probe on a connection the closing server cut is reset, not refused: both are the outage.
                #expect(reasons.contains("connection_refused") && reasons.isSubset(of: ["connection_refused", "connection_reset"]))
            case .unavailable: #expect(reasons.contains("status"))
            case .hanging: #expect(reasons == ["timeout"] || reasons == ["read_timeout"] || reasons.allSatisfy { $0.contains("timeout") })
            }
        }

        @Test func aVersionSwitchIsACutoverAtItsMoment() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let moment = OutageWindow()
            let interval = Duration.milliseconds(50)
            let state = try await Self.watch(try Self.suite(server), interval: interval, duration: .milliseconds(2500)) { begin in
                try await Task.sleep(until: begin + .seconds(1))
                server.setVersion("v2")
                let at = ContinuousClock.now - begin
                moment.set(start: at, end: at)
            }
            let target = try #require(state.targets.first)
            let cutover = try #require(target.timeline.cutover)
            let switched = try #require(moment.value).start
            let tolerance = (interval + .milliseconds(50)).seconds
            #expect(cutover.from == "v1" && cutover.to == "v2")
            #expect(abs((cutover.start - switched).seconds) <= tolerance && abs((cutover.end - switched).seconds) <= tolerance,
                    "cutover \(cutover.start)…\(cutover.end), the server switched at \(switched)")
            #expect(cutover.flaps == 0)
            #expect(target.downtime.windowCount == 0)
        }

        @Test func aFlapBackToTheOldVersionIsReported() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let flapMoment = OutageWindow()
            let interval = Duration.milliseconds(50)
            let state = try await Self.watch(try Self.suite(server), interval: interval, duration: .milliseconds(3000)) { begin in
                try await Task.sleep(until: begin + .milliseconds(800))
                server.setVersion("v2")
                try await Task.sleep(until: begin + .milliseconds(1500))
                server.setVersion("v1")
                let at = ContinuousClock.now - begin
                flapMoment.set(start: at, end: at)
                try await Task.sleep(until: begin + .milliseconds(2000))
                server.setVersion("v2")
            }
            let timeline = try #require(state.targets.first).timeline
            let cutover = try #require(timeline.cutover)
            #expect(cutover.flaps == 1)
            let flap = try #require(timeline.flaps.first)
            #expect(flap.from == "v2" && flap.to == "v1")
            #expect(abs((flap.at - (try #require(flapMoment.value)).start).seconds) <= (interval + .milliseconds(50)).seconds)
            #expect(timeline.segments.map(\.version) == ["v1", "v2", "v1", "v2"])
            #expect(cutover.mixed >= .milliseconds(400), "v1 answered again until about 2.0 s, after v2 first answered at 0.8 s")
        }

        @Test func theUntilConditionEndsTheWatchOnceItHolds() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let suite = try await Self.suite(server)
            let state = try await Prober.with { prober in
                let plan = WatchPlan(settings: nil, interval: .milliseconds(50), duration: .seconds(30), until: .version("v2", for: .milliseconds(500)))
                let session = WatchSession(suite: suite, plan: plan, tags: [], checkpoints: nil)
                async let switching: Void = {
                    try await Task.sleep(for: .milliseconds(500))
                    server.setVersion("v2")
                }()
                let state = await session.observe(prober: prober)
                try await switching
                return state
            }
            #expect(state.end == .until)
            let met = try #require(state.untilMetAt)
            #expect(met >= .milliseconds(1000) && met < .seconds(10), "v2 from about 0.5 s, for 0.5 s: met at \(met)")
        }
    }
}

/// The moments a test's server really changed, written from the acting task and read after the watch.
final class OutageWindow: Sendable {
    private let window = Mutex<(start: Duration, end: Duration)?>(nil)
    func set(start: Duration, end: Duration) { window.withLock { $0 = (start, end) } }
    var value: (start: Duration, end: Duration)? { window.withLock { $0 } }
}
