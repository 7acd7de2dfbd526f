/// Version 1: the runbook's `deployment_logs` and `rollback_logs` (in PostgreSQL exactly as the runbook creates
/// them, and left alone when they already exist), and smokegate's own tables beside them.
extension HistoryMigration {
    static let initialSchema = HistoryMigration(
        version: 1,
        name: "initial schema",
        sqlite: InitialSchema.runbookSQLite + InitialSchema.smokegate(.sqlite),
        postgres: InitialSchema.runbookPostgres + InitialSchema.smokegate(.postgres)
    )
}

private enum InitialSchema {
    /// The runbook's DDL, verbatim.
    static let runbookPostgres = [
        """
        CREATE TABLE IF NOT EXISTS deployment_logs (
          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
          deployment_version TEXT NOT NULL,
          deployment_status TEXT NOT NULL CHECK (deployment_status IN ('success', 'rollback', 'failed')),
          started_at TIMESTAMPTZ NOT NULL,
          completed_at TIMESTAMPTZ,
          rollback_reason TEXT,
          downtime_minutes DECIMAL(10, 2) DEFAULT 0,
          downtime_detected_at TIMESTAMPTZ,
          created_at TIMESTAMPTZ DEFAULT NOW()
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS rollback_logs (
          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
          deployment_id UUID REFERENCES deployment_logs(id),
          rollback_trigger TEXT NOT NULL,
          rollback_type TEXT NOT NULL CHECK (rollback_type IN ('traffic', 'database', 'full')),
          triggered_at TIMESTAMPTZ NOT NULL,
          completed_at TIMESTAMPTZ,
          rollback_duration_minutes DECIMAL(10, 2),
          rollback_success BOOLEAN,
          rollback_reason TEXT,
          created_at TIMESTAMPTZ DEFAULT NOW()
        )
        """,
    ]

    /// The same tables in SQLite's types: ids are given by smokegate (SQLite has no gen_random_uuid()).
    static let runbookSQLite = [
        """
        CREATE TABLE IF NOT EXISTS deployment_logs (
          id TEXT PRIMARY KEY NOT NULL,
          deployment_version TEXT NOT NULL,
          deployment_status TEXT NOT NULL CHECK (deployment_status IN ('success', 'rollback', 'failed')),
          started_at TEXT NOT NULL,
          completed_at TEXT,
          rollback_reason TEXT,
          downtime_minutes REAL DEFAULT 0,
          downtime_detected_at TEXT,
          created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS rollback_logs (
          id TEXT PRIMARY KEY NOT NULL,
          deployment_id TEXT REFERENCES deployment_logs(id),
          rollback_trigger TEXT NOT NULL,
          rollback_type TEXT NOT NULL CHECK (rollback_type IN ('traffic', 'database', 'full')),
          triggered_at TEXT NOT NULL,
          completed_at TEXT,
          rollback_duration_minutes REAL,
          rollback_success INTEGER,
          rollback_reason TEXT,
          created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))
        )
        """,
    ]

    /// smokegate's tables, one text for both databases with the types substituted.
    static func smokegate(_ flavor: SQLFlavor) -> [String] {
        let (id, time, bool, real, bytes, bigint) = switch flavor {
        case .postgres: ("UUID", "TIMESTAMPTZ", "BOOLEAN", "DOUBLE PRECISION", "BYTEA", "BIGINT")
        case .sqlite: ("TEXT", "TEXT", "INTEGER", "REAL", "BLOB", "INTEGER")
        }
        let run = "run_id \(id) NOT NULL REFERENCES smokegate_runs(id) ON DELETE CASCADE"
        return [
            """
            CREATE TABLE smokegate_runs (
              id \(id) PRIMARY KEY NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('run', 'watch', 'serve')),
              started_at \(time) NOT NULL,
              finished_at \(time) NOT NULL,
              decision TEXT NOT NULL,
              exit_code INTEGER NOT NULL
            )
            """,
            "CREATE INDEX smokegate_runs_started_at ON smokegate_runs (started_at)",
            "CREATE TABLE smokegate_run_suites (\(run), position INTEGER NOT NULL, suite TEXT NOT NULL, PRIMARY KEY (run_id, position))",
            "CREATE INDEX smokegate_run_suites_suite ON smokegate_run_suites (suite)",
            """
            CREATE TABLE smokegate_run_environments (\(run), position INTEGER NOT NULL, environment TEXT NOT NULL,
              PRIMARY KEY (run_id, position))
            """,
            "CREATE INDEX smokegate_run_environments_environment ON smokegate_run_environments (environment)",
            "CREATE TABLE smokegate_run_labels (\(run), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key))",
            "CREATE INDEX smokegate_run_labels_key_value ON smokegate_run_labels (key, value)",
            """
            CREATE TABLE smokegate_results (
              \(run),
              position INTEGER NOT NULL,
              suite TEXT,
              check_name TEXT NOT NULL,
              environment TEXT NOT NULL,
              samples INTEGER NOT NULL,
              failed INTEGER NOT NULL,
              failures_by_reason TEXT NOT NULL,
              p50_ms \(real),
              p95_ms \(real),
              p99_ms \(real),
              latency_histogram \(bytes) NOT NULL,
              observed_seconds \(real),
              downtime_seconds \(real),
              PRIMARY KEY (run_id, position)
            )
            """,
            """
            CREATE TABLE smokegate_comparisons (
              \(run),
              position INTEGER NOT NULL,
              check_name TEXT NOT NULL,
              baseline_environment TEXT,
              candidate_environment TEXT,
              decision TEXT NOT NULL,
              reasons TEXT NOT NULL,
              p_value \(real),
              PRIMARY KEY (run_id, position)
            )
            """,
            """
            CREATE TABLE smokegate_windows (
              id \(id) PRIMARY KEY NOT NULL,
              run_id \(id) REFERENCES smokegate_runs(id) ON DELETE CASCADE,
              target TEXT NOT NULL,
              started_at \(time) NOT NULL,
              ended_at \(time),
              duration_seconds \(real) NOT NULL,
              failed_probes INTEGER NOT NULL,
              reasons TEXT NOT NULL
            )
            """,
            "CREATE INDEX smokegate_windows_started_at ON smokegate_windows (started_at)",
            "CREATE INDEX smokegate_windows_run_id ON smokegate_windows (run_id)",
            """
            CREATE TABLE smokegate_cutovers (
              id \(id) PRIMARY KEY NOT NULL,
              run_id \(id) REFERENCES smokegate_runs(id) ON DELETE CASCADE,
              target TEXT NOT NULL,
              from_version TEXT NOT NULL,
              to_version TEXT NOT NULL,
              started_at \(time) NOT NULL,
              completed_at \(time),
              mixed_seconds \(real) NOT NULL,
              flaps INTEGER NOT NULL,
              rolled_back \(bool) NOT NULL
            )
            """,
            "CREATE INDEX smokegate_cutovers_started_at ON smokegate_cutovers (started_at)",
            "CREATE INDEX smokegate_cutovers_run_id ON smokegate_cutovers (run_id)",
            """
            CREATE TABLE smokegate_rollups (
              target TEXT NOT NULL,
              hour_start \(time) NOT NULL,
              observed_seconds \(real) NOT NULL,
              probes \(bigint) NOT NULL,
              failed \(bigint) NOT NULL,
              downtime_seconds \(real) NOT NULL,
              latency_histogram \(bytes) NOT NULL,
              PRIMARY KEY (target, hour_start)
            )
            """,
            "CREATE INDEX smokegate_rollups_hour_start ON smokegate_rollups (hour_start)",
            """
            CREATE TABLE smokegate_incidents (
              id \(id) PRIMARY KEY NOT NULL,
              dedup_key TEXT NOT NULL,
              target TEXT NOT NULL,
              state TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
              opened_at \(time) NOT NULL,
              last_notified_at \(time),
              resolved_at \(time)
            )
            """,
            // At most one open incident per key, however many serve processes race to open it.
            "CREATE UNIQUE INDEX smokegate_incidents_open_key ON smokegate_incidents (dedup_key) WHERE state = 'open'",
            """
            CREATE TABLE smokegate_deployment_runs (
              deployment_id \(id) NOT NULL REFERENCES deployment_logs(id) ON DELETE CASCADE,
              \(run),
              PRIMARY KEY (deployment_id, run_id)
            )
            """,
            "CREATE INDEX smokegate_deployment_runs_run_id ON smokegate_deployment_runs (run_id)",
            """
            CREATE TABLE smokegate_rollback_runs (
              rollback_id \(id) NOT NULL REFERENCES rollback_logs(id) ON DELETE CASCADE,
              \(run),
              PRIMARY KEY (rollback_id, run_id)
            )
            """,
            "CREATE INDEX smokegate_rollback_runs_run_id ON smokegate_rollback_runs (run_id)",
        ]
    }
}
