import Foundation
import Hummingbird

/// Guards `/api/…` and `/-/reload` with a bearer token (`--api-token-file`): a request without
/// `Authorization: Bearer <token>` gets 401 with `WWW-Authenticate: Bearer`. `/metrics`, `/healthz`, `/readyz` and
/// the page stay open, as scrapers and probes expect.
///
/// What stays open is an allow-list, and every other path needs the token, so a spelling the router may read as a
/// protected route (`//api/v1/status`, `/%61pi/v1/status`) cannot slip past.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    init(token: String) {
        self.token = Array(token.utf8)
    }

    /// The paths open without the token, as path components: the page, the metrics and the health checks.
    static var openPaths: Set<[String]> { [[], ["metrics"], ["healthz"], ["readyz"]] }

    /// Every path but the open ones.
    static func isProtected(_ path: String) -> Bool {
        !openPaths.contains(path.split(separator: "/").map(String.init))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isProtected(request.uri.path) else { return try await next(request, context) }
        guard let presented = Self.bearer(in: request.headers[.authorization]), Self.constantTimeEqual(presented, token) else {
            var response = ServeResponses.problem("a bearer token is required: Authorization: Bearer <token from --api-token-file>",
                                                  status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer realm=\"smokegate\""
            return response
        }
        return try await next(request, context)
    }

    /// The token of `Bearer <token>` (the scheme in any case, as RFC 9110 allows); nil for any other header.
    static func bearer(in header: String?) -> [UInt8]? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return Array(parts[1].trimmingCharacters(in: .whitespaces).utf8)
    }

    /// Compares every byte whatever the first difference, so the time taken tells an attacker nothing of how much
    /// of a guess was right. Lengths differing still shows; the token's length is not the secret.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
