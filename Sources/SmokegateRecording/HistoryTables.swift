import Foundation
import SmokegateHistory

/// The `history` command's output: aligned tables for people and JSON (snake_case keys, ISO-8601 UTC moments) for
/// scripts. It formats what the store's queries returned; it computes nothing of its own.
public enum HistoryTables {
    /// `history runs`: one line per run, newest first.
    public static func runs(_ runs: [RunSummary]) -> String {
        guard !runs.isEmpty else { return "no runs recorded\n" }
        let rows = runs.map { run in
            [
                run.id.uuidString.lowercased().prefix(8).description, run.kind.rawValue, moment(run.startedAt),
                seconds(run.finishedAt.timeIntervalSince(run.startedAt)), run.decision, String(run.exitCode),
                run.suites.joined(separator: ","), run.environments.joined(separator: ","), "\(run.failed)/\(run.samples)",
                run.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
            ]
        }
        return table(["RUN", "KIND", "STARTED (UTC)", "TOOK", "DECISION", "EXIT", "SUITES", "ENVIRONMENTS", "FAILED", "LABELS"], rows)
    }

    /// `history deployments`: each deployment, then the runbook's three numbers with the success rate's band.
    public static func deployments(_ report: DeploymentReport) -> String {
        guard !report.deployments.isEmpty else { return "no deployments since \(moment(report.since))\n" }
        let rows = report.deployments.map { deployment in
            let record = deployment.record
            return [
                record.id.uuidString.lowercased(), record.version, record.status.rawValue, moment(record.startedAt),
                minutes(record.downtimeMinutes), record.downtimeDetectedAt.map(moment) ?? "-", String(deployment.rollbacks),
            ]
        }
        var text = table(["DEPLOYMENT", "VERSION", "STATUS", "STARTED (UTC)", "DOWNTIME", "DOWNTIME SEEN", "ROLLBACKS"], rows)
        text += "\n"
        let rate = report.successRate.map { percent($0) } ?? "-"
        text += "success rate  \(rate) (\(report.band?.rawValue ?? "-")): \(report.succeeded) succeeded, \(report.rolledBack) rolled back, \(report.failed) failed; green ≥ 99 %, red < 95 %\n"
        text += "downtime      \(minutes(report.totalDowntimeMinutes)) in all\n"
        let target = minutes(DeploymentReport.rollbackTargetMinutes)
        text += "rollbacks     \(report.rollbacks.count); time to rollback mean \(report.meanTimeToRollbackMinutes.map(minutes) ?? "-"), worst \(report.worstTimeToRollbackMinutes.map(minutes) ?? "-") (target < \(target))\n"
        return text
    }

    /// `history slo`: availability, error budget left and burn rate per target.
    public static func slo(_ report: SLOReport) -> String {
        guard !report.targets.isEmpty else { return "no watch or serve data since \(moment(report.since))\n" }
        let rows = report.targets.map { target in
            [
                target.target, seconds(target.observedSeconds), seconds(target.downtimeSeconds),
                target.availability.map { percent($0, digits: 3) } ?? "-",
                seconds(max(0, target.errorBudgetRemainingSeconds)) + " of " + seconds(target.errorBudgetSeconds),
                target.errorBudgetRemaining.map { percent($0) } ?? "-",
                target.burnRate.map { String(format: "%.2f", $0) } ?? "-",
            ]
        }
        return "objective \(percent(report.objective, digits: 3)) from \(moment(report.since)) to \(moment(report.until))\n\n"
            + table(["TARGET", "OBSERVED", "DOWN", "AVAILABILITY", "BUDGET LEFT", "LEFT %", "BURN RATE"], rows)
    }

    /// `history prune`: what retention deleted.
    public static func retention(_ report: RetentionReport) -> String {
        "deleted \(report.total) rows: \(report.runs) runs, \(report.results) results, \(report.comparisons) comparisons, "
            + "\(report.windows) windows, \(report.cutovers) cutovers, \(report.rollups) hourly rollups, \(report.incidents) incidents\n"
    }

    /// Any of the reports as JSON.
    public static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)))
        }
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    static func moment(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
    }

    static func minutes(_ value: Double) -> String { String(format: "%.2f min", value) }

    static func seconds(_ value: Double) -> String {
        value < 120 ? String(format: "%.1fs", value) : value < 7_200 ? String(format: "%.1fm", value / 60) : String(format: "%.1fh", value / 3_600)
    }

    static func percent(_ fraction: Double, digits: Int = 1) -> String {
        String(format: "%.\(digits)f %%", fraction * 100)
    }
}
