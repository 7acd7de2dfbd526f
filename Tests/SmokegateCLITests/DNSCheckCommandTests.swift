import Foundation
import SmokegateFixtures
import Testing

extension RunsAlone {
    /// `dns:` checks through the built binary, against scripts/test-servers/dns_server.py (dnslib) on loopback: they
    /// start a Python child process each and bound a timeout, so they run alone.
    @Suite("dns checks, end to end")
    struct DNSCheckCommandTests {
        static func server() async throws -> (ScriptedServer, String) {
            try await ScriptedCheckSuite.start("dns_server.py", scheme: "udp")
        }

        static func suite(_ checks: String) -> String { ScriptedCheckSuite.suite("names", checks) }

        static func result(_ verdict: [String: Any], _ check: String) throws -> [String: Any] {
            try ScriptedCheckSuite.result(verdict, check, kind: "dns")
        }

        static func reasons(_ result: [String: Any]) -> [String] { ScriptedCheckSuite.reasons(result) }

        @Test func answersAreJudgedAndEveryReportIsValid() async throws {
            let (server, address) = try await Self.server()
            defer { server.stop() }
            let workspace = try Workspace(["checks/names.yml": Self.suite("""
                  - name: www
                    samples: 3
                    dns: { name: www.test, type: A, server: "{{dns}}", timeout: 2s }
                    expect:
                      answers: [192.0.2.11, 192.0.2.10]
                      ttl_min: 60
                      ttl_max: 300
                      authoritative: true
                  - name: mail
                    dns: { name: test, type: MX, server: "{{dns}}" }
                    expect: { answers: { contains: ["10 mx1.test."], matches: "^[0-9]+ mx[0-9]\\\\.test\\\\.$" } }
                  - name: missing
                    dns: { name: missing.test, server: "{{dns}}" }
                    expect: { rcode: NXDOMAIN }
                  - name: cached
                    dns: { name: cached.example, server: "{{dns}}" }
                    expect: { authoritative: true }
                  - name: short-ttl
                    dns: { name: www.test, type: AAAA, server: "{{dns}}" }
                    expect: { ttl_max: 60 }
                  - name: moved
                    dns: { name: alias.test, server: "{{dns}}" }
                    expect: { answers: [10.9.9.9] }

                """)])
            defer { workspace.remove() }
            let result = try await Binary.run(["run", "checks", "--var", "dns=\(address)"], directory: workspace.directory)
            #expect(result.status == 1, "three checks fail: \(result.stdout)\n\(result.stderr)")
            #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            for passing in ["www", "mail", "missing"] {
                let check = try Self.result(verdict, passing)
                #expect(check["status"] as? String == "pass", "\(passing): \(check)")
            }
            let www = try Self.result(verdict, "www")
            #expect(www["samples_completed"] as? Int == 3)
            #expect((www["target"] as? String)?.hasPrefix("www.test. A @udp://127.0.0.1:") == true)
            let cached = try Self.result(verdict, "cached")
            #expect(Self.reasons(cached) == ["authoritative"])
            let shortTTL = try Self.result(verdict, "short-ttl")
            #expect(Self.reasons(shortTTL) == ["ttl"])
            let moved = try Self.result(verdict, "moved")
            #expect(Self.reasons(moved) == ["answers"])
            let message = (moved["failures"] as? [[String: Any]])?.first?["message"] as? String ?? ""
            // The addresses at the end of the CNAME chain, not the alias.
            #expect(message == "answers: expected 10.9.9.9, got 192.0.2.10, 192.0.2.11", "\(message)")
            let junit = try workspace.read("reports/junit.xml")
            #expect(junit.contains("type=\"ttl\""))
            #expect(try await server.lines(atLeast: 3) { $0 == "QUERY udp www.test. A" }.count == 3)
            let listing = try await Binary.run(["list", "checks", "--var", "dns=\(address)"], directory: workspace.directory)
            #expect(listing.status == 0)
            #expect(listing.stdout.contains("names/www") && listing.stdout.contains("dns") && listing.stdout.contains("www.test. A @\(address)"),
                    "\(listing.stdout)")
            #expect(try await Binary.run(["validate", "checks", "--var", "dns=\(address)"], directory: workspace.directory).status == 0)
        }

        @Test func nxdomainFailsACheckThatExpectsAnAnswer() async throws {
            let (server, address) = try await Self.server()
            defer { server.stop() }
            let workspace = try Workspace(["checks/names.yml": Self.suite("""
                  - name: gone
                    dns: { name: missing.test, server: "{{dns}}" }
                  - name: broken
                    dns: { name: servfail.test, server: "{{dns}}" }

                """)])
            defer { workspace.remove() }
            let result = try await Binary.run(["run", "checks", "--var", "dns=\(address)"], directory: workspace.directory)
            #expect(result.status == 1)
            let verdict = try workspace.json("reports/verdict.json")
            let gone = try Self.result(verdict, "gone")
            #expect(Self.reasons(gone) == ["rcode"])
            let message = (gone["failures"] as? [[String: Any]])?.first?["message"] as? String ?? ""
            #expect(message.contains("expected NOERROR, got NXDOMAIN"), "\(message)")
            #expect(Self.reasons(try Self.result(verdict, "broken")) == ["rcode"])
            #expect(result.stdout.contains("NXDOMAIN"))
        }

        @Test func aTruncatedReplyIsAskedAgainOverTCP() async throws {
            let (server, address) = try await Self.server()
            defer { server.stop() }
            let workspace = try Workspace(["checks/names.yml": Self.suite("""
                  - name: big
                    dns: { name: truncate.test, server: "{{dns}}" }
                    expect: { answers: [192.0.2.101, 192.0.2.102, 192.0.2.103] }
                  - name: broken-both-ways
                    dns: { name: truncate-both.test, server: "{{dns}}" }

                """)])
            defer { workspace.remove() }
            let result = try await Binary.run(["run", "checks", "--var", "dns=\(address)"], directory: workspace.directory)
            #expect(result.status == 1)
            let verdict = try workspace.json("reports/verdict.json")
            #expect(try Self.result(verdict, "big")["status"] as? String == "pass")
            #expect(Self.reasons(try Self.result(verdict, "broken-both-ways")) == ["truncated"])
            _ = try await server.line { $0 == "QUERY udp truncate.test. A" }
            _ = try await server.line { $0 == "QUERY tcp truncate.test. A" }
        }

        @Test func aSilentServerCostsItsTimeoutAndNoMore() async throws {
            let (server, address) = try await Self.server()
            defer { server.stop() }
            let workspace = try Workspace(["checks/names.yml": Self.suite("""
                  - name: silent
                    dns: { name: a.silent.test, server: "{{dns}}", timeout: 2s }

                """)])
            defer { workspace.remove() }
            let started = ContinuousClock.now
            let result = try await Binary.run(["run", "checks", "--var", "dns=\(address)"], directory: workspace.directory)
            let elapsed = ContinuousClock.now - started
            #expect(result.status == 1)
            let silent = try Self.result(try workspace.json("reports/verdict.json"), "silent")
            #expect(Self.reasons(silent) == ["timeout"])
            // The whole binary, its start and reports included: the 2 s timeout, and generous room for a loaded machine.
            #expect(elapsed >= .seconds(2) && elapsed < .seconds(8), "a silent server's run took \(elapsed)")
            print("dns silent server: timeout 2s, whole run \(elapsed)")
        }

        @Test func serversThatDisagreeFailOnlyACheckThatAsksThemToAgree() async throws {
            let (first, firstAddress) = try await Self.server()
            defer { first.stop() }
            let (second, secondAddress) = try await Self.server()
            defer { second.stop() }
            try await second.command("set cutover.test. 30 A 10.0.2.10")
            let workspace = try Workspace(["checks/names.yml": Self.suite("""
                  - name: must-agree
                    dns: { name: cutover.test, servers: ["{{first}}", "{{second}}"] }
                    expect: { agree: true }
                  - name: may-differ
                    dns: { name: cutover.test, servers: ["{{first}}", "{{second}}"] }
                  - name: agreeing
                    dns: { name: www.test, servers: ["{{first}}", "{{second}}"] }
                    expect: { agree: true }

                """)])
            defer { workspace.remove() }
            let result = try await Binary.run(["run", "checks", "--var", "first=\(firstAddress)", "--var", "second=\(secondAddress)"],
                                              directory: workspace.directory)
            #expect(result.status == 1)
            let verdict = try workspace.json("reports/verdict.json")
            let mustAgree = try Self.result(verdict, "must-agree")
            #expect(Self.reasons(mustAgree) == ["disagreement"])
            let message = (mustAgree["failures"] as? [[String: Any]])?.first?["message"] as? String ?? ""
            #expect(message.contains("\(firstAddress) 10.0.1.10") && message.contains("\(secondAddress) 10.0.2.10"), "\(message)")
            #expect(try Self.result(verdict, "may-differ")["status"] as? String == "pass")
            #expect(try Self.result(verdict, "agreeing")["status"] as? String == "pass")
        }

        @Test func aWatchSeesTheNameMoveAndTheResolversDisagreeOnTheWay() async throws {
            let (first, firstAddress) = try await Self.server()
            defer { first.stop() }
            let (second, secondAddress) = try await Self.server()
            defer { second.stop() }
            let workspace = try Workspace(["checks/names.yml": Self.suite("""
                  - name: public
                    dns: { name: cutover.test, servers: ["{{first}}", "{{second}}"], timeout: 1s }
                    version_from: answers

                """)])
            defer { workspace.remove() }
            let query = "QUERY udp cutover.test. A"
            let arguments = ["watch", "checks", "--var", "first=\(firstAddress)", "--var", "second=\(secondAddress)",
                             "--interval", "50ms", "--duration", "60s", "--until", "version 10.0.2.10 for 500ms"]
            let result = try await Binary.run(arguments, directory: workspace.directory, timeout: .seconds(60)) { _ in
                try await WatchCommandTests.waitFor { first.lines.filter { $0 == query }.count >= 10 }
                try await first.command("set cutover.test. 30 A 10.0.2.10")
                let switched = first.lines.filter { $0 == query }.count
                try await WatchCommandTests.waitFor { first.lines.filter { $0 == query }.count >= switched + 10 }
                try await second.command("set cutover.test. 30 A 10.0.2.10")
            }
            #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            let watch = try #require(verdict["watch"] as? [String: Any])
            #expect(watch["ended_by"] as? String == "until")
            let target = try #require((watch["targets"] as? [[String: Any]])?.first)
            let timeline = try #require(target["timeline"] as? [[String: Any]])
            #expect(timeline.compactMap { $0["version"] as? String } == ["10.0.1.10", "mixed: 10.0.1.10 | 10.0.2.10", "10.0.2.10"])
            let mixed = try #require(timeline.dropFirst().first)
            #expect((mixed["probes"] as? Int ?? 0) >= 5, "the samples between the two switches: \(mixed)")
            let cutover = try #require(target["cutover"] as? [String: Any])
            #expect(cutover["from"] as? String == "10.0.1.10" && cutover["to"] as? String == "10.0.2.10")
            #expect(cutover["flaps"] as? Int == 0)
            #expect(result.stdout.contains("10.0.2.10"))
        }
    }
}
