import Foundation
import Synchronization

/// Where open alert incidents are kept, so that a restarted `serve` neither triggers an incident a second time nor
/// forgets to resolve it. The history database implements it (SQLite, PostgreSQL); `InMemoryIncidentStore` until then.
///
/// Calls come from one task at a time, in the order the incidents changed: `open` before any `update` or `resolve`
/// of the same key.
public protocol IncidentStore: Sendable {
    /// Every incident not yet resolved, oldest first: what `ServeAlerts.restore()` starts from.
    func openIncidents() async throws -> [Incident]
    /// A new incident (its first message is about to go out).
    func open(_ incident: Incident) async throws
    /// An open incident changed: targets joined, a reminder went out.
    func update(_ incident: Incident) async throws
    /// The incident with this key, open or resolved; nil when none was stored.
    func incident(dedupKey: String) async throws -> Incident?
    /// Marks the incident resolved at `at`; a resolved incident is no longer among `openIncidents()`.
    func resolve(dedupKey: String, at: Date) async throws
}

/// Incidents in memory: restart-safe only across `ServeAlerts` instances of one process (what tests and a service
/// without a history database get).
public final class InMemoryIncidentStore: IncidentStore {
    private let incidents = Mutex<[String: Incident]>([:])

    public init() {}

    public func openIncidents() async throws -> [Incident] {
        incidents.withLock { Array($0.values).openOldestFirst }
    }

    public func open(_ incident: Incident) async throws {
        incidents.withLock { $0[incident.dedupKey] = incident }
    }

    public func update(_ incident: Incident) async throws {
        incidents.withLock { $0[incident.dedupKey] = incident }
    }

    public func incident(dedupKey: String) async throws -> Incident? {
        incidents.withLock { $0[dedupKey] }
    }

    public func resolve(dedupKey: String, at: Date) async throws {
        incidents.withLock { $0[dedupKey]?.resolvedAt = at }
    }
}

extension Array where Element == Incident {
    /// The incidents not yet resolved, oldest first (ties by key): what every store's `openIncidents()` answers.
    var openOldestFirst: [Incident] {
        filter { $0.resolvedAt == nil }.sorted { ($0.openedAt, $0.dedupKey) < ($1.openedAt, $1.dedupKey) }
    }
}
