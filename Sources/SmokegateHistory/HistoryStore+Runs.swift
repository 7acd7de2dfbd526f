import Foundation
import SQLKit

extension HistoryStore {
    /// Runs matching `filter`, newest first.
    public func runs(_ filter: RunFilter = RunFilter()) async throws -> [RunSummary] {
        try await reading("list runs") { database, flavor in
            try await RunReader(database: database, flavor: flavor).summaries(filter)
        }
    }

    /// One run with all its detail, deployment and rollback as written; nil when unknown (or removed by retention).
    public func run(id: UUID) async throws -> RunRecord? {
        try await reading("read run \(id)") { database, flavor in
            let reader = RunReader(database: database, flavor: flavor)
            guard let summary = try await reader.summaries(RunFilter(), ids: [id]).first else { return nil }
            return try await reader.records(for: [summary]).first
        }
    }

    /// Full records of the runs matching `filter`, newest first: what `history export` writes.
    public func exportRecords(_ filter: RunFilter = RunFilter()) async throws -> [RunRecord] {
        try await reading("export runs") { database, flavor in
            let reader = RunReader(database: database, flavor: flavor)
            return try await reader.records(for: reader.summaries(filter))
        }
    }

    /// The runs matching `filter` in `format`: see ``HistoryExport``.
    public func export(_ filter: RunFilter = RunFilter(), format: HistoryExport.Format) async throws -> Data {
        let records = try await exportRecords(filter)
        return switch format {
        case .csv: Data(HistoryExport.csv(records).utf8)
        case .json: try HistoryExport.json(records)
        }
    }
}
