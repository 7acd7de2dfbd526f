/// Writes the Prometheus text exposition format (0.0.4) into one byte buffer: HELP and TYPE once per family, label
/// values escaped as the format requires, numbers as Go's `strconv` would read them.
struct PrometheusText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// `# HELP name text` and `# TYPE name type`.
    mutating func family(_ name: String, _ type: String, help: String) {
        append("# HELP ")
        append(name)
        append(" ")
        append(help)
        append("\n# TYPE ")
        append(name)
        append(" ")
        append(type)
        append("\n")
    }

    /// `{a="x",b="y"}`, escaped, ready to be reused for every sample of a series.
    static func labels(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "{" + pairs.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",") + "}"
    }

    /// One sample: `name{labels} value`, with an extra label (`le`, `result`…) appended inside the braces.
    mutating func sample(_ name: String, _ labels: String, extra: (String, String)? = nil, _ value: Double) {
        append(name)
        if let extra {
            // The series' labels without their closing brace: a scrape writes tens of thousands of these, so no
            // intermediate string.
            if labels.isEmpty { append("{") } else {
                bytes.append(contentsOf: labels.utf8.dropLast())
                append(",")
            }
            append(extra.0)
            append("=\"")
            append(Self.escape(extra.1))
            append("\"}")
        } else {
            append(labels)
        }
        append(" ")
        if Self.isWhole(value) {
            appendInteger(Int64(value))
        } else {
            append(Self.number(value))
        }
        append("\n")
    }

    /// Decimal digits straight into the buffer (most samples are counts).
    private mutating func appendInteger(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let first = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[first...].reverse()
    }

    mutating func sample(_ name: String, _ labels: String, extra: (String, String)? = nil, _ value: UInt64) {
        sample(name, labels, extra: extra, Double(value))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Backslash, double quote and line feed escaped, as the format requires inside label values.
    static func escape(_ value: String) -> String {
        // Bytes, not characters: this runs for every label of every sample, and the three are ASCII.
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else { return value }
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A value written as an integer: no fraction, and small enough that Int64 holds it exactly.
    static func isWhole(_ value: Double) -> Bool {
        value == value.rounded() && abs(value) < 1e15
    }

    /// Integers without a fraction, others in Swift's shortest round-tripping form; `+Inf`, `-Inf`, `NaN` as spelled.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if isWhole(value) { return String(Int64(value)) }
        return "\(value)"
    }
}
