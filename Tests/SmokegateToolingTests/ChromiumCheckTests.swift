import Foundation
import SmokegateFixtures
import SmokegateTestTools
import Testing

/// chromium-check against pages served by in-process fixture servers or written to files, in real headless Chromium.
@Suite struct ChromiumCheckTests {
    static let statusPage = """
        <!doctype html><html><head><meta charset="utf-8"><title>Tooling status</title><link rel="icon" href="data:,">
        </head><body><h1>Blue &lt;b&gt;healthy&lt;/b&gt;</h1>
        <svg width="120" height="40" data-target="chart"><circle cx="10" cy="20" r="8"/><circle cx="40" cy="20" r="8"/>
        <circle cx="70" cy="20" r="8"/></svg>
        <svg width="40" height="40"><rect width="40" height="40" fill="steelblue"/></svg>
        <table><tr><th>check</th></tr><tr><td data-target="home">home</td></tr><tr><td>cart</td></tr></table>
        <p id="late"></p><script>document.getElementById("late").textContent = "rendered by a script";</script>
        </body></html>
        """

    /// Serves `page` at `/` (404 elsewhere) and runs `body` with the page's URL.
    static func serving<T: Sendable>(_ page: String, _ body: (FixtureHTTPServer, String) async throws -> T) async throws -> T {
        try await FixtureHTTPServer.withServer(answering: { request in
            request.path == "/" ? .respond(.html(page)) : .respond(.text("not here", status: 404))
        }) { server in try await body(server, server.baseURL + "/") }
    }

    static func scratchFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-tooling-\(UUID().uuidString)-\(name)")
    }

    @Test func countsElementsFindsTextsAndSavesAScreenshot() async throws {
        let png = Self.scratchFile("status.png")
        defer { try? FileManager.default.removeItem(at: png) }
        try await Self.serving(Self.statusPage) { server, url in
            guard let report = try await TestTools.ifAvailable({
                try await Chromium.check(url: url, selectors: ["svg", "svg circle", "table tr", "[data-target]", "video"],
                                         texts: ["Blue <b>healthy</b>", "rendered by a script"], screenshot: png.path)
            }) else { return }
            #expect(report.ok, "\(report.problems)")
            #expect(report.counts == ["svg": 2, "svg circle": 3, "table tr": 3, "[data-target]": 2, "video": 0])
            #expect(report.texts == ["Blue <b>healthy</b>": true, "rendered by a script": true])
            #expect(report.title == "Tooling status")
            #expect(report.consoleErrors.isEmpty && report.exceptions.isEmpty && report.externalRequests.isEmpty)
            #expect(server.requestCount >= 1)
            let shot = try #require(report.screenshot)
            let bytes = try Data(contentsOf: png)
            #expect(bytes.count == shot.bytes && bytes.count > 1000)
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(shot.width == 1280)
        }
    }

    @Test func loadsALocalFileAtAPhoneWidth() async throws {
        let page = Self.scratchFile("phone.html"), png = Self.scratchFile("phone.png")
        let rows = (1...60).map { "<tr><td>check \($0)</td></tr>" }.joined()
        try Data("""
            <!doctype html><html><head><meta name="viewport" content="width=device-width"></head>
            <body><table>\(rows)</table></body></html>
            """.utf8).write(to: page)
        defer { for file in [page, png] { try? FileManager.default.removeItem(at: file) } }
        guard let report = try await TestTools.ifAvailable({
            try await Chromium.check(url: page.path, selectors: ["tr"], screenshot: png.path, width: 390, height: 844, mobile: true)
        }) else { return }
        #expect(report.ok, "\(report.problems)")
        #expect(report.url.hasPrefix("file://"))
        #expect(report.counts == ["tr": 60])
        #expect(report.contentSize?.width == 390)
        let shot = try #require(report.screenshot)
        #expect(shot.width == 390)
        // Full page: sixty rows are taller than one phone screen.
        #expect((shot.height ?? 0) > 844, "\(shot)")
    }

    @Test func consoleErrorFailsThePage() async throws {
        let page = "<!doctype html><link rel=icon href=\"data:,\"><p>hi</p><script>console.log('fine'); console.error('broken on purpose')</script>"
        try await Self.serving(page) { _, url in
            guard let report = try await TestTools.ifAvailable({ try await Chromium.check(url: url) }) else { return }
            #expect(!report.ok)
            #expect(report.consoleErrors.map(\.text) == ["broken on purpose"])
            #expect(report.console.contains { $0.level == "log" && $0.text == "fine" })
            #expect(report.problems == ["console error: broken on purpose"])
        }
    }

    @Test func uncaughtExceptionFailsThePage() async throws {
        let page = "<!doctype html><link rel=icon href=\"data:,\"><script>notDefinedAnywhere()</script>"
        try await Self.serving(page) { _, url in
            guard let report = try await TestTools.ifAvailable({ try await Chromium.check(url: url) }) else { return }
            #expect(!report.ok)
            #expect(report.exceptions.count == 1)
            #expect(report.exceptions.first?.text.contains("notDefinedAnywhere is not defined") == true, "\(report.exceptions)")
        }
    }

    /// An address that never answers and a server that hangs: if either request left the browser, the page's
    /// load event would wait for it and the check would time out.
    @Test func externalRequestsAreBlockedAtOnceAndFailThePage() async throws {
        try await FixtureHTTPServer.withServer(answering: { _ in .hang }) { elsewhere in
            let external = ["http://203.0.113.1/x.js", "\(elsewhere.baseURL)/pixel.png"]
            let page = """
                <!doctype html><link rel=icon href="data:,"><p>self-contained?</p>
                <script src="\(external[0])"></script><img src="\(external[1])">
                """
            try await Self.serving(page) { _, url in
                guard let report = try await TestTools.ifAvailable({ try await Chromium.check(url: url, timeout: .seconds(45)) })
                else { return }
                #expect(!report.ok)
                #expect(Set(report.externalRequests.map(\.url)) == Set(external), "\(report.externalRequests)")
                #expect(report.externalRequests.allSatisfy { $0.blocked }, "\(report.externalRequests)")
                #expect(report.pendingRequests.isEmpty)
                #expect(Set(report.problems) == Set(external.map { "external request: \($0)" }), "\(report.problems)")
            }
            #expect(elsewhere.requestCount == 0)
        }
    }

    @Test func failedSameOriginRequestFailsThePage() async throws {
        let page = "<!doctype html><link rel=icon href=\"data:,\"><link rel=stylesheet href=\"/missing.css\"><p>styled?</p>"
        try await Self.serving(page) { _, url in
            guard let report = try await TestTools.ifAvailable({ try await Chromium.check(url: url) }) else { return }
            #expect(!report.ok)
            let failed = try #require(report.failedRequests.first, "\(report)")
            #expect(failed.url == url + "missing.css")
            #expect(failed.status == 404)
            #expect(report.externalRequests.isEmpty)
        }
    }

    @Test func textsAreLookedForInTheRenderedTextNotTheMarkup() async throws {
        let page = """
            <!doctype html><link rel=icon href="data:,"><p title="only-in-an-attribute">visible words</p>
            <!-- only-in-a-comment --><p style="display:none">only-hidden</p>
            """
        try await Self.serving(page) { _, url in
            guard let report = try await TestTools.ifAvailable({
                try await Chromium.check(url: url, texts: ["visible words", "only-in-an-attribute", "only-in-a-comment", "only-hidden"])
            }) else { return }
            #expect(report.texts == ["visible words": true, "only-in-an-attribute": false, "only-in-a-comment": false, "only-hidden": false])
            #expect(!report.ok)
            #expect(report.problems.count == 3, "\(report.problems)")
        }
    }

    @Test func invalidSelectorIsAProblemNotACrash() async throws {
        try await Self.serving("<!doctype html><link rel=icon href=\"data:,\"><p>x</p>") { _, url in
            guard let report = try await TestTools.ifAvailable({ try await Chromium.check(url: url, selectors: ["p", "a["]) }) else { return }
            let expected: [String: Int?] = ["p": 1, "a[": nil]
            #expect(report.counts == expected)
            #expect(!report.ok)
            #expect(report.problems.first?.hasPrefix("invalid selector a[") == true, "\(report.problems)")
        }
    }
}
