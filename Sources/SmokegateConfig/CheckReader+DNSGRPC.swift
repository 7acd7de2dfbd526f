import Foundation
import SmokegateCurl
import SmokegateModel
import SmokegateProbes
import Yams

extension CheckReader {
    static let dnsKeys = ["name", "type", "server", "servers", "timeout", "recursion"]
    static let grpcKeys = ["target", "service", "metadata", "timeout", "connect_timeout", "insecure"] + SuiteLoader.tlsKeys

    /// `dns: www.example.com` (an A query to the system's resolvers), or a table: `name`, `type`, `server` or
    /// `servers`, `timeout` (default 5 s), `recursion` (default true).
    func readDNS(_ node: Node) -> DNSCheckSpec? {
        if node.scalar != nil {
            guard let name = reader.string(node, what: "dns") else { return nil }
            let timeout = setting("timeout", [:]).flatMap { reader.timeout($0, what: "timeout") } ?? .seconds(5)
            return dnsSpec(name: name, nameNode: node, type: .a, servers: [], timeout: timeout, recursion: true)
        }
        guard let fields = reader.table(node, allowed: Self.dnsKeys, in: "dns") else { return nil }
        guard let nameNode = fields["name"] else {
            reader.error("dns needs a 'name:' to look up, e.g. 'name: www.example.com'", at: node)
            return nil
        }
        guard let name = reader.string(nameNode, what: "name") else { return nil }
        var type = DNSRecordType.a
        if let typeNode = fields["type"], let text = reader.string(typeNode, what: "type") {
            let names = DNSRecordType.queryable.map(\.name)
            guard let found = DNSRecordType(name: text.trimmingCharacters(in: .whitespaces)), DNSRecordType.queryable.contains(found) else {
                let hint = Levenshtein.suggestion(for: text.uppercased(), among: names).map { "; did you mean '\($0)'?" } ?? ""
                reader.error("dns type must be one of \(names.joined(separator: ", ")), found '\(typeNode.scalar?.string ?? text)'\(hint)", at: typeNode)
                return nil
            }
            type = found
        }
        guard let servers = readDNSServers(fields) else { return nil }
        let timeout = setting("timeout", fields).flatMap { reader.timeout($0, what: "timeout") } ?? .seconds(5)
        let recursion = fields["recursion"].flatMap { reader.bool($0, what: "recursion") } ?? true
        return dnsSpec(name: name, nameNode: nameNode, type: type, servers: servers, timeout: timeout, recursion: recursion)
    }

    /// `server:` or `servers:`, each an address `DNSServerAddress` reads; empty for neither (the system's
    /// resolvers), nil after an error.
    private func readDNSServers(_ fields: [String: Node]) -> [DNSServerAddress]? {
        if fields["server"] != nil, let many = fields["servers"] {
            reader.error("give either 'server:' or 'servers:', not both", at: many)
            return nil
        }
        var servers: [DNSServerAddress] = []
        var unreadable = false
        let serverNodes: [(String, Node)]
        if let one = fields["server"] {
            serverNodes = reader.string(one, what: "server").map { [($0, one)] } ?? []
            unreadable = serverNodes.isEmpty
        } else if let many = fields["servers"] {
            serverNodes = reader.stringList(many, what: "servers")
            if serverNodes.isEmpty, many.sequence?.isEmpty ?? true {
                reader.error("servers needs at least one address, e.g. ['udp://10.0.0.2:53', 'udp://10.0.0.3:53']", at: many)
                return nil
            }
        } else {
            serverNodes = []
        }
        for (text, serverNode) in serverNodes {
            do throws(ProbeFailure) {
                let server = try DNSServerAddress(parsing: text.trimmingCharacters(in: .whitespaces))
                if servers.contains(server) {
                    reader.error("dns server \(server) is listed twice", at: serverNode)
                    unreadable = true
                }
                servers.append(server)
            } catch {
                // Quote what was written: a rendered variable is shown as its reference.
                let shown = serverNode.scalar.map { Template.hasReferences($0.string) ? $0.string : text } ?? text
                reader.error("dns server must be udp://ADDRESS:PORT or tcp://ADDRESS:PORT (an IP address, port 53 unless written), "
                    + "found '\(shown)'", at: serverNode)
                unreadable = true
            }
        }
        return unreadable ? nil : servers
    }

    private func dnsSpec(name: String, nameNode: Node, type: DNSRecordType, servers: [DNSServerAddress], timeout: Duration,
                         recursion: Bool) -> DNSCheckSpec? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let problem = DNSProbeRequest.nameProblem(trimmed) {
            // The probe's sentence quotes the rendered name; a name from a variable is shown as written.
            let written = nameNode.scalar?.string ?? name
            reader.error(Template.hasReferences(written) ? "dns name '\(written)' is not a domain name" : "dns name: \(problem)", at: nameNode)
            return nil
        }
        let query = DNSProbeRequest(name: trimmed, type: type, recursionDesired: recursion, timeout: timeout)
        return DNSCheckSpec(query: query, servers: servers)
    }

    /// `grpc: grpc://host:port` (the whole server), or a table: `target`, `service`, `metadata`, `timeout` (the
    /// call's deadline), `connect_timeout`, `insecure` and the TLS keys HTTP checks take.
    func readGRPC(_ node: Node, environment: Environment) -> GRPCHealthProbeRequest? {
        var fields: [String: Node] = [:]
        let targetNode: Node
        if node.scalar != nil {
            targetNode = node
        } else {
            guard let table = reader.table(node, allowed: Self.grpcKeys, in: "grpc") else { return nil }
            fields = table
            guard let found = fields["target"] else {
                reader.error("grpc needs a 'target:', e.g. 'target: grpc://10.0.0.5:50051' (grpcs:// for TLS)", at: node)
                return nil
            }
            targetNode = found
        }
        guard let target = reader.string(targetNode, what: "target") else { return nil }
        let shown = targetNode.scalar.map { Template.hasReferences($0.string) ? $0.string : target } ?? target
        guard let url = GRPCTarget.url(for: target.trimmingCharacters(in: .whitespaces)),
              let authority = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first, authority.contains(":") else {
            reader.error("grpc target must be grpc://HOST:PORT (cleartext HTTP/2) or grpcs://HOST:PORT (TLS), found '\(shown)'", at: targetNode)
            return nil
        }
        var request = GRPCHealthProbeRequest(url: url)
        request.service = fields["service"].flatMap { reader.string($0, what: "service") } ?? ""
        if let metadataNode = fields["metadata"] {
            for (name, value, nameNode) in reader.stringPairs(metadataNode, what: "metadata") {
                if let problem = GRPCHealthProbe.metadataNameProblem(name) {
                    reader.error("the metadata name '\(name)' \(problem)", at: nameNode)
                    continue
                }
                request.metadata.append((name: name.lowercased(), value: value))
            }
        }
        let (connect, total) = timeouts(fields)
        request.deadline = total
        request.connectTimeout = connect
        request.insecure = setting("insecure", fields).flatMap { reader.bool($0, what: "insecure") } ?? false
        let tls = environment.tls.overlaid(with: SuiteLoader.readTLS(file.defaults, reader: reader)).overlaid(with: SuiteLoader.readTLS(fields, reader: reader))
        SuiteLoader.checkTLS(tls, fields: fields, defaults: file.defaults, reader: reader)
        request.caFile = tls.caFile
        request.caPath = tls.caPath
        request.clientCertificate = tls.clientIdentity
        request.tlsMinimumVersion = tls.minimumVersion
        request.connectTo = environment.connectTo
        return request
    }
}
