/// Writes the Prometheus text exposition format (0.0.4) into one byte buffer: HELP and TYPE once per family, label
/// values escaped as the format requires, numbers as Go's `strconv` would read them.
///
/// Built for `/metrics` of a thousand targets (some 80 000 samples a scrape): label sets are escaped once into bytes
/// and copied whole into every sample of their series, so a sample costs a few `memcpy`s and its digits.
struct PrometheusText {
    /// A series' label set, escaped and spelled once: `{a="x",b="y"` without the closing brace (so a sample can add
    /// one more label), or nothing for a series without labels.
    struct Labels: Sendable {
        fileprivate var open: [UInt8]

        /// No labels.
        static let none = Labels(open: [])

        fileprivate init(open: [UInt8]) {
            self.open = open
        }

        /// The same labels and `name="value"`.
        func adding(_ name: String, _ value: String) -> Labels {
            var open = self.open
            open.append(self.open.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            open.append(contentsOf: Self.pair(name, value))
            return Labels(open: open)
        }

        /// `name="value"`, the value escaped.
        static func pair(_ name: String, _ value: String) -> [UInt8] {
            Array("\(name)=\"\(PrometheusText.escape(value))\"".utf8)
        }
    }

    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// `# HELP name text` and `# TYPE name type`.
    mutating func family(_ name: String, _ type: PrometheusMetricType, help: String) {
        append("# HELP ")
        append(name)
        append(" ")
        append(help)
        append("\n# TYPE ")
        append(name)
        append(" ")
        append(type.rawValue)
        append("\n")
    }

    /// A label set, ready to be reused for every sample of a series.
    static func labels(_ pairs: [(String, String)]) -> Labels {
        pairs.reduce(Labels.none) { $0.adding($1.0, $1.1) }
    }

    /// One sample: `name{labels} value`, with an extra label (`result`, `reason`…) appended inside the braces.
    mutating func sample(_ name: String, _ labels: Labels, extra: (String, String)? = nil, _ value: Double) {
        append(name)
        writeLabels(labels, extra: extra.map { Labels.pair($0.0, $0.1) })
        writeValue(value)
    }

    mutating func sample(_ name: String, _ labels: Labels, extra: (String, String)? = nil, _ value: UInt64) {
        sample(name, labels, extra: extra, Double(value))
    }

    /// The hot path of histograms: a name and an extra label (`le="0.005"`) already spelled in bytes.
    mutating func sample(_ name: [UInt8], _ labels: Labels, extra: [UInt8]?, _ value: UInt64) {
        bytes.append(contentsOf: name)
        writeLabels(labels, extra: extra)
        writeValue(Double(value))
    }

    mutating func sample(_ name: [UInt8], _ labels: Labels, _ value: Double) {
        bytes.append(contentsOf: name)
        writeLabels(labels, extra: nil)
        writeValue(value)
    }

    private mutating func writeLabels(_ labels: Labels, extra: [UInt8]?) {
        bytes.append(contentsOf: labels.open)
        if let extra {
            bytes.append(labels.open.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            bytes.append(contentsOf: extra)
        }
        if !labels.open.isEmpty || extra != nil { bytes.append(UInt8(ascii: "}")) }
    }

    private mutating func writeValue(_ value: Double) {
        bytes.append(UInt8(ascii: " "))
        if Self.isWhole(value) {
            appendInteger(Int64(value))
        } else {
            append(Self.number(value))
        }
        bytes.append(UInt8(ascii: "\n"))
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

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Backslash, double quote and line feed escaped, as the format requires inside label values.
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else { return value }
        // Bytes, not characters: "\r\n" or a quote followed by a combining accent is one Character, equal to none
        // of the three, and would go out raw (a version a server answers with could break the whole scrape).
        var escaped: [UInt8] = []
        escaped.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\""): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\n"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
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
