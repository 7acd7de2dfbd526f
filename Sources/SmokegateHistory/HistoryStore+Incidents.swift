import Foundation
import SQLKit

extension HistoryStore {
    /// Opens `incident` unless one is already open under its dedup key; returns the open incident either way,
    /// so a restarted `serve` (or a second one) sees the incident it must not notify about again.
    public func openIncident(_ incident: IncidentRecord) async throws -> IncidentRecord {
        try await writing("open incident \(incident.dedupKey)") { database, flavor in
            // The partial unique index on open incidents makes a concurrent second open a no-op.
            try await database.raw("""
                INSERT INTO smokegate_incidents (id, dedup_key, target, state, opened_at, last_notified_at, resolved_at)
                VALUES (\(flavor.uuid(UUID())), \(bind: incident.dedupKey), \(bind: incident.target), 'open',
                  \(flavor.timestamp(incident.openedAt)), \(flavor.timestamp(incident.lastNotifiedAt)), NULL)
                ON CONFLICT DO NOTHING
                """).run()
            let open = try await Self.incidents(where: "dedup_key = \(bind: incident.dedupKey) AND state = 'open'", database, flavor)
            guard let stored = open.first else {
                throw HistoryError(reason: .internal, message: "incident \(incident.dedupKey) was not stored")
            }
            return stored
        }
    }

    /// Records that the open incident under `dedupKey` was notified at `at`; false when none is open.
    @discardableResult
    public func markNotified(dedupKey: String, at: Date) async throws -> Bool {
        try await updateOpenIncident(dedupKey, set: "last_notified_at", to: at)
    }

    /// Resolves the open incident under `dedupKey`; false when none is open.
    @discardableResult
    public func resolveIncident(dedupKey: String, at: Date) async throws -> Bool {
        try await updateOpenIncident(dedupKey, set: "resolved_at", to: at, resolving: true)
    }

    /// Every open incident, oldest first.
    public func openIncidents() async throws -> [IncidentRecord] {
        try await reading("list open incidents") { database, flavor in
            try await Self.incidents(where: "state = 'open'", database, flavor)
        }
    }

    private func updateOpenIncident(_ dedupKey: String, set column: String, to date: Date, resolving: Bool = false) async throws -> Bool {
        try await writing("update incident \(dedupKey)") { database, flavor in
            let state: SQLQueryString = resolving ? ", state = 'resolved'" : ""
            let updated = try await database.raw("""
                UPDATE smokegate_incidents SET \(ident: column) = \(flavor.timestamp(date))\(state)
                WHERE dedup_key = \(bind: dedupKey) AND state = 'open'
                RETURNING id
                """).all()
            return !updated.isEmpty
        }
    }

    private static func incidents(where condition: SQLQueryString, _ database: any SQLDatabase, _ flavor: SQLFlavor) async throws -> [IncidentRecord] {
        try await database.raw("""
            SELECT dedup_key, target, state, opened_at, last_notified_at, resolved_at FROM smokegate_incidents
            WHERE \(condition) ORDER BY opened_at, dedup_key
            """).all().map { row in
            let stateText = try row.decode(column: "state", as: String.self)
            guard let state = IncidentState(rawValue: stateText) else {
                throw HistoryError(reason: .invalidData, message: "smokegate_incidents.state holds \"\(stateText)\"")
            }
            return IncidentRecord(
                dedupKey: try row.decode(column: "dedup_key", as: String.self),
                target: try row.decode(column: "target", as: String.self),
                state: state,
                openedAt: try flavor.date(row, "opened_at"),
                lastNotifiedAt: try flavor.optionalDate(row, "last_notified_at"),
                resolvedAt: try flavor.optionalDate(row, "resolved_at")
            )
        }
    }
}
