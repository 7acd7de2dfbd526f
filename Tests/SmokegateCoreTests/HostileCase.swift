import Foundation
import SmokegateFixtures
@testable import SmokegateVocabulary
import Testing

/// One hostile server and the check that probes it: what runs on the other side, the check's probe, and the
/// status and reason the check must end with.
struct HostileCase: Sendable, CustomTestStringConvertible {
    /// What listens, if anything, where the check points.
    enum Server: Sendable {
        /// A raw-bytes `HostileServer`.
        case hostile(HostileBehavior)
        /// A `FixtureHTTPServer` treating every request alike.
        case fixture(FixtureBehavior)
        /// A `FixtureHTTPServer` over TLS presenting one of the test certificates, answering 200.
        case tls(Certificate)
        /// Port 1 on loopback, where nothing listens (binding it takes root).
        case nobody
        /// A name in `.invalid`, which RFC 6761 reserves never to resolve.
        case unresolvable
    }

    enum Certificate: Sendable {
        case selfSigned, expired, wrongHost
    }

    /// A started server: where it is (`host:port`) and how to stop it.
    struct Target: Sendable {
        let hostPort: String
        let stop: @Sendable () async -> Void
    }

    /// How the check must end.
    enum Outcome: Sendable {
        /// Failed, every sample with this reason.
        case fails(String)
        /// Passed: the policy accepts the behaviour.
        case passes
    }

    let name: String
    let server: Server
    let outcome: Outcome
    /// The check's probe line, from the target's `host:port` and the timeout (e.g. `1s`).
    let probe: @Sendable (_ hostPort: String, _ timeout: String) -> String

    var testDescription: String { name }

    /// `fail` or `pass`.
    var status: CheckStatus {
        if case .passes = outcome { return .pass }
        return .fail
    }

    /// The failure reason, for failing cases.
    var reason: String? {
        if case .fails(let reason) = outcome { return reason }
        return nil
    }

    init(_ name: String, _ server: Server, _ outcome: Outcome, probe: @escaping @Sendable (String, String) -> String) {
        self.name = name
        self.server = server
        self.outcome = outcome
        self.probe = probe
    }

    /// Starts what the case needs; the caller stops it.
    func start() async throws -> Target {
        switch server {
        case .hostile(let behavior):
            let server = try await HostileServer.start(behavior)
            return Target(hostPort: server.address) { try? await server.shutdown() }
        case .fixture(let behavior):
            let server = try await FixtureHTTPServer.start(answering: { _ in behavior })
            return Target(hostPort: "127.0.0.1:\(server.port)") { try? await server.shutdown() }
        case .tls(let kind):
            let certificates = try TestCertificates.make()
            let tls = switch kind {
            case .selfSigned: certificates.valid
            case .expired: certificates.expired
            case .wrongHost: certificates.wrongHost
            }
            do {
                let server = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) }, tls: tls)
                return Target(hostPort: "127.0.0.1:\(server.port)") {
                    try? await server.shutdown()
                    certificates.remove()
                }
            } catch {
                certificates.remove()
                throw error
            }
        case .nobody:
            return Target(hostPort: "127.0.0.1:1") {}
        case .unresolvable:
            return Target(hostPort: "smokegate-hostile.invalid:80") {}
        }
    }
}

extension HostileCase {
    /// An `http:` probe line for `url`, with `extra` keys appended to its mapping.
    static func http(_ url: String, _ timeout: String, _ extra: String = "") -> String {
        "http: { url: \"\(url)\", timeout: \(timeout)\(extra.isEmpty ? "" : ", \(extra)") }"
    }

    /// A `tcp:` probe line for `address`, with `extra` keys appended to its mapping.
    static func tcp(_ address: String, _ timeout: String, _ extra: String = "") -> String {
        "tcp: { address: \"\(address)\", timeout: \(timeout)\(extra.isEmpty ? "" : ", \(extra)") }"
    }

    static let http10Body = Array("an HTTP/1.0 body, ended by the close".utf8)

    /// Every behaviour of issue 6, each with the reason it must fail with (or why it passes).
    static let all: [HostileCase] = [
        HostileCase("accept then silence", .hostile(.silence), .fails("timeout")) { http("http://\($0)/", $1) },
        HostileCase("headers that never end (a line every 100 ms)", .hostile(.endlessHeaders(every: .milliseconds(100))),
                    .fails("timeout")) { http("http://\($0)/", $1) },
        HostileCase("headers that never end (as fast as read)", .hostile(.endlessHeaders(every: .zero)),
                    .fails("protocol")) { http("http://\($0)/", $1) },
        HostileCase("body dripping a byte a second", .hostile(.drip(length: 1000, every: .seconds(1))),
                    .fails("timeout")) { http("http://\($0)/", $1) },
        HostileCase("endless body", .hostile(.endlessBody), .fails("body_too_large")) { http("http://\($0)/", $1) },
        HostileCase("50 MB body", .hostile(.largeBody(bytes: 50_000_000, chunked: false)), .fails("body_too_large")) {
            http("http://\($0)/", $1, "max_body: 1MiB")
        },
        HostileCase("100 KB of headers", .hostile(.largeHeaders(bytes: 100_000, lineLength: 1000)), .passes) {
            http("http://\($0)/", $1)
        },
        HostileCase("a single 200 KB header line", .hostile(.largeHeaders(bytes: 200_000, lineLength: 200_000)), .fails("protocol")) {
            http("http://\($0)/", $1)
        },
        HostileCase("connection reset mid-body",
                    .fixture(.resetMidBody(.text(String(repeating: "r", count: 100_000)), afterBytes: 1000)),
                    .fails("connection_reset")) { http("http://\($0)/", $1) },
        HostileCase("garbage instead of HTTP", .fixture(.garbage(Array("SSH-2.0-OpenSSH_9.2\r\n".utf8))),
                    .fails("protocol")) { http("http://\($0)/", $1) },
        HostileCase("HTTP/1.0 without Content-Length", .hostile(.http10UntilClose(body: http10Body)), .passes) {
            http("http://\($0)/", $1) + "\n    expect: { body: { contains: ended by the close } }"
        },
        HostileCase("redirect loop",
                    .fixture(.respond(FixtureResponse(status: 302, headers: [(name: "Location", value: "/loop")]))),
                    .fails("too_many_redirects")) { http("http://\($0)/loop", $1, "follow_redirects: true") },
        HostileCase("redirect to another host under same_host",
                    .fixture(.respond(FixtureResponse(status: 302, headers: [(name: "Location", value: "http://elsewhere.invalid/")]))),
                    .fails("redirect_off_host")) { http("http://\($0)/", $1, "follow_redirects: same_host") },
        HostileCase("TLS, self-signed certificate", .tls(.selfSigned), .fails("tls_certificate_untrusted")) { http("https://\($0)/", $1) },
        HostileCase("TLS, expired certificate", .tls(.expired), .fails("tls_certificate_expired")) { http("https://\($0)/", $1) },
        HostileCase("TLS, certificate for another host", .tls(.wrongHost), .fails("tls_hostname_mismatch")) {
            http("https://\($0)/", $1)
        },
        HostileCase("TLS, expired certificate with insecure: true", .tls(.expired), .passes) {
            http("https://\($0)/", $1, "insecure: true")
        },
        HostileCase("TLS handshake that stalls", .hostile(.silence), .fails("tls_handshake")) { http("https://\($0)/", $1) },
        HostileCase("accepts and closes at once (http)", .hostile(.closeOnAccept), .fails("closed")) { http("http://\($0)/", $1) },
        HostileCase("accepts and closes at once (tcp, expecting a reply)", .hostile(.closeOnAccept), .fails("closed")) {
            tcp($0, $1, #"send: "PING\r\n", expect: PONG"#)
        },
        HostileCase("accepts and closes at once (tcp, connecting is enough)", .hostile(.closeOnAccept), .passes) { tcp($0, $1) },
        // read_timeout defaults to the timeout and starts later, at the connect: the total timeout ends it first.
        HostileCase("accept then silence (tcp, expecting a reply)", .hostile(.silence), .fails("timeout")) {
            tcp($0, $1, #"send: "PING\r\n", expect: PONG"#)
        },
        HostileCase("accept then silence (tcp, read_timeout 300ms)", .hostile(.silence), .fails("read_timeout")) {
            tcp($0, $1, #"send: "PING\r\n", expect: PONG, read_timeout: 300ms"#)
        },
        HostileCase("port nobody listens on (http)", .nobody, .fails("connection_refused")) { http("http://\($0)/", $1) },
        HostileCase("port nobody listens on (tcp)", .nobody, .fails("connection_refused")) { tcp($0, $1) },
        HostileCase("name that does not resolve (http)", .unresolvable, .fails("dns")) { http("http://\($0)/", $1) },
        HostileCase("name that does not resolve (tcp)", .unresolvable, .fails("dns")) { tcp($0, $1) },
    ]
}
