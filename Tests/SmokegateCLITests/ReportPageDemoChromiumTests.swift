import Foundation
import SmokegateTestTools
import Testing

/// `smokegate demo` (the built binary, `SMOKEGATE_BIN`) writes `report.html` for its comparison and for its cutover
/// watch, and real headless Chromium loads both: no console errors, exceptions or requests beyond the page, a chart
/// and a row for each thing the verdict carries (read from the `verdict.json` beside it), and a phone's width. The
/// screenshots stay in the test's workspace (printed); `summary.md` is appended to `GITHUB_STEP_SUMMARY`.
@Suite struct ReportPageDemoChromiumTests {
    /// Where the screenshots stay after the workspace is removed.
    static let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-report-demo-\(UUID().uuidString)")

    static func load(_ file: String, name: String, selectors: [String], texts: [String]) async throws -> [ChromiumReport]? {
        var reports: [ChromiumReport] = []
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        for (width, height, mobile) in [(1280, 800, false), (390, 844, true)] {
            let screenshot = screenshots.appendingPathComponent("\(name)-\(width).png").path
            guard let report = try await TestTools.ifAvailable({
                try await Chromium.check(url: file, selectors: selectors + ["svg", "script", "style", "[onload]", "img"], texts: texts,
                                         screenshot: screenshot, width: width, height: height, mobile: mobile)
            }) else { return nil }
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? -1
            print("demo \(name) report.html at \(width) px: \(size) bytes, load \(report.timings.load ?? -1) s, screenshot \(report.screenshot?.path ?? "none")")
            #expect(report.ok, "\(report.problems)")
            #expect(report.consoleErrors.isEmpty && report.exceptions.isEmpty)
            #expect(report.externalRequests.isEmpty && report.requests == 1)
            #expect(report.counts["script"] == 0 && report.counts["[onload]"] == 0 && report.counts["img"] == 0)
            #expect(report.counts["style"] == 1)
            #expect(report.contentSize?.width == width, "\(String(describing: report.contentSize))")
            #expect(report.screenshot?.width == width)
            reports.append(report)
        }
        return reports
    }

    @Test func demoReportsLoadInChromium() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let summary = workspace.path("step-summary.md")
        try Data("previous step\n".utf8).write(to: URL(fileURLWithPath: summary))
        let result = try await Binary.run(["demo"], environment: ["GITHUB_STEP_SUMMARY": summary], directory: workspace.directory, timeout: .seconds(120))
        #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stdout.contains("reports: reports/junit.xml, reports/verdict.json, reports/report.html, reports/summary.md"))
        #expect(result.stdout.contains("demo: open reports/report.html in a browser (the cutover's: reports/cutover/report.html)"))

        // The comparison: a section per check and comparison, a row per result, a CDF per comparison with both sides'
        // quantiles, a phase chart per check with phases.
        let verdict = try workspace.json("reports/verdict.json")
        // The decision is the demo's to make (rollback: its green cart is slower on purpose); the page must say it.
        let decision = try #require(verdict["decision"] as? String)
        let checks = verdict["checks"] as? [[String: Any]] ?? []
        let results = checks.flatMap { $0["results"] as? [[String: Any]] ?? [] }
        let comparisons = verdict["comparisons"] as? [[String: Any]] ?? []
        let withPhases = checks.count { ($0["results"] as? [[String: Any]] ?? []).contains { !(($0["phases"] as? [String: Any]) ?? [:]).isEmpty } }
        let quantiles = Set(checks.filter { check in
            (check["results"] as? [[String: Any]] ?? []).filter { $0["latency_quantiles_ms"] != nil }.count == 2
        }.map { "\($0["suite"] ?? "")/\($0["name"] ?? "")" })
        let charted = comparisons.count { quantiles.contains("\($0["suite"] ?? "")/\($0["check"] ?? "")") }
        #expect(!checks.isEmpty && comparisons.count > 0 && charted > 0 && withPhases > 0)
        if let reports = try await Self.load(workspace.path("reports/report.html"), name: "comparison",
                                             selectors: ["[data-check]", "[data-comparison]", "tr[data-result]", "svg.cdf", "svg.phases"],
                                             texts: [decision.uppercased(), "demo/cart"]) {
            for report in reports {
                #expect(report.counts["[data-check]"] == checks.count)
                #expect(report.counts["[data-comparison]"] == comparisons.count)
                #expect(report.counts["tr[data-result]"] == results.count)
                #expect(report.counts["svg.cdf"] == charted)
                #expect(report.counts["svg.phases"] == withPhases)
                #expect(report.counts["svg"] == charted + withPhases)
                #expect(report.texts.values.allSatisfy { $0 })
            }
        }

        // The cutover watch: a timeline per target, the route's with its window and the cutover.
        let cutover = try workspace.json("reports/cutover/verdict.json")
        let targets = (cutover["watch"] as? [String: Any])?["targets"] as? [[String: Any]] ?? []
        let watchChecks = cutover["checks"] as? [[String: Any]] ?? []
        let watchPhases = watchChecks.count { ($0["results"] as? [[String: Any]] ?? []).contains { !(($0["phases"] as? [String: Any]) ?? [:]).isEmpty } }
        #expect(targets.count == 3)
        if let reports = try await Self.load(workspace.path("reports/cutover/report.html"), name: "cutover",
                                             selectors: ["[data-target]", "svg.timeline", "svg.timeline g", "[data-check]"],
                                             texts: ["Watch", "route", "cutover 1.4.2 → 1.5.0"]) {
            for report in reports {
                #expect(report.counts["[data-target]"] == targets.count)
                #expect(report.counts["svg.timeline"] == targets.count)
                #expect((report.counts["svg.timeline g"].flatMap { $0 } ?? 0) >= 1, "the route's cutover marker")
                #expect(report.counts["[data-check]"] == watchChecks.count)
                #expect(report.counts["svg"] == targets.count + watchPhases)
                #expect(report.texts.values.allSatisfy { $0 }, "\(report.texts)")
            }
        }

        // The Markdown summary, appended after what the step summary held.
        let appended = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(appended.hasPrefix("previous step\n## smokegate: "))
        #expect(appended.components(separatedBy: "## smokegate: ").count == 3, "the comparison's and the cutover's")
        let summaryText = try workspace.read("reports/summary.md")
        #expect(summaryText.hasPrefix("## smokegate: ") && summaryText.components(separatedBy: "\n")[0].hasSuffix(" \(decision.uppercased())"))
        #expect(appended.contains(summaryText))
    }
}
