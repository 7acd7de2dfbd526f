import Foundation

/// The report's ISO-8601 UTC moments (`2026-03-01T12:00:00.123Z`, with or without fractional seconds) read back.
enum ReportTime {
    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)) {
            return date
        }
        return try? Date(text, strategy: .iso8601)
    }
}
