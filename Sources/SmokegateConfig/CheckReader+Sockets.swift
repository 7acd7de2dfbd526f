import Foundation
import SmokegateModel
import SmokegateProbes
import Yams

extension CheckReader {
    static let tcpKeys = ["address", "host", "port", "tls", "server_name", "insecure", "send", "expect", "connect_timeout", "read_timeout", "timeout"]
    static let postgresKeys = ["dsn", "host", "port", "database", "user", "password", "tls", "insecure", "query", "connect_timeout", "timeout"]
    static let redisKeys = ["address", "host", "port", "username", "password", "command", "connect_timeout", "timeout"]

    /// The timeouts every kind shares: `timeout` for the whole probe, `connect_timeout` for the connection.
    func timeouts(_ fields: [String: Node]) -> (connect: Duration, total: Duration) {
        let total = setting("timeout", fields).flatMap { reader.timeout($0, what: "timeout") } ?? .seconds(10)
        let connect = setting("connect_timeout", fields).flatMap { reader.timeout($0, what: "connect_timeout") } ?? min(total, .seconds(5))
        return (connect, total)
    }

    func readTCP(_ node: Node) -> TCPProbeRequest? {
        guard let fields = reader.table(node, allowed: Self.tcpKeys, in: "tcp") else { return nil }
        guard let (host, port) = endpoint(fields, node: node, what: "tcp", defaultPort: nil) else { return nil }
        let (connect, total) = timeouts(fields)
        var tls: TLSClientOptions?
        if let tlsNode = fields["tls"], reader.bool(tlsNode, what: "tls") == true {
            tls = TLSClientOptions(serverName: fields["server_name"].flatMap { reader.string($0, what: "server_name") },
                                   insecure: setting("insecure", fields).flatMap { reader.bool($0, what: "insecure") } ?? false)
        } else if let nameNode = fields["server_name"] ?? fields["insecure"] {
            reader.error("server_name and insecure only apply with 'tls: true'", at: nameNode)
        }
        var expect: Pattern?
        if let expectNode = fields["expect"], let text = reader.string(expectNode, what: "expect") {
            do { expect = try Pattern(text) } catch {
                reader.error("invalid regular expression '\(expectNode.scalar?.string ?? text)' in tcp.expect", at: expectNode)
            }
        }
        let send = fields["send"].flatMap { reader.string($0, what: "send") }.map { Array($0.utf8) }
        let readTimeout = fields["read_timeout"].flatMap { reader.timeout($0, what: "read_timeout") } ?? min(total, .seconds(5))
        var matches: (@Sendable (String) -> Bool)?
        if let expect { matches = { expect.matches($0) } }
        return TCPProbeRequest(host: host, port: port, tls: tls, send: send, expect: matches, connectTimeout: connect, readTimeout: readTimeout,
                               totalTimeout: total)
    }

    func readPostgres(_ node: Node) -> PostgresProbeRequest? {
        guard let fields = reader.table(node, allowed: Self.postgresKeys, in: "postgres") else { return nil }
        var host: String?, port = 5432, database: String?, user: String?, password: String?, tls = PostgresTLSMode.prefer
        // A value that did not render (an unset secret or variable) is reported where it is; asking for 'host:' on top
        // of that would send the user looking for the wrong problem.
        var unrendered = false
        func text(_ key: String) -> String? {
            guard let node = fields[key] else { return nil }
            let value = reader.string(node, what: key)
            if value == nil { unrendered = true }
            return value
        }
        if let dsnNode = fields["dsn"], let dsn = text("dsn") {
            guard let parts = URLComponents(string: dsn), ["postgres", "postgresql"].contains(parts.scheme ?? ""), let dsnHost = parts.host else {
                // Quote the DSN as written: a rendered one may hold a password.
                reader.error("dsn must look like postgres://user:password@host:5432/database?sslmode=require, found '\(Redactor.redactingURLPassword(dsnNode.scalar?.string ?? ""))'", at: dsnNode)
                return nil
            }
            host = dsnHost
            port = parts.port ?? 5432
            user = parts.user.flatMap { $0.removingPercentEncoding }
            password = parts.password.flatMap { $0.removingPercentEncoding }
            database = String(parts.path.drop { $0 == "/" })
            if let mode = parts.queryItems?.first(where: { $0.name == "sslmode" })?.value {
                tls = mode == "disable" ? .disable : (mode == "require" || mode.hasPrefix("verify") ? .require : .prefer)
            }
        }
        host = text("host") ?? host
        if let node = fields["port"] { port = reader.int(node, what: "port", range: 1...65535) ?? port }
        database = text("database") ?? database
        user = text("user") ?? user
        password = text("password") ?? password
        if let node = fields["tls"], let text = reader.string(node, what: "tls") {
            guard let mode = PostgresTLSMode(rawValue: text) else {
                reader.error("postgres tls must be disable, prefer or require, found '\(node.scalar?.string ?? text)'", at: node)
                return nil
            }
            tls = mode
        }
        guard !unrendered else { return nil }
        guard let host, !host.isEmpty else { reader.error("postgres needs 'host:' (or a 'dsn:')", at: node); return nil }
        guard let database, !database.isEmpty else { reader.error("postgres needs 'database:' (or a database in the dsn)", at: node); return nil }
        guard let user, !user.isEmpty else { reader.error("postgres needs 'user:' (or a user in the dsn)", at: node); return nil }
        let (connect, total) = timeouts(fields)
        return PostgresProbeRequest(host: host, port: port, database: database, user: user, password: password, tls: tls,
                                 insecure: setting("insecure", fields).flatMap { reader.bool($0, what: "insecure") } ?? false,
                                 query: fields["query"].flatMap { reader.string($0, what: "query") } ?? "SELECT 1",
                                 connectTimeout: connect, timeout: total)
    }

    func readRedis(_ node: Node) -> RedisProbeRequest? {
        guard let fields = reader.table(node, allowed: Self.redisKeys, in: "redis") else { return nil }
        guard let (host, port) = endpoint(fields, node: node, what: "redis", defaultPort: 6379) else { return nil }
        var command = ["PING"]
        if let commandNode = fields["command"] {
            command = commandNode.sequence != nil
                ? reader.stringList(commandNode, what: "command").map(\.0)
                : (reader.string(commandNode, what: "command")?.split(separator: " ").map(String.init) ?? [])
            if command.isEmpty { reader.error("redis command is empty: write e.g. 'PING' or 'INFO replication'", at: commandNode) }
        }
        let (connect, total) = timeouts(fields)
        return RedisProbeRequest(host: host, port: port, username: fields["username"].flatMap { reader.string($0, what: "username") },
                              password: fields["password"].flatMap { reader.string($0, what: "password") },
                              command: command, connectTimeout: connect, timeout: total)
    }

    /// `address: host:port` (IPv6 in brackets), or `host:` plus `port:`.
    private func endpoint(_ fields: [String: Node], node: Node, what: String, defaultPort: Int?) -> (String, Int)? {
        if let addressNode = fields["address"] {
            // A reference that failed to render has been reported already.
            guard let address = reader.string(addressNode, what: "address") else { return nil }
            let parts = SuiteLoader.splitHostPorts(address)
            let host = parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            if parts.count == 2, !host.isEmpty, let port = Int(parts[1]), (1...65535).contains(port) { return (host, port) }
            if parts.count == 1, !host.isEmpty, let defaultPort { return (host, defaultPort) }
            reader.error("\(what) address must be host:port (IPv6 as [::1]:port), found '\(addressNode.scalar?.string ?? address)'", at: addressNode)
            return nil
        }
        guard let hostNode = fields["host"], let host = reader.string(hostNode, what: "host"), !host.isEmpty else {
            reader.error("\(what) needs 'address: host:port' or 'host:' and 'port:'", at: node)
            return nil
        }
        guard let portNode = fields["port"] else {
            if let defaultPort { return (host, defaultPort) }
            reader.error("\(what) needs a 'port:'", at: node)
            return nil
        }
        return reader.int(portNode, what: "port", range: 1...65535).map { (host, $0) }
    }
}
