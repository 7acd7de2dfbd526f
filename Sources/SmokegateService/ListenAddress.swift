/// Where `serve` listens: a host (name, IPv4 or IPv6 address) and a port, from `HOST:PORT` or `[IPv6]:PORT`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The default: loopback only, so nothing outside the machine reaches the service unless asked for.
    public static let `default` = ListenAddress(host: "127.0.0.1", port: 9470)

    /// A name (`localhost`), an IPv4 address or an IPv6 address (without brackets).
    public var host: String
    /// 0 asks the system for a free port; the address actually bound is reported once listening.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `127.0.0.1:9470`, `localhost:0`, `0.0.0.0:9470`, `[::1]:9470`; nil with a sentence on what is wrong.
    public static func parse(_ text: String) -> Result<ListenAddress, ListenAddressError> {
        let host: Substring, port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(ListenAddressError("'\(text)' is not [IPV6]:PORT"))
            }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                return .failure(ListenAddressError("'\(text)' is not HOST:PORT (write an IPv6 address as [::1]:9470)"))
            }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { return .failure(ListenAddressError("'\(text)' names no host: write 127.0.0.1:PORT, or 0.0.0.0:PORT for every interface")) }
        guard let number = Int(port), (0...65_535).contains(number) else {
            return .failure(ListenAddressError("'\(text)': the port must be a number from 0 to 65535"))
        }
        return .success(ListenAddress(host: String(host), port: number))
    }

    /// Reachable from this machine only: `localhost`, 127.0.0.0/8 or ::1.
    public var isLoopback: Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" { return true }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// `HOST:PORT`, an IPv6 host in brackets.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The root URL a person opens: `http://HOST:PORT`; a wildcard host shows as loopback, where it also answers.
    public var url: String {
        let shown = host == "0.0.0.0" ? "127.0.0.1" : (host == "::" ? "::1" : host)
        return "http://" + ListenAddress(host: shown, port: port).description
    }
}

/// Why a `--listen` value cannot be used.
public struct ListenAddressError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
