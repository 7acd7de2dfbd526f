import Foundation
import SmokegateAlerts
import SmokegateModel
import Testing

/// serve's incidents file: what one process stores, the next reads; resolved ones are bounded; a damaged file is an
/// error naming it, not an empty store.
@Suite struct FileIncidentStoreTests {
    static func incident(_ environment: String, at seconds: Double) -> Incident {
        let key = TargetKey(suite: "shop", check: "health", environment: environment)
        return Incident(dedupKey: "smokegate/serve/\(environment)", environment: environment, scope: "environment \(environment)", targets: [key],
                        openedAt: Date(timeIntervalSince1970: seconds), lastNotifiedAt: Date(timeIntervalSince1970: seconds))
    }

    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-incidents-\(UUID().uuidString).json").path
    }

    @Test func whatOneStoreKeepsTheNextReads() async throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = FileIncidentStore(path: path)
        try await first.open(Self.incident("blue", at: 1_000))
        try await first.open(Self.incident("green", at: 2_000))
        var joined = Self.incident("green", at: 2_000)
        joined.targets.append(TargetKey(suite: "shop", check: "cart", environment: "green"))
        try await first.update(joined)
        try await first.resolve(dedupKey: "smokegate/serve/blue", at: Date(timeIntervalSince1970: 3_000))

        let second = FileIncidentStore(path: path)
        let open = try await second.openIncidents()
        #expect(open.map(\.dedupKey) == ["smokegate/serve/green"])
        #expect(open.first?.targets.count == 2)
        #expect(try await second.incident(dedupKey: "smokegate/serve/blue")?.resolvedAt == Date(timeIntervalSince1970: 3_000))
    }

    @Test func onlyTheNewestResolvedIncidentsStay() async throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = FileIncidentStore(path: path, resolvedKept: 3)
        for index in 0..<10 {
            try await store.open(Self.incident("env\(index)", at: Double(index)))
            try await store.resolve(dedupKey: "smokegate/serve/env\(index)", at: Date(timeIntervalSince1970: Double(100 + index)))
        }
        try await store.open(Self.incident("still", at: 50))
        let reread = FileIncidentStore(path: path)
        #expect(try await reread.openIncidents().map(\.dedupKey) == ["smokegate/serve/still"])
        #expect(try await reread.incident(dedupKey: "smokegate/serve/env9") != nil)
        #expect(try await reread.incident(dedupKey: "smokegate/serve/env6") == nil)
    }

    @Test func aDamagedFileIsAnErrorNamingIt() async throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        let store = FileIncidentStore(path: path)
        await #expect { try await store.openIncidents() } throws: { error in
            "\(error)".contains(path)
        }
    }
}
