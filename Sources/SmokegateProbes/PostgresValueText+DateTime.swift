import NIOCore

extension PostgresValueText {
    /// Days between the Julian day count's origin and PostgreSQL's epoch, 2000-01-01.
    private static let postgresEpochJulianDay = 2_451_545
    private static let microsecondsPerDay: Int64 = 86_400_000_000

    /// `date`, `time`, `timetz`, `timestamp`, `timestamptz` and `interval` as an ISO-DateStyle, UTC session shows them.
    static func dateTimeText(_ buffer: inout ByteBuffer, oid: UInt32) -> String? {
        switch oid {
        case 1082:
            guard let days = buffer.readInteger(as: Int32.self) else { return nil }
            if days == .max { return "infinity" }
            if days == .min { return "-infinity" }
            let (date, isBC) = dateText(julianDay: Int(days) + postgresEpochJulianDay)
            return date + (isBC ? " BC" : "")
        case 1083:
            return buffer.readInteger(as: Int64.self).map { timeText($0) }
        case 1266:
            guard let (time, zone) = buffer.readMultipleIntegers(as: (Int64, Int32).self) else { return nil }
            // The zone is stored in seconds west of Greenwich; the text shows the offset east.
            return timeText(time) + offsetText(-Int(zone))
        case 1114, 1184:
            guard let microseconds = buffer.readInteger(as: Int64.self) else { return nil }
            if microseconds == .max { return "infinity" }
            if microseconds == .min { return "-infinity" }
            return timestampText(microseconds, withZone: oid == 1184)
        case 1186:
            guard let (time, days, months) = buffer.readMultipleIntegers(as: (Int64, Int32, Int32).self) else {
                return nil
            }
            return intervalText(time: time, days: Int(days), months: Int(months))
        default:
            return nil
        }
    }

    private static func timestampText(_ microseconds: Int64, withZone: Bool) -> String {
        var days = microseconds / microsecondsPerDay
        var time = microseconds % microsecondsPerDay
        if time < 0 {
            time += microsecondsPerDay
            days -= 1
        }
        let (date, isBC) = dateText(julianDay: Int(days) + postgresEpochJulianDay)
        return date + " " + timeText(time) + (withZone ? "+00" : "") + (isBC ? " BC" : "")
    }

    /// `YYYY-MM-DD` from a Julian day, using the server's own `j2date`; years before 1 are shown as BC.
    private static func dateText(julianDay: Int) -> (String, isBC: Bool) {
        var julian = julianDay + 32044
        var quad = julian / 146_097
        let extra = (julian - quad * 146_097) * 4 + 3
        julian += 60 + quad * 3 + extra / 146_097
        quad = julian / 1461
        julian -= quad * 1461
        var year = julian * 4 / 1461
        julian = (year != 0 ? (julian + 305) % 365 : (julian + 306) % 366) + 123
        year += quad * 4
        year -= 4800
        quad = julian * 2141 / 65536
        let day = julian - 7834 * quad / 256
        let month = (quad + 10) % 12 + 1
        let isBC = year <= 0
        let shownYear = isBC ? -(year - 1) : year
        return (padded(shownYear, 4) + "-" + padded(month, 2) + "-" + padded(day, 2), isBC)
    }

    /// `HH:MM:SS` plus the fraction without trailing zeros; hours may pass 24 for intervals.
    private static func timeText(_ microseconds: Int64) -> String {
        let hours = microseconds / 3_600_000_000
        let minutes = microseconds / 60_000_000 % 60
        let seconds = microseconds / 1_000_000 % 60
        return padded(Int(hours), 2) + ":" + padded(Int(minutes), 2) + ":" + padded(Int(seconds), 2)
            + fractionText(Int(microseconds % 1_000_000))
    }

    private static func fractionText(_ microseconds: Int) -> String {
        guard microseconds != 0 else { return "" }
        var digits = padded(microseconds, 6)
        while digits.hasSuffix("0") { digits.removeLast() }
        return "." + digits
    }

    /// `+HH`, `+HH:MM` or `+HH:MM:SS`, as short as the offset allows.
    private static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        var text = sign + padded(magnitude / 3600, 2)
        if magnitude % 3600 != 0 { text += ":" + padded(magnitude / 60 % 60, 2) }
        if magnitude % 60 != 0 { text += ":" + padded(magnitude % 60, 2) }
        return text
    }

    /// `interval` in the `postgres` IntervalStyle: `1 year 2 mons -3 days +04:05:06.5`.
    private static func intervalText(time: Int64, days: Int, months: Int) -> String {
        var text = ""
        var previousNegative = false
        for (value, unit) in [(months / 12, "year"), (months % 12, "mon"), (days, "day")] where value != 0 {
            // A positive field after a negative one gets an explicit "+", as the server writes it.
            let sign = previousNegative && value > 0 ? "+" : ""
            text += (text.isEmpty ? "" : " ") + sign + String(value) + " " + unit + (value == 1 ? "" : "s")
            previousNegative = value < 0
        }
        if text.isEmpty || time != 0 {
            let sign = time < 0 ? "-" : (previousNegative ? "+" : "")
            text += (text.isEmpty ? "" : " ") + sign + timeText(Int64(clamping: time.magnitude))
        }
        return text
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
