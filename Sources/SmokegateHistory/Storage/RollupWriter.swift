import Foundation
import SQLKit

/// Writes hourly rollups: replaced outright, or added to what an hour already holds.
struct RollupWriter {
    let database: any SQLDatabase
    let flavor: SQLFlavor

    static let columns = ["target", "hour_start", "observed_seconds", "probes", "failed", "downtime_seconds", "latency_histogram"]

    func write(_ rollups: [HourlyRollupRecord], mode: HistoryStore.RollupWriteMode) async throws {
        // Two rollups of one hour in the same call are one rollup.
        var merged: [RollupKey: HourlyRollupRecord] = [:]
        var order: [RollupKey] = []
        for rollup in rollups {
            let key = RollupKey(target: rollup.target, hourStart: rollup.hourStart)
            if merged[key] == nil {
                order.append(key)
                merged[key] = rollup
            } else if mode == .accumulate {
                merged[key]?.accumulate(rollup)
            } else {
                merged[key] = rollup
            }
        }
        var final = order.compactMap { merged[$0] }
        if mode == .accumulate {
            final = try await addingStored(to: final)
        }
        try await SQLRowInserter.insert(
            into: "smokegate_rollups", columns: Self.columns,
            rows: final.map(row),
            suffix: """
                ON CONFLICT (target, hour_start) DO UPDATE SET observed_seconds = excluded.observed_seconds,
                  probes = excluded.probes, failed = excluded.failed, downtime_seconds = excluded.downtime_seconds,
                  latency_histogram = excluded.latency_histogram
                """,
            on: database
        )
    }

    private func row(_ rollup: HourlyRollupRecord) -> [any SQLExpression] {
        [
            SQLBind(rollup.target), flavor.timestamp(rollup.hourStart), SQLBind(rollup.observedSeconds),
            SQLBind(rollup.probes), SQLBind(rollup.failed), SQLBind(rollup.downtimeSeconds), SQLBind(rollup.latency.encoded()),
        ]
    }

    /// Each rollup plus what its hour already holds. Empty rows are inserted first so that PostgreSQL can lock
    /// every one (`FOR UPDATE`) and concurrent writers add in turn; SQLite's write lock already serialises them.
    private func addingStored(to rollups: [HourlyRollupRecord]) async throws -> [HourlyRollupRecord] {
        try await SQLRowInserter.insert(
            into: "smokegate_rollups", columns: Self.columns,
            rows: rollups.map { row(HourlyRollupRecord(target: $0.target, hourStart: $0.hourStart, observedSeconds: 0, probes: 0, failed: 0, downtimeSeconds: 0)) },
            suffix: "ON CONFLICT (target, hour_start) DO NOTHING",
            on: database
        )
        var stored: [RollupKey: HourlyRollupRecord] = [:]
        let lock: SQLQueryString = flavor == .postgres ? " FOR UPDATE" : ""
        for start in stride(from: 0, to: rollups.count, by: 500) {
            let chunk = rollups[start..<min(rollups.count, start + 500)]
            let keys = chunk.map { SQLQueryString("(target = \(bind: $0.target) AND hour_start = \(flavor.timestamp($0.hourStart)))") }
            let rows = try await database.raw("""
                SELECT \(unsafeRaw: Self.columns.joined(separator: ", ")) FROM smokegate_rollups
                WHERE \(keys.joined(separator: " OR "))\(lock)
                """).all()
            for row in rows {
                let rollup = try Self.decode(row, flavor: flavor)
                stored[RollupKey(target: rollup.target, hourStart: rollup.hourStart)] = rollup
            }
        }
        return rollups.map { rollup in
            guard var total = stored[RollupKey(target: rollup.target, hourStart: rollup.hourStart)] else { return rollup }
            total.accumulate(rollup)
            return total
        }
    }

    static func decode(_ row: any SQLRow, flavor: SQLFlavor) throws -> HourlyRollupRecord {
        HourlyRollupRecord(
            target: try row.decode(column: "target", as: String.self),
            hourStart: try flavor.date(row, "hour_start"),
            observedSeconds: try row.decode(column: "observed_seconds", as: Double.self),
            probes: try row.decode(column: "probes", as: Int.self),
            failed: try row.decode(column: "failed", as: Int.self),
            downtimeSeconds: try row.decode(column: "downtime_seconds", as: Double.self),
            latency: try flavor.histogram(row, "latency_histogram")
        )
    }
}

private struct RollupKey: Hashable {
    var target: String
    /// Whole seconds: the hour start read back from the database compares equal to the one written.
    var hour: Int64

    init(target: String, hourStart: Date) {
        self.target = target
        self.hour = Int64(hourStart.timeIntervalSince1970.rounded())
    }
}
