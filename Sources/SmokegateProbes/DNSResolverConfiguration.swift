import Foundation
import NIOCore

/// The system's resolvers, read from resolv.conf the way glibc reads it (resolv.conf(5)).
///
/// Only what a probe needs: the `nameserver` lines (at most three, as glibc uses), `options timeout:N` (how
/// long one server gets before the next is asked) and `options use-vc` (TCP from the start). Without a
/// nameserver line the local host is asked, as glibc does. Link-local IPv6 servers with a `%zone` are skipped.
public struct DNSResolverConfiguration: Sendable, Hashable {
    /// glibc's MAXNS.
    static let maxServers = 3

    /// The servers in the order they are tried.
    public var servers: [DNSServerAddress]
    /// How long one server may stay silent before the next is asked; glibc's default is 5 s, its cap 30 s.
    public var timeoutPerServer: Duration

    /// Resolvers given directly (tests, or a configuration read once for a whole run).
    public init(servers: [DNSServerAddress], timeoutPerServer: Duration = .seconds(5)) {
        self.servers = servers
        self.timeoutPerServer = timeoutPerServer
    }

    /// Reads the text of a resolv.conf; lines it does not understand are ignored, as the C library ignores them.
    public init(parsing text: String) {
        var servers: [DNSServerAddress] = []
        var timeout = 5
        var overTCP = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let fields = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = fields.first, !keyword.hasPrefix("#"), !keyword.hasPrefix(";") else { continue }
            switch keyword {
            case "nameserver" where fields.count >= 2:
                let address = String(fields[1])
                // A `%zone` would need an interface index to connect; such link-local servers are skipped.
                if servers.count < Self.maxServers, !address.contains("%"),
                   (try? SocketAddress(ipAddress: address, port: 53)) != nil
                {
                    servers.append(DNSServerAddress(host: address))
                }
            case "options":
                for option in fields.dropFirst() {
                    if option.hasPrefix("timeout:"), let seconds = Int(option.dropFirst("timeout:".count)) {
                        timeout = min(max(seconds, 1), 30)
                    } else if option == "use-vc" || option == "usevc" {
                        overTCP = true
                    }
                }
            default:
                continue
            }
        }
        if servers.isEmpty {
            servers = [DNSServerAddress(host: "127.0.0.1")]
        }
        self.init(servers: servers.map { $0.over(overTCP ? .tcp : .udp) }, timeoutPerServer: .seconds(timeout))
    }

    /// Reads `path` (normally /etc/resolv.conf).
    ///
    /// - Throws: `invalid_request` naming the file when it cannot be read.
    public static func load(path: String = "/etc/resolv.conf") throws(ProbeFailure) -> DNSResolverConfiguration {
        do {
            return DNSResolverConfiguration(parsing: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw ProbeFailure(.invalidRequest, "Could not read the system's resolvers from \(path): \(error.localizedDescription)")
        }
    }
}
