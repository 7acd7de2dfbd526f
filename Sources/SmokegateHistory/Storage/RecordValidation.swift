import Foundation

/// Checks done before a record reaches the database, so a broken record fails alone with a clear message
/// (``HistoryError/Reason/invalidRecord``) rather than as a constraint error or, worse, as wrong figures.
enum RecordValidation {
    static func check(_ run: RunRecord) throws {
        try require(run.finishedAt >= run.startedAt, "run \(run.id) finishes before it starts")
        try require(!run.decision.isEmpty, "run \(run.id) has no decision")
        try require(!run.labels.keys.contains(""), "run \(run.id) has a label with an empty key")
        for result in run.results {
            try require(
                result.samples >= 0 && result.failed >= 0 && result.failed <= result.samples,
                "run \(run.id): \(result.check) in \(result.environment) has \(result.failed) failures of \(result.samples) samples"
            )
        }
        try run.windows.forEach(check)
        if let deployment = run.deployment { try check(deployment) }
        if let rollback = run.rollback {
            try check(rollback)
        }
    }

    static func check(_ deployment: DeploymentRecord) throws {
        try require(!deployment.version.isEmpty, "deployment \(deployment.id) has no version")
        try require(deployment.downtimeMinutes >= 0 && deployment.downtimeMinutes < 1e8, "deployment \(deployment.id) has \(deployment.downtimeMinutes) minutes of downtime")
        if let completed = deployment.completedAt {
            try require(completed >= deployment.startedAt, "deployment \(deployment.id) completes before it starts")
        }
    }

    static func check(_ rollback: RollbackRecord) throws {
        try require(!rollback.trigger.isEmpty, "rollback \(rollback.id) names no trigger")
        if let completed = rollback.completedAt {
            try require(completed >= rollback.triggeredAt, "rollback \(rollback.id) completes before its trigger")
            try require(completed.timeIntervalSince(rollback.triggeredAt) < 6e9, "rollback \(rollback.id) lasts too long for DECIMAL(10, 2) minutes")
        }
    }

    static func check(_ window: DowntimeWindowRecord) throws {
        try require(window.durationSeconds >= 0 && window.failedProbes >= 0, "window \(window.id) of \(window.target) has negative figures")
        if let ended = window.endedAt {
            try require(ended >= window.startedAt, "window \(window.id) of \(window.target) ends before it starts")
        }
    }

    static func check(_ rollup: HourlyRollupRecord) throws {
        try require(
            rollup.hourStart == HourlyRollupRecord.hourStart(containing: rollup.hourStart),
            "the rollup of \(rollup.target) starts at \(rollup.hourStart), not on a whole UTC hour"
        )
        try require(
            rollup.probes >= 0 && rollup.failed >= 0 && rollup.failed <= rollup.probes && rollup.observedSeconds >= 0
                && rollup.downtimeSeconds >= 0 && rollup.downtimeSeconds <= rollup.observedSeconds + 1e-6,
            "the rollup of \(rollup.target) at \(rollup.hourStart) has inconsistent figures"
        )
    }

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition {
            throw HistoryError(reason: .invalidRecord, message: message())
        }
    }
}
