import Foundation
import SmokegateCurl
import SmokegateFixtures
import SmokegateTestSupport
@testable import SmokegateVerdict
import Synchronization
import Testing

/// `follow_redirects`: `false` judges the 3xx, `same_host` follows only within the URL's scheme, host and port,
/// `true` follows anywhere but never carries credentials to another host.
extension RunsAlone.HostileServerTests {
    /// What a fixture server received, in arrival order.
    final class RequestRecorder: Sendable {
        private let requests = Mutex<[FixtureRequest]>([])

        func record(_ request: FixtureRequest) {
            requests.withLock { $0.append(request) }
        }

        var all: [FixtureRequest] { requests.withLock { $0 } }
    }

    /// Runs `yaml` (where `{{home}}` is the redirecting server and `{{elsewhere}}` the other one) and hands back
    /// the report with what each server received.
    ///
    /// `home` redirects by path: `/hop` → `/landing`, `/chain` → `/hop` (two hops, same host), `/chain-away` →
    /// `/away-host`, and `/away-host`, `/away-port`, `/away-scheme` → `elsewhere`'s `/landing` by another host
    /// name (`localhost`), by another port, by https.
    static func runRedirects(
        _ yaml: String
    ) async throws -> (report: RunReport, home: [FixtureRequest], elsewhere: [FixtureRequest], elsewherePort: Int) {
        let homeLog = RequestRecorder()
        let elsewhereLog = RequestRecorder()
        return try await FixtureHTTPServer.withServer(answering: { request in
            elsewhereLog.record(request)
            return .respond(.text("landed elsewhere"))
        }) { elsewhere in
            let otherPort = elsewhere.port
            return try await FixtureHTTPServer.withServer(answering: { request in
                homeLog.record(request)
                let location: String? = switch request.path {
                case "/hop": "/landing"
                case "/chain": "/hop"
                case "/chain-away": "/away-host"
                case "/away-host": "http://localhost:\(otherPort)/landing"
                case "/away-port": "http://127.0.0.1:\(otherPort)/landing"
                case "/away-scheme": "https://127.0.0.1:\(otherPort)/landing"
                default: nil
                }
                guard let location else { return .respond(.text("landed home")) }
                return .respond(FixtureResponse(status: 302, headers: [(name: "Location", value: location)]))
            }) { home in
                let text = yaml.replacingOccurrences(of: "{{home}}", with: home.baseURL)
                    .replacingOccurrences(of: "{{elsewhere}}", with: elsewhere.baseURL)
                let (report, _) = try await run(text)
                return (report, homeLog.all, elsewhereLog.all, otherPort)
            }
        }
    }

    @Test func sameHostFollowsWithinTheOriginAndRefusesEverythingElse() async throws {
        let (report, home, elsewhere, otherPort) = try await Self.runRedirects("""
            defaults: { follow_redirects: same_host, timeout: 2s }
            checks:
              - { name: relative hop, http: "{{home}}/hop", expect: { body: landed home } }
              - { name: two hops, http: "{{home}}/chain", expect: { body: landed home } }
              - { name: another host, http: "{{home}}/away-host" }
              - { name: another port, http: "{{home}}/away-port" }
              - { name: another scheme, http: "{{home}}/away-scheme" }
              - { name: off after a hop, http: "{{home}}/chain-away" }
            """)
        for name in ["relative hop", "two hops"] {
            let result = try #require(RunHarness.result(report, name))
            #expect(result.status == .pass, "\(name): \(result.message ?? "")")
        }
        let refused = [
            ("another host", "http://localhost:\(otherPort)"),
            ("another port", "http://127.0.0.1:\(otherPort)"),
            ("another scheme", "https://127.0.0.1:\(otherPort)"),
            ("off after a hop", "http://localhost:\(otherPort)"),
        ]
        for (name, target) in refused {
            let result = try #require(RunHarness.result(report, name))
            #expect(result.status == .fail)
            #expect(result.failures.map(\.reason.rawValue) == ["redirect_off_host"], "\(name): \(result.message ?? "")")
            #expect(result.message?.contains("redirected to \(target)") == true, "\(name): \(result.message ?? "")")
            #expect(result.message?.contains("same_host") == true)
        }
        // The policy stops curl before it follows: the other server never hears of these checks.
        #expect(elsewhere.isEmpty)
        #expect(home.filter { $0.path == "/landing" }.count == 2)
    }

    @Test func followingAnywhereLeavesCredentialsBehindAndFalseJudgesTheRedirect() async throws {
        let credentials = #"headers: { Authorization: "Bearer hostile-secret", Cookie: "session=hostile-cookie", X-Trace: kept }"#
        let (report, home, elsewhere, _) = try await Self.runRedirects("""
            checks:
              - name: anywhere, by host name
                http: { url: "{{home}}/away-host", follow_redirects: true, \(credentials) }
                expect: { body: landed elsewhere }
              - name: anywhere, by port
                http: { url: "{{home}}/away-port", follow_redirects: true, \(credentials) }
                expect: { body: landed elsewhere }
              - name: same host keeps them
                http: { url: "{{home}}/hop", follow_redirects: same_host, \(credentials) }
                expect: { body: landed home }
              - name: not followed
                http: { url: "{{home}}/away-host", follow_redirects: false }
                expect: { status: 302 }
              - name: not followed, 2xx expected
                http: "{{home}}/away-host"
            """)
        for name in ["anywhere, by host name", "anywhere, by port", "same host keeps them", "not followed"] {
            let result = try #require(RunHarness.result(report, name))
            #expect(result.status == .pass, "\(name): \(result.message ?? "")")
        }
        #expect(RunHarness.result(report, "not followed, 2xx expected")?.failures.map(\.reason.rawValue) == ["status"])

        // curl (since 7.83) drops Authorization and Cookie when a redirect changes host or port; other headers go on.
        #expect(elsewhere.count == 2)
        for request in elsewhere {
            #expect(request.header("Authorization") == nil, "\(request.headers)")
            #expect(request.header("Cookie") == nil, "\(request.headers)")
            #expect(request.header("X-Trace") == "kept")
        }
        let landedHome = try #require(home.first { $0.path == "/landing" })
        #expect(landedHome.header("Authorization") == "Bearer hostile-secret")
        #expect(landedHome.header("Cookie") == "session=hostile-cookie")
    }

    @Test func followRedirectsReadsTrueFalseAndSameHost() async throws {
        let suite = try await TemporarySuite.load("""
            defaults: { follow_redirects: same_host }
            checks:
              - { name: inherited, http: "http://127.0.0.1:1/" }
              - { name: "yes", http: { url: "http://127.0.0.1:1/", follow_redirects: yes } }
              - { name: "off", http: { url: "http://127.0.0.1:1/", follow_redirects: off } }
            """)
        func policy(_ name: String) -> HTTPRedirectPolicy? {
            guard case .http(let spec)? = suite.checks.first(where: { $0.name == name })?.definitions.values.first?.probe else { return nil }
            return spec.followRedirects
        }
        #expect(policy("inherited") == .sameHost)
        #expect(policy("yes") == .anyHost)
        #expect(policy("off") == .never)
        #expect(await TemporarySuite.errors("""
            checks:
              - name: vague
                http: { url: "http://127.0.0.1:1/", follow_redirects: sometimes }
            """) == ["3:59: follow_redirects must be true, false or same_host, found 'sometimes'"])
    }
}
