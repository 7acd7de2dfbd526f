import Foundation
import SmokegateStats
import SQLKit

extension HistoryStore {
    /// Availability, error budget and burn rate per target over `since ..< until` (see ``SLOReport``).
    ///
    /// - Parameter objective: a fraction strictly between 0 and 1 (99.9 % is 0.999).
    public func sloReport(objective: Double, since: Date, until: Date = Date()) async throws -> SLOReport {
        guard objective > 0, objective < 1 else {
            throw HistoryError(reason: .invalidRecord, message: "an SLO objective must lie strictly between 0 % and 100 %, not \(objective * 100) %")
        }
        let totals = try await reading("compute the SLO report") { database, flavor in
            var totals: [String: SLOTotals] = [:]
            let rollups = try await database.raw("""
                -- PostgreSQL sums BIGINT into NUMERIC: cast back.
                SELECT target, sum(observed_seconds) AS observed, sum(downtime_seconds) AS downtime,
                  CAST(sum(probes) AS BIGINT) AS probes, CAST(sum(failed) AS BIGINT) AS failed
                FROM smokegate_rollups
                WHERE hour_start >= \(flavor.timestamp(since)) AND hour_start < \(flavor.timestamp(until))
                GROUP BY target
                """).all()
            for row in rollups {
                totals[try row.decode(column: "target", as: String.self), default: SLOTotals()].add(try SLOTotals(row))
            }
            let watches = try await database.raw("""
                SELECT x.check_name, x.environment, sum(x.observed_seconds) AS observed,
                  sum(coalesce(x.downtime_seconds, 0)) AS downtime, sum(x.samples) AS probes, sum(x.failed) AS failed
                FROM smokegate_results x JOIN smokegate_runs r ON r.id = x.run_id
                WHERE r.kind = 'watch' AND x.observed_seconds IS NOT NULL
                  AND r.started_at >= \(flavor.timestamp(since)) AND r.started_at < \(flavor.timestamp(until))
                GROUP BY x.check_name, x.environment
                """).all()
            for row in watches {
                let target = HistoryTarget.key(
                    check: try row.decode(column: "check_name", as: String.self),
                    environment: try row.decode(column: "environment", as: String.self)
                )
                totals[target, default: SLOTotals()].add(try SLOTotals(row))
            }
            return totals
        }
        return SLOReport(
            objective: objective,
            since: since,
            until: until,
            targets: totals.sorted { $0.key < $1.key }.map { target, total in
                SLOReport.Target(
                    target: target, observedSeconds: total.observed, downtimeSeconds: total.downtime,
                    probes: total.probes, failedProbes: total.failed, objective: objective
                )
            }
        )
    }

    /// A target's latencies over `since ..< until`, merged from its hourly rollups and its watch results: the
    /// month's percentiles come from this, never from averaged percentiles.
    public func mergedLatency(target: String, since: Date, until: Date = Date()) async throws -> LatencyHistogram {
        try await reading("merge the latencies of \(target)") { database, flavor in
            var merged = LatencyHistogram()
            let rollups = try await database.raw("""
                SELECT latency_histogram FROM smokegate_rollups
                WHERE target = \(bind: target) AND hour_start >= \(flavor.timestamp(since)) AND hour_start < \(flavor.timestamp(until))
                """).all()
            let watches = try await database.raw("""
                SELECT x.latency_histogram, x.check_name, x.environment
                FROM smokegate_results x JOIN smokegate_runs r ON r.id = x.run_id
                WHERE r.kind = 'watch' AND r.started_at >= \(flavor.timestamp(since)) AND r.started_at < \(flavor.timestamp(until))
                  AND x.check_name || '@' || x.environment = \(bind: target)
                """).all()
            for row in rollups + watches {
                merged.merge(try flavor.histogram(row, "latency_histogram"))
            }
            return merged
        }
    }
}

private struct SLOTotals {
    var observed = 0.0
    var downtime = 0.0
    var probes = 0
    var failed = 0

    init() {}

    init(_ row: any SQLRow) throws {
        observed = try row.decode(column: "observed", as: Double?.self) ?? 0
        downtime = try row.decode(column: "downtime", as: Double?.self) ?? 0
        probes = try row.decode(column: "probes", as: Int?.self) ?? 0
        failed = try row.decode(column: "failed", as: Int?.self) ?? 0
    }

    mutating func add(_ other: SLOTotals) {
        observed += other.observed
        downtime += other.downtime
        probes += other.probes
        failed += other.failed
    }
}
