import Foundation

/// How pages write times, spans and fractions: UTC clock times (a server page cannot know the reader's zone without
/// a script), spans in the two largest units, availability truncated so 99.999 % never reads as 100 %.
enum PageFormat {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// `2026-12-06 09:26:30 UTC`.
    static func dateTime(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) UTC"
    }

    /// `09:26:30` on the day of `now` (UTC), `12-05 09:26` on another day, `2025-12-05` in another year.
    static func clock(_ date: Date, now: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let today = utc.dateComponents([.year, .month, .day], from: now)
        if parts.year != today.year { return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day))" }
        if parts.month != today.month || parts.day != today.day {
            return "\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
        }
        return "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    /// Keeps a number with its unit, and the two parts of a span, on one line.
    static let noBreak = "\u{00A0}"

    /// `45s`, `3m 12s`, `2h 05m`, `3d 4h` (the space a no-break space); under a second `0s`.
    static func span(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        let total = Int(max(0, seconds).rounded(.down))
        let days = total / 86_400, hours = total % 86_400 / 3600, minutes = total % 3600 / 60, rest = total % 60
        if days > 0 { return "\(days)d\(noBreak)\(hours)h" }
        if hours > 0 { return "\(hours)h\(noBreak)\(two(minutes))m" }
        if minutes > 0 { return "\(minutes)m\(noBreak)\(two(rest))s" }
        return "\(rest)s"
    }

    /// `99.95%`, `100%`, `–` when nothing was observed: two decimals, cut (not rounded) so only a span without any
    /// downtime reads 100 %.
    static func availability(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        if fraction >= 1 { return "100%" }
        let hundredths = Int((max(0, fraction) * 10_000).rounded(.down))
        return "\(hundredths / 100).\(two(hundredths % 100))%"
    }

    /// `1 000`: thousands apart by a thin space, as the counts at a page's top.
    static func count(_ value: Int) -> String {
        let digits = String(value)
        guard digits.count > 3 else { return digits }
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "\u{202F}" }
            grouped.append(digit)
        }
        return grouped
    }

    private static func two(_ value: Int?) -> String {
        let value = value ?? 0
        return value < 10 ? "0\(value)" : "\(value)"
    }
}
