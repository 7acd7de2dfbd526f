import Foundation
@testable import SmokegateHTML
import SmokegateDocuments
import SmokegateModel
import Testing

/// Names, versions, messages and reload errors that try to break out of the markup are shown as text and add
/// nothing: no element, no attribute, the same shape as a row with plain names.
@Suite struct HostileNameTests {
    let hostile = StatusPageScenario(hostile: true, reloadFailed: true)
    let plain = StatusPageScenario(hostile: false, reloadFailed: true)
    /// The hostile check's name as the page must show it: ESC (which XML cannot carry) dropped, the rest kept.
    let twinName = StatusPageScenario.hostileTexts.joined(separator: " ") + " [31mred[0m"

    @Test func hostileTextsInjectNoElementOrAttribute() throws {
        for kind in [MarkupKind.xml, .html] {
            let page = MarkupProbe(hostile.page, as: kind), twin = MarkupProbe(plain.page, as: kind)
            #expect(try page.count("//script") == 0)
            #expect(try page.count("//img") == 0)
            #expect(try page.count("//style") == 1)
            #expect(try page.eventHandlers().isEmpty)
            // The same elements and attributes, in number, as the page of plain names.
            #expect(try page.count("//*") == twin.count("//*"), "\(kind)")
            #expect(try page.count("//@*") == twin.count("//@*"), "\(kind)")
            #expect(try page.count("//b") == twin.count("//b"))
        }
    }

    @Test func hostileTextsReadBackExactly() throws {
        let page = MarkupProbe(hostile.page)
        let suite = "shop \(StatusPageScenario.attributeBreak)", blue = "blue \(StatusPageScenario.scriptName)"
        #expect(try page.string("//tr[@id='t4']/@data-target") == "\(suite)/\(twinName)/\(blue)")
        #expect(try page.string("//tr[@id='t4']//div[@class='name']") == twinName)
        #expect(try page.string("//tr[@id='t4']//div[@class='sub']/b") == StatusPageScenario.attributeBreak + StatusPageScenario.styleBreak)
        #expect(try page.string("//tr[@id='t4']//span[@class='reason']/following-sibling::text()[1]")
            .hasPrefix(" " + StatusPageScenario.hostileTexts.joined(separator: " | ")))
        #expect(try page.strings("//details/summary/h2") == [blue, "green"])
        #expect(try page.string("//footer").hasPrefix("smokegate \(StatusPageScenario.scriptName)"))
        #expect(try page.strings("//section[@role='alert']//li/code").last == "checks/shop.yml:9:1: \(StatusPageScenario.scriptName)")
        #expect(try page.string("//header/p").contains("checks/\(StatusPageScenario.styleBreak).yml"))
        #expect(try page.string("//tr[@id='t4']//td[4]/*[local-name()='svg']/*[local-name()='title']").contains(twinName))
        // Mustache in a name is not a template: it shows as written.
        #expect(try page.string("//tr[@id='t4']//div[@class='name']").contains("{{title}}"))
    }

    @Test func controlCharactersAreDropped() throws {
        #expect(!hostile.page.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(PageText("a\u{0}b\u{1B}[0m\u{7}").text == "ab[0m")
        #expect(MarkupEscaping.escape("<a href='x'>&\"\u{1B}") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;")
    }
}
