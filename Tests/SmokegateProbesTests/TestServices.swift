import Foundation
import NIOCore
import NIOPosix
import Testing

/// Where `scripts/with-test-services` started PostgreSQL and Redis, read from the variables it exports.
///
/// A test that needs a service and finds it missing cannot say anything about the code: with
/// `SMOKEGATE_REQUIRE_SERVICES=1` (CI, `make test`) that is recorded as a failure; otherwise the reason is
/// printed and the accessor returns nil so the test ends early, visibly.
enum TestServices {
    struct Postgres: Sendable {
        var host: String
        var port: Int
        var user: String
        var password: String
        var database: String
    }

    struct Redis: Sendable {
        var host: String
        var port: Int
        var password: String
        var aclUser: String
        var aclPassword: String
    }

    static func postgres(sourceLocation: SourceLocation = #_sourceLocation) -> Postgres? {
        let names = ["HOST", "PORT", "USER", "PASSWORD", "DATABASE"].map { "SMOKEGATE_POSTGRES_" + $0 }
        guard let values = read(names, service: "PostgreSQL", sourceLocation: sourceLocation),
              let port = port(values[1], name: names[1], sourceLocation: sourceLocation)
        else { return nil }
        return Postgres(host: values[0], port: port, user: values[2], password: values[3], database: values[4])
    }

    static func redis(sourceLocation: SourceLocation = #_sourceLocation) -> Redis? {
        let names = ["HOST", "PORT", "PASSWORD", "ACL_USER", "ACL_PASSWORD"].map { "SMOKEGATE_REDIS_" + $0 }
        guard let values = read(names, service: "Redis", sourceLocation: sourceLocation),
              let port = port(values[1], name: names[1], sourceLocation: sourceLocation)
        else { return nil }
        return Redis(host: values[0], port: port, password: values[2], aclUser: values[3], aclPassword: values[4])
    }

    /// A loopback port that was bound a moment ago and released, so connecting to it is refused.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close().get()
        return port
    }

    private static func read(_ names: [String], service: String, sourceLocation: SourceLocation) -> [String]? {
        let environment = ProcessInfo.processInfo.environment
        let values = names.compactMap { name in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard values.count == names.count else {
            let missing = names.filter { environment[$0]?.isEmpty ?? true }
            unavailable(
                "\(service) is not available (\(missing.joined(separator: ", ")) unset): run the tests under scripts/with-test-services",
                sourceLocation: sourceLocation
            )
            return nil
        }
        return values
    }

    private static func port(_ text: String, name: String, sourceLocation: SourceLocation) -> Int? {
        guard let port = Int(text), (1...65535).contains(port) else {
            unavailable("\(name)=\(text) is not a port", sourceLocation: sourceLocation)
            return nil
        }
        return port
    }

    static func unavailable(_ reason: String, sourceLocation: SourceLocation) {
        if ProcessInfo.processInfo.environment["SMOKEGATE_REQUIRE_SERVICES"] == "1" {
            Issue.record(Comment(rawValue: reason + " (SMOKEGATE_REQUIRE_SERVICES=1)"), sourceLocation: sourceLocation)
        } else {
            print("skipped: \(reason)")
        }
    }
}
