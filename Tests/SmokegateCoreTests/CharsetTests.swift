import Foundation
import SmokegateFixtures
@testable import SmokegateModel
@testable import SmokegateVerdict
import Testing

/// Bodies in the charset their response declares, served by a fixture over real HTTP and judged through a whole run:
/// text expectations and failure messages see the text, never mojibake; an unknown charset is its own failure.
@Suite struct CharsetTests {
    /// `café` and friends in each encoding, as the bytes a server would send.
    static let latin1Cafe: [UInt8] = [0x63, 0x61, 0x66, 0xE9]
    static let utf16LECafe: [UInt8] = [0x63, 0, 0x61, 0, 0x66, 0, 0xE9, 0]
    static let utf16BECafe: [UInt8] = [0, 0x63, 0, 0x61, 0, 0x66, 0, 0xE9]

    /// Each path answers its body with its Content-Type.
    static let routes: [String: (contentType: String, body: [UInt8])] = [
        "/utf8": ("text/plain; charset=utf-8", Array("café".utf8)),
        "/latin1": ("text/plain; charset=iso-8859-1", latin1Cafe),
        "/latin1-quoted": ("text/plain; charset=\"ISO-8859-1\"", latin1Cafe),
        // Declared latin1, but 0x80 is the euro sign, as browsers read it (Windows-1252).
        "/latin1-euro": ("text/plain; charset=latin1", [0x80, 0x35, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xE9]),
        "/cp1252": ("text/plain; charset=windows-1252", [0x93, 0x63, 0x61, 0x66, 0xE9, 0x94]),
        "/utf16-bom-le": ("text/plain; charset=utf-16", [0xFF, 0xFE] + utf16LECafe),
        "/utf16-bom-be": ("text/plain", [0xFE, 0xFF] + utf16BECafe),
        "/utf16le": ("text/plain; charset=utf-16le", utf16LECafe),
        "/utf16be": ("text/plain; charset=UTF-16BE", utf16BECafe),
        "/klingon": ("text/plain; charset=x-klingon", latin1Cafe),
        "/html-meta": ("text/html", Array("<html><head><meta charset=\"iso-8859-1\"><title>caf".utf8) + [0xE9]
            + Array("</title></head><body>ok</body></html>".utf8)),
        "/html-http-equiv": ("text/html", Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>caf".utf8)
            + [0xE9] + Array("</title></head></html>".utf8)),
        // The header's charset wins over the document's own declaration (RFC 7303).
        "/xml-latin1": ("application/xml; charset=iso-8859-1", Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><r>caf".utf8) + [0xE9] + Array("</r>".utf8)),
        "/xml-utf16": ("application/xml; charset=utf-16le", Array("<r>".utf8).flatMap { [$0, 0] } + utf16LECafe + Array("</r>".utf8).flatMap { [$0, 0] }),
    ]

    static func serve(_ request: FixtureRequest) -> FixtureBehavior {
        guard let route = routes[request.path] else { return .respond(FixtureResponse(status: 404)) }
        return .respond(FixtureResponse(headers: [(name: "Content-Type", value: route.contentType)], body: route.body))
    }

    private func run(_ checks: String) async throws -> RunReport {
        try await RunHarness.run("suite: charsets\nchecks:\n" + checks, handler: Self.serve)
    }

    private func check(_ name: String, _ path: String, _ expect: String) -> String {
        "  - name: \(name)\n    http: GET {{base}}\(path)\n    expect:\n\(expect.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))\n"
    }

    private func expectPassed(_ report: RunReport, _ names: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for name in names {
            let result = try #require(RunHarness.result(report, name), sourceLocation: sourceLocation)
            #expect(result.status == .pass, "\(name): \(result.failures.map(\.message))", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["/utf8", "/latin1", "/latin1-quoted", "/utf16-bom-le", "/utf16-bom-be", "/utf16le", "/utf16be"])
    func bodyContainsCafeInEveryCharset(path: String) async throws {
        let report = try await run(check("cafe", path, "body: { contains: café, equals: café }"))
        let result = try #require(RunHarness.result(report, "cafe"))
        #expect(result.status == .pass, "\(path): \(result.failures.map(\.message))")
    }

    @Test func windows1252BytesReadAsBrowsersReadThem() async throws {
        let report = try await run(check("euro", "/latin1-euro", "body: { equals: \"€5 – café\" }")
            + check("quotes", "/cp1252", "body: { equals: \"“café”\" }"))
        try expectPassed(report, ["euro", "quotes"])
    }

    @Test func failureMessagesQuoteTheDecodedText() async throws {
        let report = try await run(check("wrong word", "/latin1", "body: tea")
            + check("wrong status", "/utf16le", "status: 500"))
        let word = try #require(RunHarness.result(report, "wrong word")?.failures.first)
        #expect(word.reason == .body)
        #expect(word.message.contains("got café"), "\(word.message)")
        #expect(!word.message.contains("\u{FFFD}"))
        let status = try #require(RunHarness.result(report, "wrong status")?.failures.first)
        #expect(status.message.contains("(body: café)"), "\(status.message)")
    }

    @Test func anUnknownCharsetIsAFailureNamingIt() async throws {
        let report = try await run(check("klingon", "/klingon", "status: 200\nbody: café\nxpath: { //r: café }"))
        let result = try #require(RunHarness.result(report, "klingon"))
        #expect(result.status == .fail)
        // One failure for the body, whatever number of text expectations could not be judged; status still is.
        #expect(result.failures.map(\.reason.rawValue) == ["charset"])
        let message = try #require(result.failures.first?.message)
        #expect(message.contains("\"x-klingon\""), "\(message)")
        #expect(!message.contains("caf\u{FFFD}"))
    }

    @Test func htmlMetaCharsetIsReadByTextAndXPathExpectations() async throws {
        let report = try await run(check("meta", "/html-meta", "body: café\nhtml: { //title: café }")
            + check("http-equiv", "/html-http-equiv", "body: café\nxpath: { //title: café }"))
        try expectPassed(report, ["meta", "http-equiv"])
    }

    @Test func xpathParsesTheBodyInTheDeclaredCharset() async throws {
        let report = try await run(check("xml latin1", "/xml-latin1", "xpath: { //r: café }")
            + check("xml utf16", "/xml-utf16", "xpath: { //r: café }"))
        try expectPassed(report, ["xml latin1", "xml utf16"])
    }
}
