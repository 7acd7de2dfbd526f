import Foundation
import Testing

@testable import SmokegateDocuments

@Suite("XPath")
struct XPathExpressionTests {
    private let html = Array("""
        <!DOCTYPE html>
        <html><head><title>Shop – Start</title></head>
        <body>
          <h1 id="greeting">Hello <b>there</b></h1>
          <ul><li>one<li>two<li class="last">three</ul>
          <p>unclosed <div>broken & sloppy</p>
          <footer>  © 2025 Shop  </footer>
        </body></html>
        """.utf8)

    private let xml = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <health status="UP">
          <title>Checkout</title>
          <component name="db" up="true"><latency unit="ms">12</latency></component>
          <component name="cache" up="false"><latency unit="ms">3.5</latency></component>
          <note><![CDATA[a < b]]> &amp; more</note>
        </health>
        """.utf8)

    private func evaluate(_ expression: String, _ body: [UInt8], _ kind: MarkupKind) throws -> XPathResult {
        try XPathExpression(expression).evaluate(on: body, as: kind)
    }

    private func failure(_ expression: String, _ body: [UInt8], _ kind: MarkupKind) -> XPathError? {
        do {
            _ = try XPathExpression(expression).evaluate(on: body, as: kind)
            return nil
        } catch {
            return error
        }
    }

    @Test func evaluatesOnXML() throws {
        #expect(try evaluate("//title", xml, .xml) == .nodes(["Checkout"]))
        #expect(try evaluate("/health/@status", xml, .xml) == .nodes(["UP"]))
        #expect(try evaluate("//component/@name", xml, .xml) == .nodes(["db", "cache"]))
        #expect(try evaluate("count(//component)", xml, .xml) == .number(2))
        #expect(try evaluate("sum(//latency)", xml, .xml) == .number(15.5))
        #expect(try evaluate("boolean(//component[@up='true'])", xml, .xml) == .boolean(true))
        #expect(try evaluate("//component[@name='db']/latency > 100", xml, .xml) == .boolean(false))
        #expect(try evaluate("string(//note)", xml, .xml) == .string("a < b & more"))
        #expect(try evaluate("//missing", xml, .xml) == .nodes([]))
        #expect(try evaluate("//latency | //title", xml, .xml) == .nodes(["Checkout", "12", "3.5"]))
    }

    @Test func evaluatesOnHTML() throws {
        #expect(try evaluate("//title", html, .html) == .nodes(["Shop – Start"]))
        #expect(try evaluate("count(//li)", html, .html) == .number(3))
        #expect(try evaluate("boolean(//h1[@id='greeting'])", html, .html) == .boolean(true))
        #expect(try evaluate("boolean(//h1[@id='farewell'])", html, .html) == .boolean(false))
        #expect(try evaluate("string(//footer)", html, .html) == .string("  © 2025 Shop  "))
        #expect(try evaluate("normalize-space(//h1)", html, .html) == .string("Hello there"))
        #expect(try evaluate("//li[@class='last']", html, .html) == .nodes(["three"]))
    }

    @Test func htmlWithoutCharsetIsReadAsUTF8() throws {
        let body = Array("<p>café 😀</p>".utf8)
        #expect(try evaluate("string(//p)", body, .html) == .string("café 😀"))
    }

    @Test func htmlParserRecoversFromGarbage() throws {
        #expect(try evaluate("string(//body)", Array("just text".utf8), .html) == .string("just text"))
    }

    @Test func malformedXMLIsAnError() {
        let error = failure("//a", Array("<a><b></a>".utf8), .xml)
        #expect(error?.code == .unparsableDocument)
        #expect(error?.message.contains("mismatch") == true, "\(String(describing: error))")
        #expect(failure("//a", Array("not xml at all".utf8), .xml)?.code == .unparsableDocument)
        #expect(failure("//a", Array(#"{"json": true}"#.utf8), .xml)?.code == .unparsableDocument)
    }

    @Test func emptyBodiesAreErrors() {
        #expect(failure("//a", [], .xml)?.code == .emptyDocument)
        #expect(failure("//a", [], .html)?.code == .emptyDocument)
        #expect(failure("//a", Array("   \n".utf8), .xml)?.code == .emptyDocument)
        #expect(failure("//a", Array("   \n".utf8), .html)?.code == .emptyDocument)
        #expect(failure("//a", Array("\u{FEFF} \r\n\t".utf8), .xml)?.code == .emptyDocument)
        #expect(failure("//a", Array("<?xml version='1.0'?>".utf8), .xml)?.code == .unparsableDocument)
    }

    @Test(arguments: ["", "//a[", "count(", "///", "//a[@id='x'", "1 +", "a\u{0}b"])
    func invalidExpressionsFailAtInit(text: String) {
        do {
            _ = try XPathExpression(text)
            Issue.record("'\(text)' compiled")
        } catch {
            #expect(error.code == .invalidExpression)
            #expect(error.message.contains("XPath"))
        }
    }

    @Test func unknownFunctionsAndWrongArityFailAtInit() {
        for text in ["nosuch(//a)", "count()", "count('x')", "$undefined"] {
            #expect(throws: XPathError.self, "\(text)") { try XPathExpression(text) }
        }
    }

    @Test func errorMessagesNameTheExpressionAndLibxml2Reason() {
        do {
            _ = try XPathExpression("//a[")
            Issue.record("'//a[' compiled")
        } catch {
            #expect(
                error.description
                    == "XPath error (invalidExpression): '//a[' is not a valid XPath 1.0 expression: Invalid expression at byte 4 of the expression")
        }
        do {
            _ = try XPathExpression("count(//a) + nosuch()")
            Issue.record("an unknown function was accepted")
        } catch {
            #expect(error.message.hasSuffix("Unregistered function"))
        }
    }

    @Test func externalEntitiesAreNotLoaded() throws {
        let payload = Array(#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#.utf8)
        let result = try evaluate("string(/x)", payload, .xml)
        guard case .string(let text) = result else {
            Issue.record("expected a string, got \(result)")
            return
        }
        #expect(!text.contains("root:"))
        #expect(text.isEmpty)
        let parameterEntity = Array(
            #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><x>ok</x>"#.utf8)
        if case .string(let text) = try? evaluate("string(/x)", parameterEntity, .xml) {
            #expect(!text.contains("root:"))
        }
    }

    @Test func entityExpansionBombIsRejectedQuickly() {
        var declarations = #"<!ENTITY a0 "lol">"#
        for level in 1...10 {
            let reference = "&a\(level - 1);"
            declarations += "<!ENTITY a\(level) \"\(String(repeating: reference, count: 10))\">"
        }
        let bomb = Array("<?xml version=\"1.0\"?><!DOCTYPE x [\(declarations)]><x>&a10;</x>".utf8)
        let started = Date()
        let result = try? evaluate("string-length(string(/x))", bomb, .xml)
        #expect(Date().timeIntervalSince(started) < 5)
        if case .number(let length)? = result {
            #expect(length < 1_000_000)
        }
    }

    @Test func keepsTextAndHashes() throws {
        let expression = try XPathExpression("count(//li)")
        #expect(expression.description == "count(//li)")
        #expect(expression == (try XPathExpression("count(//li)")))
    }

    @Test func evaluatesConcurrently() async throws {
        let expression = try XPathExpression("count(//li)")
        let body = html
        try await withThrowingTaskGroup(of: XPathResult.self) { group in
            for _ in 0..<200 {
                group.addTask { try expression.evaluate(on: body, as: .html) }
            }
            for try await result in group {
                #expect(result == .number(3))
            }
        }
    }
}
