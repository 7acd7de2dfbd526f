import Foundation
@testable import SmokegateConfig
@testable import SmokegateCore
import SmokegateFixtures
@testable import SmokegateModel
import SmokegateTestSupport
@testable import SmokegateVerdict
@testable import SmokegateVocabulary
import Testing

/// What `query:`, `form:`, `multipart:`, `basic_auth:`, `bearer:` and `http_version:` put on the wire, read back from
/// what a fixture server received; and XPath text compared the way a person reads it.
@Suite("HTTP request keys")
struct RequestKeysTests {
    @Test func queryFormMultipartAuthAndCapturedValuesAreEncodedAsSent() async throws {
        let log = RequestLog()
        let awkward = #"say "hi" & go/é"#
        try await FixtureHTTPServer.withServer(answering: { request in
            log.record(request)
            return .respond(request.path == "/value" ? .json(#"{"v":"say \"hi\" & go/é"}"#) : .text("ok"))
        }) { server in
            let directory = try TemporarySuite(["suite.yml": """
                environments:
                  shop: { base_url: "\(server.baseURL)" }
                checks:
                  - name: value
                    http: /value
                    capture:
                      v: { json: $.v, secret: false }
                  - name: query
                    http:
                      url: /search?sort=asc
                      query:
                        q: [a b, c&d]
                        v: "{{v}}"
                  - name: path
                    http: /items/{{v}}
                  - name: json
                    http:
                      method: POST
                      url: /json
                      json: { msg: "{{v}}", n: 2 }
                  - name: form
                    http:
                      method: POST
                      url: /form
                      form: { user: a b, note: "x&y=z", v: "{{v}}" }
                  - name: multipart
                    http:
                      method: POST
                      url: /upload
                      multipart:
                        field: "{{v}}"
                        upload: { file: upload.txt, content_type: text/plain }
                  - name: basic
                    http:
                      url: /basic
                      basic_auth: { user: probe, password: "${env:BASIC_PASSWORD}" }
                  - name: bearer
                    http: { url: /bearer, bearer: "${env:API_TOKEN}" }
                """, "upload.txt": "file contents\n"])
            defer { directory.remove() }
            let suite = try await SuiteLoader.load(paths: [directory.path("suite.yml")],
                                                   options: LoadOptions(processEnvironment: ["BASIC_PASSWORD": "pässword:1", "API_TOKEN": "api-token-123456"]))
            let report = try await SuiteRun(suite: suite, tags: [], concurrency: 4).execute()
            #expect(report.decision == .pass, "\(report.reasons)")
            let requests = Dictionary(log.all.map { ($0.path, $0) }, uniquingKeysWith: { $1 })
            let percentEncoded = "say%20%22hi%22%20%26%20go%2F%C3%A9"
            #expect(requests["/search"]?.uri == "/search?sort=asc&q=a%20b&q=c%26d&v=\(percentEncoded)")
            // Into a path a value goes as written, only what a URL cannot hold encoded.
            #expect(requests.keys.contains(#"/items/say%20%22hi%22%20&%20go/%C3%A9"#), "\(requests.keys.sorted())")
            #expect(requests["/json"].map { String(decoding: $0.body, as: UTF8.self) } == #"{"msg":"say \"hi\" & go/é","n":2}"#)
            #expect(requests["/json"]?.header("Content-Type") == "application/json")
            #expect(requests["/form"].map { String(decoding: $0.body, as: UTF8.self) } == "user=a+b&note=x%26y%3Dz&v=say+%22hi%22+%26+go%2F%C3%A9")
            #expect(requests["/form"]?.header("Content-Type") == "application/x-www-form-urlencoded")
            let upload = try #require(requests["/upload"])
            let contentType = try #require(upload.header("Content-Type"))
            #expect(contentType.hasPrefix("multipart/form-data; boundary="))
            let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
            #expect(String(decoding: upload.body, as: UTF8.self) == "--\(boundary)\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\n\(awkward)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"upload.txt\"\r\nContent-Type: text/plain\r\n\r\nfile contents\n\r\n"
                + "--\(boundary)--\r\n")
            #expect(requests["/basic"]?.header("Authorization") == "Basic " + Data("probe:pässword:1".utf8).base64EncodedString())
            #expect(requests["/bearer"]?.header("Authorization") == "Bearer api-token-123456")
            // The target shows a captured value by name, never by value.
            #expect(RunHarness.result(report, "query", "shop")?.target == "\(server.baseURL)/search?sort=asc&q=a%20b&q=c%26d&v={{v}}")
        }
    }

    @Test func requiringHTTP2OfAServerThatSpeaksOnlyHTTP11FailsClearly() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let plain = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) })
        let tls = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) }, tls: certificates.valid)
        defer { Task { try? await plain.shutdown(); try? await tls.shutdown() } }
        let suite = try await TemporarySuite.load("""
            checks:
              - name: h2 over cleartext
                http: { url: "\(plain.baseURL)/", http_version: 2 }
              - name: h2 over tls
                http: { url: "\(tls.httpsBaseURL)/", http_version: 2, insecure: true }
              - name: h1
                samples: 2
                http: { url: "\(tls.httpsBaseURL)/", http_version: 1.1, insecure: true }
              - name: any version
                http: { url: "\(tls.httpsBaseURL)/", insecure: true }
            """)
        let report = try await SuiteRun(suite: suite, tags: [], concurrency: 4).execute()
        let cleartext = try #require(RunHarness.result(report, "h2 over cleartext"))
        #expect(cleartext.status == .fail)
        #expect(cleartext.failures.first?.reason == .httpVersion)
        #expect(cleartext.message == "expected HTTP/2, the server answered in HTTP/1.1 (it did not take the Upgrade: h2c offer)")
        #expect(cleartext.failedSamples.first?.httpVersion == "1.1")
        let overTLS = try #require(RunHarness.result(report, "h2 over tls"))
        #expect(overTLS.message == "expected HTTP/2, the server answered in HTTP/1.1 (it did not offer h2 in the TLS handshake)")
        let h1 = try #require(RunHarness.result(report, "h1"))
        #expect(h1.status == .pass)
        #expect(h1.httpVersions == ["1.1": 2])
        #expect(RunHarness.result(report, "any version")?.httpVersions == ["1.1": 1])
    }

    @Test func xpathTextIsComparedWithItsWhitespaceNormalized() async throws {
        let report = try await RunHarness.run("""
            checks:
              - name: equals
                http: "{{base}}/"
                expect:
                  html:
                    //title: Acme Shop
                    string(//title): Acme Shop
                    //h1: { contains: "Acme Shop", not_equals: "Other Shop" }
              - name: not equals
                http: "{{base}}/"
                expect:
                  html:
                    //title: { not_equals: "Acme   Shop" }
              - name: matches sees the raw text
                http: "{{base}}/"
                expect:
                  html:
                    //title: { matches: "^Acme" }
            """) { _ in .respond(.html("<html><head><title>\n    Acme   Shop\n  </title></head><body><h1>Welcome to\n the Acme\tShop</h1></body></html>")) }
        #expect(RunHarness.result(report, "equals")?.status == .pass, "\(RunHarness.result(report, "equals")?.message ?? "")")
        #expect(RunHarness.result(report, "not equals")?.message == #"//title: expected anything but "Acme Shop""#)
        // `matches` sees the text as it is, line breaks and all.
        #expect(RunHarness.result(report, "matches sees the raw text")?.message == #"//title: expected to match /^Acme/, got "\n Acme Shop\n ""#)
    }
}
