import Foundation

extension Redactor {
    /// Pieces of a credential shorter than this are not masked on their own: masking every `1` of a cookie
    /// `a=1` would garble every figure in a report. The whole value is masked whatever its length.
    public static let shortestMaskedPiece = 6

    /// Remembers the credentials a probe sends, written literally or not: credential headers, the password of a
    /// URL (and the `Basic` token curl makes of it), and database passwords. A server that echoes them back must
    /// not get them into a report.
    public mutating func addCredentials(of probe: ProbeSpec) {
        switch probe {
        case .http(let spec):
            for header in spec.headers where Self.sensitiveHeaders.contains(header.name.lowercased()) {
                addCredential(headerValue: header.value)
            }
            addURLCredentials(spec.url)
            if let proxy = spec.proxy { addURLCredentials(proxy.url) }
            if let credentials = spec.basicAuth, !credentials.password.isEmpty {
                add(credentials.password)
                add(Data("\(credentials.user):\(credentials.password)".utf8).base64EncodedString())
            }
            if let password = spec.tls.clientKeyPassword { add(password) }
        case .postgres(let request):
            if let password = request.password { add(password) }
        case .redis(let request):
            if let password = request.password { add(password) }
        case .grpc(let request):
            // Metadata is sent as request headers: credential names are masked as HTTP's are.
            for field in request.metadata where Self.sensitiveHeaders.contains(field.name.lowercased()) {
                addCredential(headerValue: field.value)
            }
            if let password = request.clientCertificate?.keyPassword { add(password) }
        case .tcp, .dns:
            break
        }
    }

    /// A credential header's value, its token after the scheme (`Bearer …`), and each cookie's value.
    public mutating func addCredential(headerValue value: String) {
        add(value)
        var pieces: [Substring] = []
        if let space = value.firstIndex(of: " ") { pieces.append(value[value.index(after: space)...]) }
        for cookie in value.split(separator: ";") {
            if let equals = cookie.firstIndex(of: "=") { pieces.append(cookie[cookie.index(after: equals)...]) }
        }
        for piece in pieces {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            if trimmed.count >= Self.shortestMaskedPiece { add(trimmed) }
        }
    }

    /// The password of `scheme://user:password@host`, as written, decoded, and as the Basic token it becomes.
    mutating func addURLCredentials(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { !"/?#".contains($0) }
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return }
        let user = String(authority[..<colon]), password = String(authority[authority.index(after: colon)..<at])
        guard !password.isEmpty else { return }
        add(password)
        let decodedUser = user.removingPercentEncoding ?? user, decodedPassword = password.removingPercentEncoding ?? password
        add(decodedPassword)
        add(Data("\(decodedUser):\(decodedPassword)".utf8).base64EncodedString())
    }
}
