import CLibXML2
import Foundation
import Testing

@testable import SmokegateDocuments

@Suite("XML text writer")
struct XMLTextWriterTests {
    /// Checks well-formedness with xmllint when installed, else with libxml2's own parser.
    private func isWellFormed(_ bytes: [UInt8]) throws -> Bool {
        let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")
        guard FileManager.default.isExecutableFile(atPath: xmllint.path) else {
            return try XPathExpression("true()").evaluate(on: bytes, as: .xml) == .boolean(true)
        }
        let process = Process()
        process.executableURL = xmllint
        process.arguments = ["--noout", "-"]
        let input = Pipe()
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    private func value(_ expression: String, in bytes: [UInt8]) throws -> XPathResult {
        try XPathExpression(expression).evaluate(on: bytes, as: .xml)
    }

    private func junitReport(message: String, output: String) throws -> [UInt8] {
        var writer = try XMLTextWriter()
        try writer.startElement("testsuites")
        try writer.startElement("testsuite")
        try writer.attribute("name", "blue & green <smoke>")
        try writer.attribute("tests", "1")
        try writer.startElement("testcase")
        try writer.attribute("name", "GET /health")
        try writer.attribute("classname", "checkout.\"blue\"")
        try writer.startElement("failure")
        try writer.attribute("message", message)
        try writer.text(message)
        try writer.endElement()
        try writer.startElement("system-out")
        try writer.cdata(output)
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
        return try writer.finish()
    }

    @Test func writesAWellFormedUTF8Document() throws {
        let bytes = try junitReport(message: "expected 200, got 503 – «ünïcödé» 😀", output: "all fine")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite"))
        #expect(try isWellFormed(bytes))
        #expect(try value("string(//testsuite/@name)", in: bytes) == .string("blue & green <smoke>"))
        #expect(try value("string(//testcase/@classname)", in: bytes) == .string("checkout.\"blue\""))
        #expect(try value("string(//failure)", in: bytes) == .string("expected 200, got 503 – «ünïcödé» 😀"))
        #expect(text.contains("«ünïcödé» 😀"))
    }

    @Test func removesControlCharactersAndANSIEscapes() throws {
        let dirty = "\u{1B}[31mFAIL\u{1B}[0m\u{0}\u{8}\u{7}\u{FFFE}\u{FFFF} tab\tnewline\ncr\r end"
        let bytes = try junitReport(message: dirty, output: dirty)
        #expect(try isWellFormed(bytes))
        let expected = "[31mFAIL[0m tab\tnewline\ncr\r end"
        #expect(try value("string(//failure)", in: bytes) == .string(expected))
        // XML readers turn a raw CR into LF; inside CDATA nothing can be escaped to prevent that.
        #expect(try value("string(//system-out)", in: bytes) == .string("[31mFAIL[0m tab\tnewline\ncr\n end"))
        #expect(try value("string(//failure/@message)", in: bytes) == .string(expected))
        #expect(!bytes.contains(0x1B))
        #expect(!bytes.contains(0x00))
    }

    @Test func xmlSafeKeepsLegalTextUntouched() {
        #expect(XMLTextWriter.xmlSafe("plain\ttext\r\n✓ 😀 \u{7F}\u{85}") == "plain\ttext\r\n✓ 😀 \u{7F}\u{85}")
        #expect(XMLTextWriter.xmlSafe("a\u{1}b\u{1F}c\u{FFFD}") == "abc\u{FFFD}")
        #expect(XMLTextWriter.xmlSafe("\u{1B}[1;32mok\u{1B}[0m") == "[1;32mok[0m")
        #expect(XMLTextWriter.xmlSafe("") == "")
    }

    @Test(arguments: ["]]>", "a]]>b", "]]>]]>", "x]]]>y", "]]", ">", "end]]"])
    func cdataSurvivesTerminatorSequences(output: String) throws {
        let bytes = try junitReport(message: "m", output: output)
        #expect(try isWellFormed(bytes))
        #expect(try value("string(//system-out)", in: bytes) == .string(output))
    }

    @Test func cdataSplitsAsJUnitConsumersExpect() throws {
        var writer = try XMLTextWriter(indent: false)
        try writer.startElement("out")
        try writer.cdata("a]]>b")
        try writer.endElement()
        let text = String(decoding: try writer.finish(), as: UTF8.self)
        #expect(text.contains("<out><![CDATA[a]]]]><![CDATA[>b]]></out>"))
    }

    @Test func attributesKeepNewlinesAsCharacterReferences() throws {
        var writer = try XMLTextWriter(indent: false)
        try writer.startElement("failure")
        try writer.attribute("message", "line 1\nline 2\r\n\"quoted\" & <tag>\ttab")
        try writer.endElement()
        let bytes = try writer.finish()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"message="line 1&#10;line 2&#13;&#10;&quot;quoted&quot; &amp; &lt;tag&gt;&#9;tab""#))
        #expect(try value("string(/failure/@message)", in: bytes) == .string("line 1\nline 2\r\n\"quoted\" & <tag>\ttab"))
        #expect(try isWellFormed(bytes))
    }

    @Test func textIsEscaped() throws {
        var writer = try XMLTextWriter(indent: false)
        try writer.startElement("a")
        try writer.text("1 < 2 && 3 > 2 ]]> \"q\" 'a'")
        try writer.endElement()
        let bytes = try writer.finish()
        #expect(try value("string(/a)", in: bytes) == .string("1 < 2 && 3 > 2 ]]> \"q\" 'a'"))
        #expect(try isWellFormed(bytes))
    }

    @Test func emptyElementsAndUnclosedElements() throws {
        var writer = try XMLTextWriter(indent: false)
        try writer.startElement("testsuite")
        try writer.startElement("skipped")
        try writer.attribute("message", "")
        try writer.endElement()
        try writer.startElement("system-out")
        let text = String(decoding: try writer.finish(), as: UTF8.self)
        #expect(text == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite><skipped message=\"\"/><system-out/></testsuite>\n")
    }

    private func expectFailure(
        _ code: XMLWriterError.Code, _ what: String, _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("\(what) was accepted")
        } catch {
            #expect((error as? XMLWriterError)?.code == code, "\(what)")
        }
    }

    @Test func rejectsCallsThatWouldBreakTheDocument() throws {
        var writer = try XMLTextWriter()
        expectFailure(.invalidState, "text before the root") { try writer.text("before root") }
        expectFailure(.invalidState, "cdata before the root") { try writer.cdata("before root") }
        expectFailure(.invalidState, "end with nothing open") { try writer.endElement() }
        expectFailure(.invalidName, "a name with a space") { try writer.startElement("bad name") }
        expectFailure(.invalidName, "an empty name") { try writer.startElement("") }
        expectFailure(.invalidName, "a name starting with a digit") { try writer.startElement("1abc") }
        try writer.startElement("root")
        try writer.attribute("a", "1")
        expectFailure(.invalidState, "a duplicate attribute") { try writer.attribute("a", "2") }
        expectFailure(.invalidName, "a quote in an attribute name") { try writer.attribute("x\"y", "2") }
        try writer.text("content")
        expectFailure(.invalidState, "an attribute after content") { try writer.attribute("late", "x") }
        try writer.endElement()
        expectFailure(.invalidState, "a second root") { try writer.startElement("second") }
        let bytes = try writer.finish()
        #expect(try isWellFormed(bytes))
        #expect(String(decoding: bytes, as: UTF8.self).contains("<root a=\"1\">content</root>"))
    }

    @Test func finishWithoutRootIsAnError() throws {
        let writer = try XMLTextWriter()
        do {
            _ = try writer.finish()
            Issue.record("a document without a root was finished")
        } catch {
            #expect(error.code == .invalidState)
        }
    }

    @Test func droppingAnUnfinishedWriterFreesIt() throws {
        for _ in 0..<1_000 {
            var writer = try XMLTextWriter()
            try writer.startElement("abandoned")
        }
    }

    @Test func writesLargeOutput() throws {
        var writer = try XMLTextWriter()
        try writer.startElement("testsuite")
        for index in 0..<5_000 {
            try writer.startElement("testcase")
            try writer.attribute("name", "case \(index)")
            try writer.cdata(String(repeating: "log line \(index)\n", count: 20))
            try writer.endElement()
        }
        try writer.endElement()
        let bytes = try writer.finish()
        #expect(try isWellFormed(bytes))
        #expect(try value("count(//testcase)", in: bytes) == .number(5_000))
    }
}
