import Foundation
import SmokegateFixtures
import Testing

/// A unique secret planted in every place a credential can be written, passing and failing runs against a server
/// that echoes everything it receives, and every byte smokegate writes searched for each secret.
@Suite("secrets never reach any output")
struct SecretLeakTests {
    /// One secret per place, each unique to this run so that a hit can only be a leak.
    struct Secrets {
        let tag = UUID().uuidString.prefix(8).lowercased()
        var fromEnvironment: String { "envsecret-\(tag)" }
        var urlPassword: String { "urlpass-\(tag)" }
        var authorization: String { "bearertoken-\(tag)" }
        var proxyAuthorization: String { "proxytoken-\(tag)" }
        var cookie: String { "cookievalue-\(tag)" }
        var setCookie: String { "servercookie-\(tag)" }
        var databasePassword: String { "dbpass-\(tag)" }
        var redisPassword: String { "redispass-\(tag)" }

        var all: [String] {
            [fromEnvironment, urlPassword, authorization, proxyAuthorization, cookie, setCookie, databasePassword, redisPassword,
             // What curl sends for a URL's user:password, and what a server could echo.
             Data("smoke:\(urlPassword)".utf8).base64EncodedString()]
        }
    }

    /// Every credential of `secrets` in its place; `passing` picks expectations that hold or fail against the echo.
    static func suite(_ secrets: Secrets, passing: Bool) -> String {
        let expectBody = passing ? "you sent" : "never there"
        return """
            environments:
              staging:
                base_url: "{{url}}"
                headers: { Authorization: "Bearer \(secrets.authorization)" }
                vars: { token: "${env:API_TOKEN}" }
            checks:
              - name: echo everything
                http:
                  method: POST
                  url: "/echo?token={{token}}"
                  headers:
                    X-Token: "${env:API_TOKEN}"
                    Proxy-Authorization: "Basic \(secrets.proxyAuthorization)"
                    Cookie: "session=\(secrets.cookie); theme=dark"
                  body: "token=${env:API_TOKEN}"
                expect:
                  status: \(passing ? 200 : 201)
                  body: { contains: "\(expectBody)" }
                  headers:
                    X-Echo-X-Token: "${env:API_TOKEN}"
                    Set-Cookie: { contains: "\(passing ? "sid=" : "nope")" }
                    X-Echo-Authorization: { \(passing ? "exists: true" : "equals: nope") }
                    X-Echo-Proxy-Authorization: { \(passing ? "exists: true" : "equals: nope") }
                    X-Echo-Cookie: { \(passing ? "exists: true" : "equals: nope") }
              - name: url credentials
                http: "GET {{url_with_password}}/echo"
                expect:
                  body: { contains: "\(expectBody)" }
              - name: database
                postgres:
                  dsn: "postgres://smoke:\(secrets.databasePassword)@127.0.0.1:{{closed_port}}/shop"
                  timeout: 2s
              - name: cache
                redis: { address: "127.0.0.1:{{closed_port}}", password: "\(secrets.redisPassword)", timeout: 2s }
            """
    }

    /// A server that repeats every request header and the URL in its body and headers, and sets a cookie.
    static func echo(_ secrets: Secrets) -> @Sendable (FixtureRequest) -> FixtureBehavior {
        { request in
            let sent = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: " | ")
            var response = FixtureResponse.text("you sent \(request.method) \(request.uri) \(sent) body=\(String(decoding: request.body, as: UTF8.self)) sid=\(secrets.setCookie)")
            for header in request.headers { response.headers.append((name: "X-Echo-\(header.name)", value: header.value)) }
            response.headers.append((name: "Set-Cookie", value: "sid=\(secrets.setCookie); Path=/; HttpOnly"))
            return .respond(response)
        }
    }

    @Test(arguments: [true, false])
    func noSecretInAnyOutputOfARun(passing: Bool) async throws {
        let secrets = Secrets()
        let workspace = try Workspace(["checks/api.yml": Self.suite(secrets, passing: passing)])
        defer { workspace.remove() }
        let closed = try await LoopbackPort.closed()
        try await FixtureHTTPServer.withServer(answering: Self.echo(secrets)) { server in
            let withPassword = server.baseURL.replacingOccurrences(of: "http://", with: "http://smoke:\(secrets.urlPassword)@")
            let arguments = ["run", "checks", "--var", "url=\(server.baseURL)", "--var", "url_with_password=\(withPassword)",
                             "--var", "closed_port=\(closed)"]
            let result = try await Binary.run(arguments, environment: ["API_TOKEN": secrets.fromEnvironment], directory: workspace.directory)
            // The database checks fail (nothing listens), so even the passing variant exits 1.
            #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
            #expect(server.requestCount >= 2, "the HTTP checks must have reached the echo server")
            // The failing variant quotes the echoed body and headers: masked, not left out.
            if !passing { #expect(result.stdout.contains("***"), "\(result.stdout)") }
            try expectNoSecret(secrets, in: ["stdout": result.stdout, "stderr": result.stderr].merging(try workspace.files("reports")) { $1 })
        }
    }

    @Test func noSecretInConfigErrorsOrValidation() async throws {
        let secrets = Secrets()
        let workspace = try Workspace(["checks/api.yml": """
            checks:
              - name: bad timeout
                http: { url: "http://127.0.0.1:1/", timeout: "${env:API_TOKEN}", headers: { Authorization: "Bearer \(secrets.authorization)" } }
              - name: bad port
                redis: { address: "127.0.0.1:${env:API_TOKEN}", password: "\(secrets.redisPassword)" }
            """])
        defer { workspace.remove() }
        let run = try await Binary.run(["run", "checks"], environment: ["API_TOKEN": secrets.fromEnvironment], directory: workspace.directory)
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("api.yml:3:"), "\(run.stderr)")
        let validate = try await Binary.run(["validate", "checks"], environment: ["API_TOKEN": secrets.fromEnvironment], directory: workspace.directory)
        #expect(validate.status == 2)
        try expectNoSecret(secrets, in: ["run stdout": run.stdout, "run stderr": run.stderr,
                                         "validate stdout": validate.stdout, "validate stderr": validate.stderr])
    }

    private func expectNoSecret(_ secrets: Secrets, in outputs: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(outputs.count >= 2, sourceLocation: sourceLocation)
        for (name, text) in outputs {
            for secret in secrets.all {
                #expect(!text.contains(secret), "\(secret) leaked into \(name)", sourceLocation: sourceLocation)
            }
        }
    }
}

extension Workspace {
    /// Every file under `folder`, by path, as text: every byte a run wrote there.
    func files(_ folder: String) throws -> [String: String] {
        let root = directory.appendingPathComponent(folder)
        var result: [String: String] = [:]
        let names = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        for name in names {
            let url = root.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            result[name] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
        #expect(!result.isEmpty, "no report was written to \(folder)")
        return result
    }
}
