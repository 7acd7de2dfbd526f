import SmokegateDocuments
@testable import SmokegateEngine
@testable import SmokegateModel
import SmokegateTestSupport
import Testing

@Suite("Expectations on a response")
struct ExpectationEvaluatorTests {
    static let html = """
        <!DOCTYPE html><html><head><title>Shop</title></head><body><h1 id="greeting">Hi</h1>
        <ul class="products"><li>a</li><li>b</li><li>c</li></ul></body></html>
        """

    /// Judges `yaml` (the body of an `expect:` block) against a response, through the real config reader.
    func failures(_ expectYAML: String, status: Int = 200, headers: [HeaderField] = [], body: String, latency: Int64 = 1000) async throws -> [Failure] {
        let indented = expectYAML.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n")
        let suite = try await TemporarySuite.load("checks:\n  - name: c\n    http: GET http://127.0.0.1/\n    expect:\n\(indented)\n")
        let definition = try #require(suite.checks.first?.definitions.values.first)
        var view = ResponseView(status: status, headers: headers, body: Array(body.utf8), latency: latency)
        return ExpectationEvaluator.evaluate(definition.expectations, on: &view)
    }

    @Test func statusCodesListsAndClasses() async throws {
        #expect(try await failures("status: [200, 3xx]", status: 302, body: "").isEmpty)
        #expect(try await failures("status: 2xx", status: 503, body: "busy").map(\.message) == ["expected status 2xx, got 503 (body: busy)"])
        // Without a status expectation any 2xx is required.
        #expect(try await failures("body: ok", status: 500, body: "ok").map(\.reason.rawValue) == ["status"])
    }

    @Test func headersEqualMatchExistAndAbsent() async throws {
        let headers = [HeaderField(name: "content-type", value: "application/json; charset=utf-8"), HeaderField(name: "X-Version", value: "1.5.0")]
        #expect(try await failures("""
            headers:
              Content-Type: { contains: json }
              X-Version: 1.5.0
              X-Trace: { exists: false }
            """, headers: headers, body: "").isEmpty)
        let messages = try await failures("""
            headers:
              X-Version: { matches: "^1\\\\.4" }
              X-Missing: { exists: true }
            """, headers: headers, body: "").map(\.message)
        #expect(messages == [#"header X-Version: expected to match /^1\.4/, got "1.5.0""#, "header X-Missing: expected to exist, found nothing"])
    }

    @Test func jsonValuesLengthsComparisonsAndLooseNumbers() async throws {
        let body = #"{"status":"UP","items":[{"id":1,"price":9.5},{"id":2,"price":20}],"count":"2"}"#
        #expect(try await failures("""
            json:
              $.status: UP
              $.items: { length: 2 }
              $.items[1].id: 2
              $.items[*].id: [1, 2]
              $.items[?(@.price > 10)].id: [2]
              $.count: 2
              $.items[0].price: { gt: 9, lt: 10 }
              $.nothing: { exists: false }
            """, body: body).isEmpty)
        #expect(try await failures("json: { $.status: DOWN }", body: body).map(\.message) == [#"$.status: expected "DOWN", got "UP""#])
        #expect(try await failures("json: { $.x: 1 }", body: "not json").first?.message.hasPrefix("$.x: the body is not JSON") == true)
    }

    @Test func xpathOnHTMLAndXML() async throws {
        let html = [HeaderField(name: "Content-Type", value: "text/html")]
        #expect(try await failures("""
            xpath:
              //title: Shop
              count(//li): 3
              //h1[@id='greeting']: { exists: true }
              //li: { length: 3 }
            """, headers: html, body: Self.html).isEmpty)
        #expect(try await failures("xpath: { //title: Other }", headers: html, body: Self.html).map(\.message) == [#"//title: expected "Other", got "Shop""#])
        #expect(try await failures("xpath: { /rss/channel/title: Feed }", body: "<rss><channel><title>Feed</title></channel></rss>").isEmpty)
        #expect(try await failures("xpath: { //a: 1 }", body: "<unclosed").first?.reason == .xpath)
    }

    @Test func bodyAndLatency() async throws {
        #expect(try await failures("body: { contains: [UP, db], not_contains: DOWN, matches: \"^\\\\{\" }", body: #"{"status":"UP","db":"ok"}"#).isEmpty)
        #expect(try await failures("max_latency: 100ms", body: "", latency: 150_000).map(\.message) == ["latency 150ms exceeds max_latency 100ms"])
    }
}
