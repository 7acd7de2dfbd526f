import Foundation

/// `history export`: runs as CSV (one line per check × environment) or JSON (the full records).
public enum HistoryExport {
    /// The export formats.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case csv, json
    }

    /// The CSV header, in column order.
    public static let csvColumns = [
        "run_id", "kind", "started_at", "finished_at", "decision", "exit_code", "suites", "environments", "labels",
        "suite", "check", "environment", "samples", "failed", "failures_by_reason", "p50_ms", "p95_ms", "p99_ms",
        "observed_seconds", "downtime_seconds",
    ]

    /// RFC 4180 CSV with a header line: one line per result, a run without results on one line with the result
    /// columns empty. Lists are joined with `;`, maps as `key=value;…` in key order, moments as ISO-8601 UTC.
    public static func csv(_ runs: [RunRecord]) -> String {
        var lines = [csvColumns.joined(separator: ",")]
        for run in runs {
            let runFields = [
                run.id.uuidString.lowercased(), run.kind.rawValue, HistoryTimestamp.format(run.startedAt),
                HistoryTimestamp.format(run.finishedAt), run.decision, String(run.exitCode),
                run.suites.joined(separator: ";"), run.environments.joined(separator: ";"), pairs(run.labels),
            ]
            let resultFields: [[String]] = run.results.isEmpty
                ? [Array(repeating: "", count: csvColumns.count - runFields.count)]
                : run.results.map { result in
                    [
                        result.suite ?? "", result.check, result.environment, String(result.samples), String(result.failed),
                        pairs(result.failuresByReason.mapValues(String.init)), number(result.p50Ms), number(result.p95Ms),
                        number(result.p99Ms), number(result.observedSeconds), number(result.downtimeSeconds),
                    ]
                }
            for fields in resultFields {
                lines.append((runFields + fields).map(quoted).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A JSON array of ``RunRecord``s (moments as ISO-8601 UTC with microseconds, histograms as base64), sorted keys.
    public static func json(_ runs: [RunRecord]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(HistoryTimestamp.format(date))
        }
        return try encoder.encode(runs)
    }

    /// A decoder for ``json(_:)``'s output.
    public static func decodeJSON(_ data: Data) throws -> [RunRecord] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = HistoryTimestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not an ISO-8601 UTC moment")
            }
            return date
        }
        return try decoder.decode([RunRecord].self, from: data)
    }

    private static func pairs(_ map: [String: String]) -> String {
        map.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    private static func number(_ value: Double?) -> String {
        value.map { String($0) } ?? ""
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
