import Foundation

extension ProxySetting {
    /// The proxy a request to `url` goes through; nil for a direct connection.
    ///
    /// `env` follows curl's rules, so the report says what curl would have done silently: `http_proxy` (lower case
    /// only, as curl reads it) for http URLs, `https_proxy` or `HTTPS_PROXY` for https, then `all_proxy` /
    /// `ALL_PROXY`; `no_proxy` / `NO_PROXY` (`*`, host names and their subdomains, addresses) exempts a host.
    public func resolve(forURL url: String, environment: [String: String]) -> ResolvedProxy? {
        switch self {
        case .direct:
            return nil
        case .url(let proxy):
            return ResolvedProxy(url: proxy, from: "config")
        case .environment:
            let isHTTPS = url.lowercased().hasPrefix("https://")
            let names = (isHTTPS ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy"]) + ["all_proxy", "ALL_PROXY"]
            guard let name = names.first(where: { !(environment[$0] ?? "").isEmpty }), let value = environment[name] else {
                return nil
            }
            let host = URLComponents(string: url)?.host ?? ""
            let exemptions = environment["no_proxy"] ?? environment["NO_PROXY"] ?? ""
            if Self.isExempt(host: host, noProxy: exemptions) { return nil }
            return ResolvedProxy(url: value.contains("://") ? value : "http://" + value, from: "env:\(name)")
        }
    }

    /// Whether `no_proxy` names `host`: `*`, the host itself, or a domain it is in (a leading dot is optional).
    static func isExempt(host: String, noProxy: String) -> Bool {
        let host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        for entry in noProxy.split(whereSeparator: { $0 == "," || $0 == " " }) {
            var name = entry.lowercased()
            if name == "*" { return true }
            if name.hasPrefix(".") { name.removeFirst() }
            name = name.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            if !name.isEmpty, host == name || host.hasSuffix("." + name) { return true }
        }
        return false
    }
}
