import SmokegateModel
/// Substitutes `{{name}}` variables and `${env:NAME}` secrets in a config string.
struct Template {
    /// A variable's value and whether it came from a secret (so its value is masked everywhere).
    struct Value: Sendable, Hashable {
        var text: String
        var isSecret: Bool
    }

    /// Why a string could not be rendered; `offset` is the character where the reference starts.
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    /// The rendered text plus the secret values it now contains and the captures it refers to (left as markers).
    struct Rendered {
        var text: String
        var secrets: [String]
        var captures: [String] = []
    }

    var variables: [String: Value]
    var processEnvironment: [String: String]
    /// Values earlier checks of the file capture (`capture:`): known by name only until a probe runs.
    var captures: Set<String> = []

    /// Whether `text` holds anything to substitute (most config strings do not).
    static func hasReferences(_ text: String) -> Bool { text.contains("{{") || text.contains("${") }

    /// Substitutes every reference; with `allowingCaptures`, a capture's name becomes a marker the probe renders
    /// (`CaptureMarkers`), elsewhere it is an error: only a request can wait for a value.
    func render(_ text: String, allowingCaptures: Bool = false) -> Result<Rendered, Failure> {
        guard Self.hasReferences(text) else { return .success(Rendered(text: text, secrets: [])) }
        var output = ""
        var secrets: [String] = []
        var usedCaptures: [String] = []
        var index = text.startIndex
        // Counted as the loop goes: measuring from the start at each character made long values quadratic.
        var offset = 0
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix("{{") {
                guard let close = rest.range(of: "}}") else {
                    return .failure(Failure(offset: offset, message: "unclosed '{{': write {{name}}"))
                }
                let name = rest[rest.index(index, offsetBy: 2)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                guard Self.isValidName(name) else {
                    return .failure(Failure(offset: offset, message: "invalid variable name '\(name)' in '{{\(name)}}'"))
                }
                if variables[name] == nil, captures.contains(name) {
                    guard allowingCaptures else {
                        return .failure(Failure(offset: offset, message: "captured value '\(name)' can only be used in a request: "
                            + "url, query, headers, body, json, form, multipart, basic_auth or bearer"))
                    }
                    output += CaptureMarkers.marker(name)
                    usedCaptures.append(name)
                    offset += text.distance(from: index, to: close.upperBound)
                    index = close.upperBound
                    continue
                }
                guard let value = variables[name] else {
                    return .failure(Failure(offset: offset, message: missingVariableMessage(name)))
                }
                output += value.text
                if value.isSecret { secrets.append(value.text) }
                offset += text.distance(from: index, to: close.upperBound)
                index = close.upperBound
            } else if rest.hasPrefix("${") {
                guard let close = rest.firstIndex(of: "}") else {
                    return .failure(Failure(offset: offset, message: "unclosed '${': write ${env:NAME}"))
                }
                let reference = rest[rest.index(index, offsetBy: 2)..<close]
                guard reference.hasPrefix("env:"), Self.isValidName(String(reference.dropFirst(4))) else {
                    return .failure(Failure(offset: offset, message: "unknown reference '${\(reference)}': secrets are written ${env:NAME}"))
                }
                let name = String(reference.dropFirst(4))
                guard let value = processEnvironment[name] else {
                    return .failure(Failure(offset: offset, message: "secret '${env:\(name)}' is not set: export \(name) in the environment smokegate runs in"))
                }
                output += value
                secrets.append(value)
                offset += text.distance(from: index, to: close) + 1
                index = text.index(after: close)
            } else {
                output.append(text[index])
                offset += 1
                index = text.index(after: index)
            }
        }
        return .success(Rendered(text: output, secrets: secrets, captures: usedCaptures))
    }

    private func missingVariableMessage(_ name: String) -> String {
        var message = "undefined variable '\(name)'"
        if let suggestion = Levenshtein.suggestion(for: name, among: Array(variables.keys) + captures) {
            message += " (did you mean '\(suggestion)'?)"
        }
        return message + ": define it under vars:, in the environment's vars:, or pass --var \(name)=VALUE"
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0 == "-" || $0 == "." || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}
