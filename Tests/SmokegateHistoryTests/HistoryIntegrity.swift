import Foundation
@testable import SmokegateHistory
import SmokegateHistoryFixtures
import Testing

/// What every history database must satisfy after any mix of writers, crashes and outages.
enum HistoryIntegrity {
    /// Problems found: SQLite's own checks, and every run compared with the synthetic run its id regenerates, so
    /// a run missing any of its rows (results, labels, windows…) shows up. Empty when sound.
    static func problems(in store: HistoryStore) async throws -> [String] {
        var problems = try await store.integrityProblems()
        for run in try await store.exportRecords() {
            let expected = SyntheticHistory.normalized(SyntheticHistory.run(id: run.id))
            if run != expected {
                problems.append("run \(run.id) differs from what was written: \(run.results.count) of \(expected.results.count) results, \(run.windows.count) of \(expected.windows.count) windows, \(run.labels.count) of \(expected.labels.count) labels")
            }
        }
        let orphans = try await store.count("smokegate_results", where: "run_id NOT IN (SELECT id FROM smokegate_runs)")
        if orphans > 0 { problems.append("\(orphans) results without their run") }
        return problems
    }
}
