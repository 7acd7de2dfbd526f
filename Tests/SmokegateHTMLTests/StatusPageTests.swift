import Foundation
@testable import SmokegateHTML
import SmokegateVerdict
import Testing

/// The status page as markup: self-contained, well-formed, every target in one row, in the order and with the
/// figures a person needs; parsed with libxml2 (strictly as XML, and as HTML the way a browser reads it).
@Suite struct StatusPageTests {
    let scenario = StatusPageScenario()

    func row(_ anchor: String, _ path: String) throws -> String {
        try MarkupProbe(scenario.page).string("//tr[@id='\(anchor)']\(path)")
    }

    /// The text nodes under a row's element, in document order.
    func texts(_ anchor: String, _ path: String) throws -> [String] {
        try MarkupProbe(scenario.page).strings("//tr[@id='\(anchor)']\(path)//text()")
    }

    func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func pageIsOneSelfContainedDocumentWithoutScript() throws {
        let page = MarkupProbe(scenario.page)
        #expect(scenario.page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(try page.count("//script") == 0)
        #expect(try page.count("//style") == 1)
        #expect(try page.count("//@src") == 0)
        #expect(try page.eventHandlers().isEmpty)
        #expect(try page.string("//meta[@charset]/@charset") == "utf-8")
        #expect(try page.string("//meta[@name='viewport']/@content") == "width=device-width, initial-scale=1")
        #expect(try page.string("//meta[@http-equiv='refresh']/@content") == "15")
        #expect(try page.string("//meta[@http-equiv='Content-Security-Policy']/@content").hasPrefix("default-src 'none'; style-src 'unsafe-inline'"))
        // Links go within the page, to the icon it carries, or to the status document beside it.
        for link in try page.strings("//@href") {
            #expect(link.hasPrefix("#") || link == "data:," || link == "api/v1/status", "\(link)")
        }
        for anchor in try page.strings("//a/@href").filter({ $0.hasPrefix("#") }) {
            #expect(try page.count("//*[@id='\(anchor.dropFirst())']") == 1, "\(anchor)")
        }
        #expect(try page.string("//title") == "smokegate: 2 down of 7, 1 unknown")
        let still = MarkupProbe(StatusPageScenario(refreshSeconds: nil).page)
        #expect(try still.count("//meta[@http-equiv='refresh']") == 0)
    }

    @Test func everyTargetHasOneRowGroupedByEnvironmentDownFirst() throws {
        let page = MarkupProbe(scenario.page)
        #expect(try page.strings("//details/summary/h2") == ["blue", "green"])
        #expect(try page.strings("//details[1]//tr/@data-target")
            == ["shop/cart/blue", "shop/twin/blue", "shop/search/blue", "shop/home/blue", "shop/login/blue"])
        #expect(try page.strings("//details[2]//tr/@data-target") == ["shop/home/green", "shop/cart/green"])
        #expect(try page.strings("//tr[@data-target]/@class") == ["down", "down", "unknown", "up", "up", "up", "up"])
        #expect(try page.count("//tr[@data-target]//*[local-name()='svg']") == 14)
        #expect(try page.strings("//details[1]/summary/span") == ["5 targets · 2 down · 1 unknown"])
    }

    @Test func headerCountsStatesAndLinksTheTargetsDown() throws {
        let page = MarkupProbe(scenario.page)
        #expect(try page.strings("//ul[@class='counts']/li").map(collapsed) == ["▼ 2 down", "▲ 4 up", "? 1 unknown"])
        #expect(try page.string("//ul[@class='counts']/li[1]/@class") == "down some")
        #expect(try page.strings("//nav//li/a") == ["shop/cart in blue", "shop/twin in blue"])
        #expect(try page.strings("//nav//li/a/@href") == ["#t1", "#t4"])
        #expect(try page.strings("//nav//li/span") == ["for 25m 00s", "for 10m 00s"])
        #expect(collapsed(try page.string("//header/p")).hasPrefix("7 targets in 2 environments · updated 2026-12-06 10:00:00 UTC · running for 2d 0h"))
        #expect(try page.count("//section[@role='alert']") == 0)
    }

    @Test func rowShowsStateSinceAvailabilityLastResultAndWindows() throws {
        // cart: down since its first refused probe 25 minutes ago; of the last hour's eleven intervals between probes
        // four followed a failure, of the day's 287 likewise four.
        #expect(try texts("t1", "/td[1]") == ["▼", " down", "for 25m 00s", "since ", "09:35:00"])
        #expect(try row("t1", "/td[1]//time/@datetime") == "2026-12-06T09:35:00.000Z")
        #expect(collapsed(try row("t1", "/td[2]/div[@class='last']")) == "connection_refused connect to 127.0.0.1:8443 refused · 5m 00s ago")
        #expect(try MarkupProbe(scenario.page).strings("//tr[@id='t1']//dd") == ["63.63%", "98.60%", "98.60%"])
        #expect(collapsed(try row("t1", "/td[5]//summary")) == "1 window in the last 24 h, 25m 00s down")
        #expect(collapsed(try row("t1", "/td[5]//li")) == "09:35:00–now (25m 00s, 5 failed probes): connection_refused: connect to 127.0.0.1:8443 refused")
        // home: up since three failed probes 40 hours ago (the week's 575 intervals, three of them down); its last
        // probe answered in 21 ms.
        #expect(try texts("t0", "/td[1]") == ["▲", " up", "for 1d 15h", "since ", "12-04 18:35"])
        #expect(collapsed(try row("t0", "/td[2]/div[@class='last']")) == "Last probe passed: status 200, 21ms, 5m 00s ago")
        #expect(try MarkupProbe(scenario.page).strings("//tr[@id='t0']//dd") == ["100%", "100%", "99.47%"])
        #expect(try row("t0", "/td[4]/div").hasPrefix("p50 "))
        #expect(try row("t0", "/td[4]/div").hasSuffix(" of 12 probes in 1h 00m"))
        #expect(try row("t0", "/td[5]/div") == "no downtime in the last 24 h")
        // login: one window of three failed probes, closed by the fourth.
        #expect(collapsed(try row("t3", "/td[5]//summary")) == "1 window in the last 24 h, 15m 00s down")
        #expect(collapsed(try row("t3", "/td[5]//li")) == "12-05 18:20–12-05 18:35 (15m 00s, 3 failed probes): status: status 503, expected 200")
        #expect(try MarkupProbe(scenario.page).strings("//tr[@id='t3']//dd") == ["100%", "98.95%", "98.95%"])
        // search: never probed.
        #expect(try texts("t2", "/td[1]") == ["?", " unknown", "no probe finished yet"])
        #expect(try row("t2", "/td[2]/div[@class='last']") == "no result yet")
        #expect(try row("t2", "/td[3]//dd[1]") == "–")
        #expect(try row("t2", "/td[4]//*[local-name()='title']") == "No probes of search in blue yet.")
        // green home: the version it answers with.
        #expect(collapsed(try row("t5", "/td[2]/div[@class='sub']")) == "shop · http · https://green.shop.example/home · version 1.5.0")
    }

    @Test func sparklineShowsTheLastProbesAndTimelineTheWindows() throws {
        let page = MarkupProbe(scenario.page)
        #expect(try page.string("//tr[@id='t1']/td[4]/*[local-name()='svg']/*[local-name()='title']")
            .hasPrefix("Latency of the last 60 probes of cart in blue: "))
        #expect(try page.string("//tr[@id='t1']/td[4]/*[local-name()='svg']/*[local-name()='title']").hasSuffix("latest without an answer; 5 failed."))
        #expect(try page.count("//tr[@id='t1']/td[5]/*[local-name()='svg']//*[local-name()='rect'][@fill='\(ChartPalette.down)']") == 1)
        #expect(try page.string("//tr[@id='t1']/td[5]/*[local-name()='svg']/*[local-name()='title']")
            == "Downtime of cart in blue over the last 24 hours, up to 2026-12-06 10:00:00 UTC: 1 window in the last 24 h, 25m 00s down.")
        #expect(try page.count("//tr[@id='t0']/td[5]/*[local-name()='svg']//*[local-name()='rect'][@fill='\(ChartPalette.down)']") == 0)
    }

    @Test func failedReloadIsShownWithItsProblems() throws {
        let page = MarkupProbe(StatusPageScenario(reloadFailed: true).page)
        #expect(try page.count("//section[@role='alert']") == 1)
        #expect(collapsed(try page.string("//section[@role='alert']/p"))
            == "At 2026-12-06 09:58:00 UTC the changed configuration could not be loaded (2 failed reloads since the start); the previous configuration still runs.")
        #expect(try page.strings("//section[@role='alert']//li/code")
            == ["checks/shop.yml:3:7: unknown key 'tiemout'", "checks/shop.yml:9:1: \(StatusPageScenario.scriptName)"])
    }

    @Test func pageWithoutTargetsSaysSo() throws {
        let snapshot = SyntheticMonitor.snapshot([])
        let page = MarkupProbe(StatusPage.render(snapshot: snapshot, status: SyntheticMonitor.status(snapshot)))
        #expect(try page.count("//tr[@data-target]") == 0)
        #expect(try page.string("//main/p[not(@class)]") == "No targets: the configuration has no checks to probe.")
        #expect(try page.string("//title") == "smokegate: no targets")
    }

    @Test func templatesInsertOnlyChartsUnescaped() throws {
        let templates = [PageTemplates.document, StatusPageTemplate.page, StatusPageTemplate.row]
        for template in templates {
            #expect(!template.contains("{{&") && !template.contains("{{%") && !template.contains("{{=") && !template.contains("<script"))
            var unescaped: [String] = []
            var rest = template[...]
            while let open = rest.range(of: "{{{") {
                guard let close = rest[open.upperBound...].range(of: "}}}") else { break }
                unescaped.append(String(rest[open.upperBound..<close.lowerBound]))
                rest = rest[close.upperBound...]
            }
            #expect(Set(unescaped).isSubset(of: ["sparkline", "timeline"]), "\(unescaped)")
        }
        #expect(StatusPageTemplate.row.contains("{{{sparkline}}}") && StatusPageTemplate.row.contains("{{{timeline}}}"))
        guard case .success = PageTemplates.library else { Issue.record("the templates do not parse"); return }
    }

    /// Rows answer the templates by name (for speed) rather than by reflection: every field must answer, as itself.
    @Test func rowsAnswerEveryFieldByName() throws {
        let model = StatusPage.model(snapshot: scenario.snapshot, status: scenario.status, refreshSeconds: nil)
        let rows = model.groups.flatMap(\.rows)
        #expect(rows.count == 7)
        for row in rows {
            let fields = Mirror(reflecting: row).children
            #expect(fields.count == 21)
            for field in fields {
                let label = try #require(field.label)
                let answer = try #require(row.child(named: label), "\(label)")
                #expect(String(describing: answer) == String(describing: field.value), "\(label)")
            }
            #expect(row.child(named: "nothing") == nil)
        }
    }
}
