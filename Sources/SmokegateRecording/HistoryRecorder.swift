import Foundation
import SmokegateHistory
import SmokegateModel
import SmokegateStats
import SmokegateVerdict

/// Writes a finished run or watch into the history (`--history`), after its reports: nothing it does can change
/// the verdict or the exit code. A database that is down, locked, full or refuses the write costs one warning line
/// and at most the store's timeouts.
public struct HistoryRecorder: Sendable {
    public var location: HistoryLocation
    public var request: RecordingRequest
    public var options: HistoryStoreOptions
    /// Hears the one warning line, already masked.
    public var warn: @Sendable (String) -> Void

    /// A CI run waits for a database at most this long per operation (beyond the connect timeout).
    public static let runOptions = HistoryStoreOptions(busyTimeout: .seconds(10), operationTimeout: .seconds(10), maximumConnections: 1)

    public init(location: HistoryLocation, request: RecordingRequest, options: HistoryStoreOptions = HistoryRecorder.runOptions,
                warn: @escaping @Sendable (String) -> Void) {
        self.location = location
        self.request = request
        self.options = options
        self.warn = warn
    }

    /// Records `report`; returns the record written, nil when nothing was (a warning said why). A report of a
    /// configuration error (nothing probed) is not recorded.
    @discardableResult
    public func record(_ report: RunReport, redactor: Redactor, histograms: [TargetKey: LatencyHistogram] = [:]) async -> RunRecord? {
        guard report.decision != .error else { return nil }
        let builder = RunRecordBuilder(request: request, redactor: redactor, histograms: histograms)
        let store: HistoryStore
        do {
            store = try await HistoryStore.open(location, options: options)
        } catch {
            warn(Self.warning("could not open the history database", error: error, redactor: redactor))
            return nil
        }
        do {
            var rolledBack: DeploymentRecord?
            if let rollback = request.rollback {
                rolledBack = try await store.deployment(id: rollback.deploymentID)
                if rolledBack == nil {
                    warn("smokegate: deployment \(rollback.deploymentID.uuidString.lowercased()) is not in the history at \(location): the run is recorded without its rollback row; the verdict stands")
                }
            }
            let record = builder.record(report, rolledBack: rolledBack)
            if request.deployment != nil, record.deployment == nil {
                warn("smokegate: a \(report.decision.rawValue) decision says nothing about deployment \(request.deployment?.id.uuidString.lowercased() ?? ""): no deployment_logs row written")
            }
            try await store.record(record)
            await store.close()
            return record
        } catch {
            await store.close()
            warn(Self.warning("could not record the run in the history", error: error, redactor: redactor))
            return nil
        }
    }

    /// One line: what failed, the store's reason, and that the verdict stands.
    static func warning(_ what: String, error: any Error, redactor: Redactor) -> String {
        let detail = redactor.redact(String(describing: error)).split(whereSeparator: \.isNewline).joined(separator: " ")
        return "smokegate: \(what): \(detail); the verdict stands"
    }
}
