import Foundation

/// Durations as people write them in configs and on the command line: `250ms`, `5s`, `1m30s`, `1.5s`.
public enum DurationText {
    /// The units a duration may carry, longest first so `ms` wins over `m`.
    private static let units: [(suffix: String, nanoseconds: Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9), ("d", 86_400e9),
    ]

    /// Parses `text`, or returns a message saying what is wrong with it.
    public static func parse(_ text: String) -> Result<Duration, DurationTextError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .failure(DurationTextError(message: "empty duration")) }
        var rest = Substring(trimmed)
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else {
                return .failure(DurationTextError(message: "invalid duration '\(text)': expected a number followed by a unit (ns, us, ms, s, m, h, d), e.g. 250ms"))
            }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { $0.isLetter || $0 == "µ" }
            guard !unitText.isEmpty else {
                return .failure(DurationTextError(message: "duration '\(text)' needs a unit (ns, us, ms, s, m, h, d), e.g. \(number)s or \(number)ms"))
            }
            guard let unit = units.first(where: { $0.suffix == unitText }) else {
                return .failure(DurationTextError(message: "unknown unit '\(unitText)' in duration '\(text)': use ns, us, ms, s, m, h or d"))
            }
            total += value * unit.nanoseconds
            rest = rest.dropFirst(unitText.count)
        }
        guard total.isFinite, total < 1e18 else { return .failure(DurationTextError(message: "duration '\(text)' is too long")) }
        return .success(.nanoseconds(Int64(total.rounded())))
    }

    /// A short human form: `850µs`, `12.3ms`, `1.50s`, `2m05s`.
    public static func format(_ duration: Duration) -> String {
        format(microseconds: Double(duration.microseconds))
    }

    /// `250.0` → `250`, `2.50` → `2.50`: whole numbers read as written in configs, fractions keep their precision.
    private static func trimmed(_ text: String) -> String {
        let whole = text.prefix { $0 != "." }
        return text.dropFirst(whole.count).allSatisfy { $0 == "." || $0 == "0" } ? String(whole) : text
    }

    /// A short human form of a number of microseconds; `fixed` keeps three significant digits (`12.0ms`) so a
    /// table's column reads evenly, otherwise whole numbers drop their zeros (`100ms`) as a config writes them.
    public static func format(microseconds us: Double, fixed: Bool = false) -> String {
        if us < 0 { return "-" + format(microseconds: -us, fixed: fixed) }
        func trim(_ text: String) -> String { fixed ? text : trimmed(text) }
        if us < 1000 { return "\(Int(us.rounded()))µs" }
        if us < 10_000 { return trim(String(format: "%.2f", us / 1000)) + "ms" }
        if us < 1_000_000 { return trim(String(format: "%.1f", us / 1000)) + "ms" }
        if us < 60_000_000 { return trim(String(format: "%.2f", us / 1_000_000)) + "s" }
        let seconds = Int((us / 1_000_000).rounded())
        return String(format: "%dm%02ds", seconds / 60, seconds % 60)
    }
}

/// Why a duration could not be read.
public struct DurationTextError: Error, Sendable, Hashable {
    public var message: String
}

extension Duration {
    /// Whole microseconds, rounded toward zero.
    public var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// Seconds as a floating-point number.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Milliseconds to the whole microsecond, as reports print them.
    public var milliseconds: Double { Double(microseconds) / 1000 }
}
