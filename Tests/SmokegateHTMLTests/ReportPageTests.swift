import Foundation
@testable import SmokegateHTML
import SmokegateDocuments
import SmokegateModel
import SmokegateVerdict
import SmokegateVocabulary
import Testing

/// `report.html` parsed with libxml2 (strictly as XML, and as a browser reads HTML): the decision and its reasons
/// first, a section per check and per comparison with the charts the report's figures call for, passing checks
/// folded, hostile names and messages shown as text and adding no markup.
@Suite struct ReportPageTests {
    static func svgCount(_ probe: MarkupProbe, _ within: String = "") throws -> Int {
        try probe.count("\(within)//*[local-name()='svg']")
    }

    @Test func comparisonPageShowsTheDecisionFirstAndEveryCheck() async throws {
        let report = try await SyntheticReport.comparison(checks: 20)
        let page = MarkupProbe(ReportPage.render(report))
        // The decision and every reason, in words, before any section.
        #expect(try page.string("(//main/header/section[contains(@class, 'verdict')]//span[contains(@class, 'state')])[1]")
            .hasSuffix(report.decision.rawValue))
        #expect(try page.strings("//main/header//ul[@class='reasons']/li") == Array(report.reasons.prefix(ReportPage.reasonsShown)))
        #expect(report.decision == .rollback, "the synthetic green is slower and fails: \(report.reasons)")
        #expect(try page.count("//details[@data-check]") == 20)
        #expect(try page.count("//details[@data-comparison]") == 20)
        #expect(try page.count("//tr[@data-result]") == 40)
        // A CDF per comparison, a phase chart per check.
        #expect(try Self.svgCount(page, "//details[@data-comparison]") == 20)
        #expect(try page.count("//*[local-name()='svg'][contains(@class, 'cdf')]") == 20)
        #expect(try page.count("//*[local-name()='svg'][contains(@class, 'phases')]") == 20)
        #expect(try Self.svgCount(page) == 40)
        // Folded unless something did not pass.
        let notPassing = report.checks.filter { $0.results.contains { $0.status != .pass } }.count
        #expect(notPassing > 0 && notPassing < 20)
        #expect(try page.count("//details[@data-check][@open]") == notPassing)
        let worse = report.comparisons?.filter { $0.decision != .pass }.count ?? 0
        #expect(try page.count("//details[@data-comparison][@open]") == worse)
        #expect(try page.count("//script") == 0 && page.eventHandlers().isEmpty)
        #expect(try page.count("//style") == 1)
        #expect(try page.count("//details[@id='gates'][@open]") == (report.gates.allSatisfy(\.passed) ? 0 : 1))
    }

    @Test func passingGatesAreFolded() async throws {
        var report = try await SyntheticReport.comparison(checks: 2)
        report.gates = report.gates.filter(\.passed)
        let page = MarkupProbe(ReportPage.render(report))
        #expect(try page.count("//details[@id='gates']") == 1 && page.count("//details[@id='gates'][@open]") == 0)
        #expect(try page.count("//details[@id='gates']//tr[@data-gate]") == report.gates.count)
        // One failed gate unfolds them, listed first.
        report.gates[report.gates.count - 1].passed = false
        let failing = MarkupProbe(ReportPage.render(report))
        #expect(try failing.count("//details[@id='gates'][@open]") == 1)
        #expect(try failing.string("//details[@id='gates']//tr[@data-gate][1]/@class") == "down")
    }

    @Test func checkSectionShowsFiguresAndGroupedFailures() async throws {
        let report = try await SyntheticReport.comparison(checks: 2)
        let page = MarkupProbe(ReportPage.render(report))
        let green = try #require(report.checks[1].results.first { $0.environment == "green" })
        let key = "\(report.checks[1].suite)/check-1"
        let row = "//details[@data-check='\(key)']//tr[@data-result='green']"
        #expect(try page.string("\(row)/td[3]") == String(green.samplesCompleted))
        #expect(try page.string("\(row)/td[5]") == ChartText.milliseconds(try #require(green.latency).p95Ms))
        #expect(try page.strings("\(row)//span[@class='reason']") == green.failures.map(\.reason.rawValue))
        #expect(try page.strings("\(row)//div[@class='failure']").map { $0.hasSuffix(green.failures[0].message) }.first == true)
        // The phase chart names each phase's mean, as the report has it.
        let title = try page.string("//details[@data-check='\(key)']//*[local-name()='svg']/*[local-name()='title']")
        #expect(title.contains("server \(ChartText.milliseconds(try #require(green.phases["server"]).meanMs))"))
    }

    @Test func comparisonChartMarksPercentilesAndTheMargin() async throws {
        let report = try await SyntheticReport.comparison(checks: 4)
        let page = MarkupProbe(ReportPage.render(report))
        let comparison = try #require(report.comparisons?.first { $0.check == "check-3" })
        #expect(comparison.decision == .fail)
        let key = "\(comparison.suite)/check-3"
        let chart = "//details[@data-comparison='\(key)']//*[local-name()='svg']"
        let title = try page.string("\(chart)/*[local-name()='title']")
        let green = try #require(comparison.candidate.latency)
        #expect(title.contains("green, n=\(green.n), p50 \(ChartText.milliseconds(green.p50Ms)), p95 \(ChartText.milliseconds(green.p95Ms))"))
        let limit = try #require(comparison.latency.first { $0.metric == comparison.decidingMetric }?.marginLimitMs)
        #expect(title.contains("allowed up to \(ChartText.milliseconds(limit))"))
        // Three markers per side, each a titled group.
        #expect(try page.count("\(chart)/*[local-name()='g']") == 6)
        let tests = try page.strings("//details[@data-comparison='\(key)']/p[@class='sub']")
        #expect(tests.first?.contains("Cliff's δ") == true)
    }

    @Test func hostileNamesAndMessagesShowAsText() async throws {
        let hostile = ReportPage.render(try await SyntheticReport.comparison(checks: 12, hostile: true))
        let plain = ReportPage.render(try await SyntheticReport.comparison(checks: 12))
        for kind in [MarkupKind.xml, .html] {
            let page = MarkupProbe(hostile, as: kind), twin = MarkupProbe(plain, as: kind)
            #expect(try page.count("//script") == 0)
            #expect(try page.eventHandlers().isEmpty)
            #expect(try page.count("//*") == twin.count("//*"), "\(kind)")
            #expect(try page.count("//@*") == twin.count("//@*"), "\(kind)")
        }
        let page = MarkupProbe(hostile)
        let suite = try await SyntheticReport.comparison(checks: 1).checks[0].suite
        let names = try page.strings("//details[@data-check]/summary/span[@class='name']")
        #expect(names.contains("\(suite)/\(SyntheticReport.scriptName)"))
        #expect(names.contains("\(suite)/\(SyntheticReport.attributeBreak)"))
        #expect(try page.string("//details[@data-check][1]/@data-check").isEmpty == false)
        let messages = try page.strings("//div[@class='failure']")
        #expect(messages.contains { $0.hasSuffix("expected status 200, got 503: \(SyntheticReport.scriptName) \(SyntheticReport.attributeBreak)") })
        #expect(try page.strings("//details[@data-comparison]/@data-comparison").contains("\(suite)/\(SyntheticReport.attributeBreak)"))
    }
}

/// A run stopped by its configuration writes `report.html` too: the decision `error` and every problem, located.
@Suite struct ReportPageConfigurationErrorTests {
    @Test func configurationErrorsAreTheReasons() throws {
        let problems = [ConfigError("unknown key '<script>alert(1)</script>' in expect", at: SourceLocation(file: "checks/shop.yml", line: 6, column: 15)),
                        ConfigError("no checks", at: nil)]
        let report = RunReport.configurationError(problems, files: ["checks/shop.yml"], tags: [], toolVersion: "test")
        let page = MarkupProbe(ReportPage.render(report))
        #expect(try page.string("//section[contains(@class, 'verdict')]//span[contains(@class, 'state')]").hasSuffix("error"))
        #expect(try page.strings("//ul[@class='reasons']/li") == ["2 configuration errors; nothing was probed",
                                                                   "checks/shop.yml:6:15: unknown key '<script>alert(1)</script>' in expect", "no checks"])
        #expect(try page.count("//script") == 0 && page.count("//details") == 0)
        #expect(try page.string("//main/header/p[@class='sub']").hasPrefix("0 checks · 0 probes"))
    }
}

/// A watch's section: a timeline per target with its window, the uncertainty before each edge, the versions and
/// the cutover; versions and messages that try to break out of the markup show as text.
@Suite struct ReportPageWatchTests {
    @Test func timelinePerTargetWithWindowVersionsAndCutover() async throws {
        let report = try await SyntheticReport.watch(hostile: false)
        let page = MarkupProbe(ReportPage.render(report))
        #expect(try page.count("//div[@data-target]") == 2)
        #expect(try page.count("//div[@data-target]/*[local-name()='svg'][contains(@class, 'timeline')]") == 2)
        let route = "//div[@data-target='\(report.checks[0].suite)/\(report.checks[0].name)/route']"
        // The window (titled), the shaded uncertainty before both its edges, two version segments, the cutover marker.
        #expect(try page.strings("\(route)//*[local-name()='rect']/*[local-name()='title']").contains { $0.hasPrefix("down from +1.000s for 300") })
        #expect(try page.count("\(route)//*[local-name()='path'][*[local-name()='title']='when the edges of the windows may lie']") == 1)
        #expect(try page.strings("\(route)//*[local-name()='rect']/*[local-name()='title']").filter { $0.hasPrefix("version ") } == ["version 1.4.2", "version 1.5.0"])
        #expect(try page.string("\(route)//*[local-name()='g']/*[local-name()='title']").hasPrefix("cutover 1.4.2 → 1.5.0 at +0.950s"))
        #expect(try page.strings("\(route)//details[@class='windows']//li").count == 1)
    }

    @Test func hostileVersionsAndMessagesShowAsText() async throws {
        let hostile = ReportPage.render(try await SyntheticReport.watch(hostile: true))
        let plain = ReportPage.render(try await SyntheticReport.watch(hostile: false))
        for kind in [MarkupKind.xml, .html] {
            let page = MarkupProbe(hostile, as: kind), twin = MarkupProbe(plain, as: kind)
            #expect(try page.count("//script") == 0 && page.eventHandlers().isEmpty)
            #expect(try page.count("//*") == twin.count("//*"), "\(kind)")
            #expect(try page.count("//@*") == twin.count("//@*"), "\(kind)")
        }
        let page = MarkupProbe(hostile)
        let titles = try page.strings("//div[@data-target]//*[local-name()='rect']/*[local-name()='title']")
        #expect(titles.contains("version 1.4.2 \(SyntheticReport.scriptName)"))
        #expect(titles.contains("version 1.5.0 \(SyntheticReport.attributeBreak)"))
        #expect(try page.strings("//div[@data-target]//details[@class='windows']//li").first?.hasSuffix("got 503: \(SyntheticReport.scriptName)") == true)
        #expect(try page.strings("//div[@data-target]/div[@class='sub']").first?.contains("now 1.5.0 \(SyntheticReport.attributeBreak)") == true)
    }
}
