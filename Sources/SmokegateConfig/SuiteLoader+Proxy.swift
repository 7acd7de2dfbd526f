import SmokegateModel
import Yams

extension SuiteLoader {
    /// `proxy:`: a proxy URL, `env` (the process's proxy variables) or `none` (a direct connection).
    static func readProxy(_ node: Node, reader: ConfigReader) -> ProxySetting? {
        guard let text = reader.string(node, what: "proxy") else { return nil }
        switch text.lowercased() {
        case "env": return .environment
        case "none": return .direct
        default: break
        }
        let lowered = text.lowercased()
        if let scheme = ProxySetting.schemes.first(where: { lowered.hasPrefix($0) }) {
            let authority = text.dropFirst(scheme.count).prefix { !"/?#".contains($0) }
            let host = authority.split(separator: "@").last ?? ""
            if !host.isEmpty, !host.hasPrefix(":") { return .url(text) }
        }
        // What the user wrote, with any password masked: a literal one must not reach the message.
        let shown = Redactor.redactingURLPassword(node.scalar?.string ?? text)
        reader.error("proxy must be a proxy URL (http://, https://, socks5:// or socks5h://, e.g. 'http://proxy.internal:3128'), "
            + "'env' to use the environment's proxy variables, or 'none'; found '\(shown)'", at: node)
        return nil
    }
}
