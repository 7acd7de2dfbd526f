import Foundation

/// The `history` command's periods (`--since 7d`, `--window 30d`, `--retention 30d`) and objectives (`99.9%`).
public enum HistorySpan {
    /// `N` followed by `m` (minutes), `h` (hours), `d` (days) or `w` (weeks), e.g. `7d`, `36h`; whole numbers.
    public static func parse(_ text: String, option: String) throws -> Duration {
        let units: [Character: Int64] = ["m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let seconds = units[unit], let count = Int64(text.dropLast()), count > 0, count <= 100_000 else {
            throw RecordingError.span("\(option) takes a period such as 30m, 12h, 7d or 4w, got '\(text)'")
        }
        return .seconds(count * seconds)
    }

    /// The moment `period` before `now`.
    public static func start(of period: Duration, before now: Date = Date()) -> Date {
        now.addingTimeInterval(-Double(period.components.seconds))
    }

    /// `99.9%` or `0.999` as a fraction strictly between 0 and 1.
    public static func objective(_ text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value: Double? = trimmed.hasSuffix("%") ? Double(trimmed.dropLast()).map { $0 / 100 } : Double(trimmed)
        guard let value, value > 0, value < 1 else {
            throw RecordingError.objective("--objective takes a percentage under 100 such as 99.9%, got '\(text)'")
        }
        return value
    }
}
