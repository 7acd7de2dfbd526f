import Foundation
import Synchronization

/// A shop that wants a login first, for chained checks: `POST /login` with a form (`user`, `password`) answers a
/// fresh token in JSON and a session cookie; `GET /api/me` wants `Authorization: Bearer TOKEN` and answers the
/// user's id; `GET /api/orders?user=ID` wants the token and the session cookie too. A request without what it
/// needs gets 401 or 403 with a body that quotes what it sent, as careless servers do. Every request is logged.
public final class LoginShop: Sendable {
    /// The password `/login` accepts.
    public let password: String
    /// When false, `/login` answers 500: a deployment whose login is broken.
    public let loginWorks: Bool
    /// What the shop received, in order.
    public let log = RequestLog()
    private let state = Mutex<(tokens: [String: String], sessions: Set<String>)>(([:], []))

    public init(password: String, loginWorks: Bool = true) {
        self.password = password
        self.loginWorks = loginWorks
    }

    /// The tokens issued so far.
    public var tokens: [String] { state.withLock { Array($0.tokens.keys) } }

    /// Answers one request; hand it to `FixtureHTTPServer.start(answering:)`.
    public func answer(_ request: FixtureRequest) -> FixtureBehavior {
        log.record(request)
        switch (request.method, request.path) {
        case ("POST", "/login"):
            guard loginWorks else { return .respond(.json(#"{"error":"login is down"}"#, status: 500)) }
            let form = Self.formFields(String(decoding: request.body, as: UTF8.self))
            guard form["user"] == "probe", form["password"] == password else {
                return .respond(.json(#"{"error":"bad credentials"}"#, status: 401))
            }
            let token = "tok-" + UUID().uuidString.lowercased()
            let session = "s-" + UUID().uuidString.lowercased().prefix(12)
            let user = state.withLock { state in
                let user = "u-\(state.tokens.count + 1)"
                state.tokens[token] = user
                state.sessions.insert(String(session))
                return user
            }
            var response = FixtureResponse.json(#"{"token":"\#(token)","user":"\#(user)"}"#)
            response.headers.append((name: "Set-Cookie", value: "session=\(session); Path=/; HttpOnly"))
            return .respond(response)
        case ("GET", "/api/me"):
            guard let user = user(of: request) else { return rejected(request, status: 401) }
            return .respond(.json(#"{"id":"\#(user)","name":"Probe"}"#))
        case ("GET", "/api/orders"):
            guard let user = user(of: request), let session = Self.cookie("session", in: request.header("Cookie") ?? ""),
                  state.withLock({ $0.sessions.contains(session) }) else { return rejected(request, status: 403) }
            let query = Self.formFields(request.uri.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? "")
            guard query["user"] == user else { return .respond(.json(#"{"error":"not your orders"}"#, status: 403)) }
            return .respond(.json(#"{"user":"\#(user)","orders":[{"id":1,"total":12.5}]}"#))
        default:
            return .respond(.text("no such page", status: 404))
        }
    }

    private func user(of request: FixtureRequest) -> String? {
        guard let header = request.header("Authorization"), header.hasPrefix("Bearer ") else { return nil }
        let token = String(header.dropFirst("Bearer ".count))
        return state.withLock { $0.tokens[token] }
    }

    /// Quotes the credentials it was sent: reports must mask them.
    private func rejected(_ request: FixtureRequest, status: Int) -> FixtureBehavior {
        .respond(.text("refused: Authorization was \(request.header("Authorization") ?? "missing"), Cookie was \(request.header("Cookie") ?? "missing")",
                       status: status))
    }

    /// `a=1&b=x+y` decoded (form and query encoding alike).
    public static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    static func cookie(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == name { return String(pair[1]) }
        }
        return nil
    }
}
