import Foundation

/// Hides secrets in anything smokegate prints or writes: values read from `${env:…}`, URL passwords and credential headers.
public struct Redactor: Sendable, Hashable {
    /// What a secret is shown as.
    public static let mask = "***"
    /// Headers whose values are credentials whatever their origin.
    public static let sensitiveHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    /// Secret values, longest first so a secret containing another is masked whole.
    public private(set) var secrets: [String] = []

    public init(secrets: some Sequence<String> = []) {
        for secret in secrets { add(secret) }
    }

    /// Remembers a secret value; empty values are ignored (masking every empty string would mask nothing useful).
    public mutating func add(_ secret: String) {
        guard !secret.isEmpty, !secrets.contains(secret) else { return }
        secrets.append(secret)
        secrets.sort { $0.count > $1.count }
    }

    /// Adds every secret of `other`.
    public mutating func merge(_ other: Redactor) {
        for secret in other.secrets { add(secret) }
    }

    /// `text` with every known secret and any URL password replaced by `***`.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return Self.redactingURLPassword(result)
    }

    /// A header's value as it may be shown.
    public func redact(header name: String, value: String) -> String {
        Self.sensitiveHeaders.contains(name.lowercased()) ? Self.mask : redact(value)
    }

    /// Masks the password of every `scheme://user:password@host` in `text`.
    public static func redactingURLPassword(_ text: String) -> String {
        guard text.contains("://"), text.contains("@") else { return text }
        var result = ""
        var rest = Substring(text)
        while let schemeEnd = rest.range(of: "://") {
            result += rest[..<schemeEnd.upperBound]
            rest = rest[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { "/?# \t\n\"'<>".contains($0) } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += authority[...colon] + mask + authority[at...]
            } else {
                result += authority
            }
            rest = rest[authorityEnd...]
        }
        return result + rest
    }
}
