import NIOCore

/// The small texts TCP probe messages are made of: what arrived, how long a timeout was, who the peer is.
enum TCPText {
    /// `received 12 bytes: "SSH-2.0-…"` or `nothing received`, bounded and printable for one-line messages.
    ///
    /// Control characters are escaped so a binary reply cannot break a report line or a terminal.
    static func receivedSummary(_ bytes: [UInt8], limit: Int = 120) -> String {
        guard !bytes.isEmpty else { return "nothing received" }
        let noun = bytes.count == 1 ? "byte" : "bytes"
        return "received \(bytes.count) \(noun): \(quoted(bytes, limit: limit))"
    }

    /// The bytes as a quoted, escaped string of at most `limit` characters, with `…` when cut.
    static func quoted(_ bytes: [UInt8], limit: Int = 120) -> String {
        var text = ""
        var shown = 0
        var cut = false
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            guard shown < limit else {
                cut = true
                break
            }
            switch scalar {
            case "\r": text += "\\r"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                text += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                text.unicodeScalars.append(scalar)
            }
            shown += 1
        }
        return "\"" + text + (cut ? "…" : "") + "\""
    }

    /// `250ms`, `2s`, `1.5s`: the way the configuration writes durations.
    static func duration(_ duration: Duration) -> String {
        let milliseconds = Double(microseconds(duration)) / 1000
        if milliseconds < 1000 {
            return milliseconds == milliseconds.rounded() ? "\(Int(milliseconds))ms" : "\(milliseconds)ms"
        }
        let seconds = milliseconds / 1000
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }

    /// Whole microseconds, saturating rather than trapping on absurd durations.
    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled.addingReportingOverflow(attoseconds / 1_000_000_000_000).partialValue
    }

    /// The same duration as NIO's `TimeAmount`.
    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let micros = microseconds(duration)
        let (nanos, overflow) = micros.multipliedReportingOverflow(by: 1000)
        return .nanoseconds(overflow ? .max : nanos)
    }

    /// Microseconds between two instants, never negative.
    static func microseconds(from start: NIODeadline, to end: NIODeadline) -> Int64 {
        max(0, (end - start).nanoseconds / 1000)
    }

    /// `ip:port`, or `[ip]:port` for IPv6; nil when the address is not an IP one.
    static func peer(_ address: SocketAddress?) -> String? {
        guard let address, let ip = address.ipAddress, let port = address.port else { return nil }
        if case .v6 = address { return "[\(ip)]:\(port)" }
        return "\(ip):\(port)"
    }
}
