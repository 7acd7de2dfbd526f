import Foundation
import SmokegateFixtures
import Testing

extension RunsAlone {
    @Suite("smokegate demo, end to end")
    struct DemoCommandTests {
        @Test func demoRunsBothShopsAndWritesValidReports() async throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            // From an empty directory: the suite built into the binary is used.
            let result = try await Binary.run(["demo"], directory: workspace.directory)
            #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            // Green's slower cart is caught by the comparison: the demo's point.
            #expect(result.stdout.contains("VERDICT ROLLBACK"))
            #expect(result.stdout.contains("demo/cart fail: green is slower than blue"))
            #expect(result.stdout.contains("(smokegate run would exit 1 here"))
            #expect(result.stdout.contains("reports: reports/junit.xml, reports/verdict.json"))
            #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            #expect(verdict["decision"] as? String == "rollback")
            #expect(verdict["exit_code"] as? Int == 1)
            let comparisons = verdict["comparisons"] as? [[String: Any]] ?? []
            #expect(comparisons.filter { $0["decision"] as? String == "fail" }.map { $0["check"] as? String } == ["cart"])
            let checks = verdict["checks"] as? [[String: Any]] ?? []
            let cart = checks.first { $0["name"] as? String == "cart" }?["results"] as? [[String: Any]] ?? []
            let p50 = cart.map { (($0["latency"] as? [String: Any])?["p50_ms"] as? Double) ?? 0 }
            // Green's cart is deliberately slower than blue's: the demo's point.
            #expect(p50.count == 2 && p50[1] > p50[0], "cart p50 blue/green: \(p50)")

            // Written to a pipe, the output keeps the order things happened in: the run's table and verdict, then the watch.
            let verdictLine = try #require(result.stdout.range(of: "VERDICT ROLLBACK"))
            let watchStart = try #require(result.stdout.range(of: "watching "))
            #expect(verdictLine.lowerBound < watchStart.lowerBound, "the watch's lines came before the run's verdict:\n\(result.stdout)")
            #expect(result.stdout.contains("probes in flight per target)"), "the watch's header says what its bound is")
            #expect(!result.stdout.contains("at most in flight"))

            // Then the simulated cutover: the route fails for 300 ms while it switches from blue to green.
            #expect(result.stdout.contains("cutover/health [route] DOWN status"))
            #expect(result.stdout.contains("cutover/health [route] answers 1.5.0 (was 1.4.2)"))
            #expect(result.stdout.contains("reports: reports/cutover/junit.xml, reports/cutover/verdict.json"))
            #expect(result.stdout.contains("(smokegate watch would exit 1 here)"))
            #expect(try await Binary.junitSchemaProblems(workspace.path("reports/cutover/junit.xml")) == "")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/cutover/verdict.json")) == "")
            let (junitText, junit) = try await Binary.junitFacts(workspace.path("reports/cutover/junit.xml"))
            #expect(junit["too"] == ["long", "0"], "a watch's test case outlasts its suite: \(junitText)")
            #expect(junit["duplicates"] == ["0"], "\(junitText)")
            let cutover = try workspace.json("reports/cutover/verdict.json")
            let targets = (cutover["watch"] as? [String: Any])?["targets"] as? [[String: Any]] ?? []
            let route = try #require(targets.first { $0["environment"] as? String == "route" })
            #expect(route["window_count"] as? Int == 1)
            let downtime = try #require(route["downtime_ms"] as? Double)
            #expect(downtime > 200 && downtime < 450, "a 300 ms outage at a 50 ms interval: measured \(downtime) ms")
            #expect((route["cutover"] as? [String: Any])?["to"] as? String == "1.5.0")
            #expect(targets.filter { $0["environment"] as? String != "route" }.allSatisfy { $0["window_count"] as? Int == 0 })
        }

        @Test func embeddedSuitesMatchTheCheckedInFiles() throws {
            let file = try String(contentsOf: Binary.packageRoot.appendingPathComponent("checks/demo.yml"), encoding: .utf8)
            #expect(file == DemoSuite.yaml, "run `make demo-suite` after editing checks/demo.yml")
            let cutover = try String(contentsOf: Binary.packageRoot.appendingPathComponent("checks/cutover.yml"), encoding: .utf8)
            #expect(cutover == DemoSuite.cutoverYAML, "run `make demo-suite` after editing checks/cutover.yml")
        }
    }
}
