import Foundation
@testable import SmokegateConfig
@testable import SmokegateCore
import SmokegateFixtures
@testable import SmokegateModel
@testable import SmokegateReports
import SmokegateTestSupport
@testable import SmokegateVerdict
@testable import SmokegateVocabulary
import Testing

/// Chained checks through `SuiteRun` against in-process shops: values captured from one response used by later
/// checks, in order, per environment; dependants of a failed capture not run, and said so; captured secrets masked.
@Suite("Chained checks: capture, needs, cookies")
struct ChainedCheckTests {
    static let password = "correct horse battery"

    /// A login, a call with its token that captures the user id, and a call with both (and the session cookie).
    static let loginFlow = """
        environments:
          blue: { base_url: "{{blue}}" }
          green: { base_url: "{{green}}" }
        checks:
          - name: login
            http:
              method: POST
              url: /login
              form: { user: probe, password: "${env:SHOP_PASSWORD}" }
            capture:
              token: json $.token
          - name: me
            samples: 3
            http:
              url: /api/me
              bearer: "{{token}}"
            capture:
              user_id: { json: $.id, secret: false }
            expect:
              json: { $.name: Probe }
          - name: orders
            samples: 3
            http:
              url: /api/orders
              query: { user: "{{user_id}}" }
              headers: { Authorization: "Bearer {{token}}" }
            expect:
              json: { "$.orders[0].id": 1 }
        """

    /// Blue alone, and its login capturing `token` at `path`; the checks after it follow.
    static func blueLogin(capturing path: String) -> String {
        """
        environments:
          blue: { base_url: "{{blue}}" }
        checks:
          - name: login
            http: { method: POST, url: /login, form: { user: probe, password: "${env:SHOP_PASSWORD}" } }
            capture:
              token: json \(path)

        """
    }

    static func run(_ yaml: String, blue: LoginShop, green: LoginShop, files: [String: String] = [:]) async throws -> RunReport {
        let blueServer = try await FixtureHTTPServer.start(answering: blue.answer)
        let greenServer = try await FixtureHTTPServer.start(answering: green.answer)
        defer { Task { try? await blueServer.shutdown(); try? await greenServer.shutdown() } }
        let directory = try TemporarySuite(files.merging(["suite.yml": yaml]) { $1 })
        defer { directory.remove() }
        let options = LoadOptions(variables: ["blue": blueServer.baseURL, "green": greenServer.baseURL],
                                  processEnvironment: ["SHOP_PASSWORD": password])
        let suite = try await SuiteLoader.load(paths: [directory.path("suite.yml")], options: options)
        return try await SuiteRun(suite: suite, tags: [], concurrency: 8).execute()
    }

    @Test func aLoginsTokenReachesTheChecksAfterItInOrder() async throws {
        let blue = LoginShop(password: Self.password), green = LoginShop(password: Self.password)
        let report = try await Self.run(Self.loginFlow, blue: blue, green: green)
        for environment in ["blue", "green"] {
            for check in ["login", "me", "orders"] {
                let result = try #require(RunHarness.result(report, check, environment))
                #expect(result.status == .pass, "\(check) in \(environment): \(result.message ?? "")")
            }
        }
        #expect(report.decision == .pass)
        for shop in [blue, green] {
            let requests = shop.log.all
            // One login per environment, first; every later call carries the token that login was given.
            #expect(requests.first.map { "\($0.method) \($0.path)" } == "POST /login")
            #expect(requests.filter { $0.path == "/login" }.count == 1)
            let token = try #require(shop.tokens.first)
            let calls = requests.filter { $0.path.hasPrefix("/api/") }
            #expect(calls.count == 6)
            #expect(calls.allSatisfy { $0.header("Authorization") == "Bearer \(token)" })
            // Sample k of orders waits for sample k of me: the k-th order call comes after k+1 me calls.
            var meSeen = 0, ordersSeen = 0
            for call in calls {
                if call.path == "/api/me" { meSeen += 1 } else {
                    ordersSeen += 1
                    #expect(meSeen >= ordersSeen, "orders sample \(ordersSeen) started before me sample \(ordersSeen)")
                }
            }
            #expect(calls.filter { $0.path == "/api/orders" }.allSatisfy { $0.uri == "/api/orders?user=u-1" })
        }
    }

    @Test func aFailedLoginMarksItsDependantsNotRunAndTheRunFails() async throws {
        let blue = LoginShop(password: Self.password, loginWorks: false), green = LoginShop(password: Self.password)
        let report = try await Self.run(Self.loginFlow, blue: blue, green: green)
        #expect(RunHarness.result(report, "login", "blue")?.status == .fail)
        let me = try #require(RunHarness.result(report, "me", "blue"))
        #expect(me.status == .notRun)
        #expect(me.notRunCause == .dependency)
        #expect(me.blockedBy == "suite/login")
        #expect(me.samplesCompleted == 0)
        #expect(me.message == "not run: suite/login failed in blue (its capture 'token' has no value)")
        let orders = try #require(RunHarness.result(report, "orders", "blue"))
        #expect(orders.status == .notRun)
        #expect(orders.notRunCause == .dependency)
        #expect(orders.message?.hasPrefix("not run: suite/") == true)
        // Green's login works: its chain runs whatever blue's did.
        #expect(RunHarness.result(report, "orders", "green")?.status == .pass)
        #expect(report.decision == .fail)
        #expect(report.totals.results[.notRun] == 2)
        #expect(report.reasons.contains("suite/me not run: suite/login failed in blue (its capture 'token' has no value)"), "\(report.reasons)")
        #expect(report.reasons.contains { $0.hasPrefix("suite/login failed in blue") })
        // Nothing was sent on blue's behalf after the login failed.
        #expect(blue.log.all.map(\.path) == ["/login"])
        #expect(report.totals.probesCompleted == 7 + 1)
    }

    @Test func aCaptureThatFindsNothingFailsTheCheckThatMakesIt() async throws {
        let shop = LoginShop(password: Self.password)
        let report = try await Self.run(Self.blueLogin(capturing: "$.access_token") + """
              - name: me
                http: { url: /api/me, bearer: "{{token}}" }
            """, blue: shop, green: shop)
        let login = try #require(RunHarness.result(report, "login", "blue"))
        #expect(login.status == .fail)
        #expect(login.failures.first?.reason == .capture)
        #expect(login.message?.hasPrefix("capture 'token': $.access_token not found in the response") == true, "\(login.message ?? "")")
        #expect(RunHarness.result(report, "me", "blue")?.status == .notRun)
    }

    @Test func aCapturedTokenIsMaskedWhereAServerQuotesIt() async throws {
        let shop = LoginShop(password: Self.password)
        let report = try await Self.run(Self.blueLogin(capturing: "$.token") + """
              - name: spoiled token
                http:
                  url: /api/me
                  headers: { Authorization: "Bearer {{token}}-spoiled" }
            """, blue: shop, green: shop)
        let token = try #require(shop.tokens.first)
        let result = try #require(RunHarness.result(report, "spoiled token", "blue"))
        #expect(result.status == .fail)
        // The shop answered "refused: Authorization was Bearer tok-…-spoiled": the token must not survive.
        #expect(result.message?.contains("Bearer ***-spoiled") == true, "\(result.message ?? "")")
        let verdict = String(decoding: try JSONReport.render(report), as: UTF8.self)
        #expect(!verdict.contains(token))
        #expect(!ConsoleReport.render(report, color: false).contains(token))
        #expect(!String(decoding: try JUnitReport.render(report), as: UTF8.self).contains(token))
    }

    @Test func aCookieSetOnARedirectIsSentOnTheRedirectAndToChainedChecksOnly() async throws {
        let visit = "v-" + UUID().uuidString.lowercased()
        let log = RequestLog()
        try await FixtureHTTPServer.withServer(answering: { request in
            log.record(request)
            let cookie = request.header("Cookie") ?? ""
            switch request.path {
            case "/start":
                return .respond(FixtureResponse(status: 302, headers: [("Location", "/landing"), ("Set-Cookie", "visit=\(visit); Path=/")]))
            case "/landing", "/account":
                return .respond(cookie.contains("visit=\(visit)") ? .text("welcome") : .text("who are you?", status: 401))
            default:
                return .respond(.text("public"))
            }
        }) { server in
            let suite = try await TemporarySuite.load("""
                checks:
                  - name: start
                    http: { url: "\(server.baseURL)/start", follow_redirects: true }
                    expect:
                      cookies:
                        visit: { matches: "^v-" }
                  - name: wrong cookie value
                    http: { url: "\(server.baseURL)/start", follow_redirects: true }
                    expect:
                      cookies: { visit: v-other }
                  - name: account
                    needs: start
                    http: "\(server.baseURL)/account"
                  - name: public
                    http: "\(server.baseURL)/public"
                """)
            let report = try await SuiteRun(suite: suite, tags: [], concurrency: 4).execute()
            #expect(RunHarness.result(report, "start")?.status == .pass, "\(RunHarness.result(report, "start")?.message ?? "")")
            #expect(RunHarness.result(report, "account")?.status == .pass, "\(RunHarness.result(report, "account")?.message ?? "")")
            let wrong = try #require(RunHarness.result(report, "wrong cookie value"))
            #expect(wrong.failures.first?.reason == .cookie)
            // A cookie is a credential: its value is not quoted.
            #expect(wrong.message == #"cookie visit: expected "v-other", got ***"#)
            #expect(!String(decoding: try JSONReport.render(report), as: UTF8.self).contains(visit))
            let requests = log.all
            #expect(requests.filter { $0.path == "/landing" }.allSatisfy { $0.header("Cookie") == "visit=\(visit)" })
            #expect(requests.first { $0.path == "/account" }?.header("Cookie") == "visit=\(visit)")
            // A check that waits for nothing starts from an empty jar.
            #expect(requests.first { $0.path == "/public" }.map { $0.header("Cookie") == nil } == true)
        }
    }
}
