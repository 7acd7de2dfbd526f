/// How a request carries a value captured from an earlier check (`{{token}}`) until the probe knows it.
///
/// A check is resolved once per environment when the suite loads, long before the value exists, so a reference to
/// a capture is left in the text as a marker: a private-use character, the name, another. The probe renders the
/// markers just before sending, encoding each value for where it stands (a URL, a JSON string). Configured text
/// cannot hold these characters by accident: they belong to Unicode's supplementary private use area.
public enum CaptureMarkers {
    static let open: Unicode.Scalar = "\u{F0001}"
    static let close: Unicode.Scalar = "\u{F0002}"

    /// A capture the text refers to had no value.
    public struct Missing: Error, Sendable, Hashable {
        public var name: String
    }

    /// The marker standing for capture `name`.
    public static func marker(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(open)
        scalars.append(contentsOf: name.unicodeScalars)
        scalars.append(close)
        return String(scalars)
    }

    /// Whether `text` refers to any capture.
    public static func contains(_ text: String) -> Bool {
        text.unicodeScalars.contains(open)
    }

    /// The captures `text` refers to, in order of appearance.
    public static func names(in text: String) -> [String] {
        var names: [String] = []
        _ = substitute(text) { name in
            names.append(name)
            return ""
        }
        return names
    }

    /// `text` with every marker replaced by its value, passed through `encode` (the text around is left as it is).
    public static func render(_ text: String, values: [String: String], encode: (String) -> String = { $0 }) -> Result<String, Missing> {
        guard contains(text) else { return .success(text) }
        var missing: String?
        let rendered = substitute(text) { name in
            guard let value = values[name] else {
                missing = missing ?? name
                return ""
            }
            return encode(value)
        }
        if let missing { return .failure(Missing(name: missing)) }
        return .success(rendered)
    }

    /// `text` as a person wrote it: every marker shown as `{{name}}`, for targets and messages.
    public static func display(_ text: String) -> String {
        guard contains(text) else { return text }
        return substitute(text) { "{{\($0)}}" }
    }

    private static func substitute(_ text: String, _ replacement: (String) -> String) -> String {
        var output = String.UnicodeScalarView()
        var name: String.UnicodeScalarView?
        for scalar in text.unicodeScalars {
            if scalar == open {
                name = String.UnicodeScalarView()
            } else if scalar == close, let current = name {
                output.append(contentsOf: replacement(String(current)).unicodeScalars)
                name = nil
            } else if name != nil {
                name?.append(scalar)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }
}
