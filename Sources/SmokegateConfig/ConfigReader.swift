import Foundation
import SmokegateModel
import Yams

/// Reads typed values out of one YAML file's nodes, collecting located errors instead of stopping at the first.
///
/// Strings are rendered through the current template (variables and secrets) when one is set; error messages
/// quote what the user wrote, never the rendered text, so a secret cannot leak through an error.
final class ConfigReader {
    let file: String
    var errors: [ConfigError] = []
    /// Substitution for the environment being read; nil reads strings as written.
    var template: Template?
    /// Secret values met while rendering.
    var secrets: [String] = []
    /// Whether strings being read may refer to captured values (a request's fields).
    var capturesAllowed = false
    /// Captured values referred to while reading the current check, each with the first node that did.
    var usedCaptures: [(name: String, node: Node)] = []

    init(file: String) { self.file = file }

    func location(_ node: Node, offset: Int = 0) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        var column = mark.column
        if let scalar = node.scalar, scalar.style == .singleQuoted || scalar.style == .doubleQuoted { column += 1 }
        return SourceLocation(file: file, line: mark.line, column: column + offset)
    }

    /// Records an error. Secrets met so far are masked in it: messages quote values, and a value may have been
    /// rendered from a secret.
    func error(_ message: String, at node: Node, offset: Int = 0) {
        errors.append(ConfigError(Redactor(secrets: secrets).redact(message), at: location(node, offset: offset)))
    }

    /// A mapping's entries in order; unknown keys are reported with a suggestion and left out.
    func fields(_ node: Node, allowed: [String], in context: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            error("\(context) must be a mapping of keys (\(allowed.prefix(6).joined(separator: ", "))…), found \(describe(node))", at: node)
            return nil
        }
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error("keys in \(context) must be plain names", at: keyNode)
                continue
            }
            guard allowed.contains(key) else {
                var message = "unknown key '\(key)' in \(context)"
                if let suggestion = Levenshtein.suggestion(for: key, among: allowed) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; expected one of: \(allowed.joined(separator: ", "))"
                }
                error(message, at: keyNode)
                continue
            }
            result.append((key, keyNode, value))
        }
        return result
    }

    /// The same as `fields`, as a dictionary (keys are unique: YAML forbids duplicates).
    func table(_ node: Node, allowed: [String], in context: String) -> [String: Node]? {
        fields(node, allowed: allowed, in: context).map { Dictionary($0.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// A scalar as written, without substitution.
    func rawScalar(_ node: Node, what: String) -> String? {
        guard let scalar = node.scalar else {
            error("\(what) must be a single value, found \(describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    /// A scalar with variables and secrets substituted.
    func string(_ node: Node, what: String) -> String? {
        guard let raw = rawScalar(node, what: what) else { return nil }
        guard let template, Template.hasReferences(raw) else { return raw }
        switch template.render(raw, allowingCaptures: capturesAllowed) {
        case .success(let rendered):
            secrets += rendered.secrets
            for name in rendered.captures where !usedCaptures.contains(where: { $0.name == name }) { usedCaptures.append((name, node)) }
            return rendered.text
        case .failure(let failure):
            error("\(failure.message) (in \(what))", at: node, offset: failure.offset)
            return nil
        }
    }

    func int(_ node: Node, what: String, range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, what: what) else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            error("\(what) must be a whole number, found '\(node.scalar?.string ?? text)'", at: node)
            return nil
        }
        guard range.contains(value) else {
            error("\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)", at: node)
            return nil
        }
        return value
    }

    func bool(_ node: Node, what: String) -> Bool? {
        guard let text = string(node, what: what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("\(what) must be true or false, found '\(node.scalar?.string ?? text)'", at: node)
            return nil
        }
    }

    func duration(_ node: Node, what: String) -> Duration? {
        guard let text = string(node, what: what) else { return nil }
        switch DurationText.parse(text) {
        case .success(let duration): return duration
        case .failure(let failure):
            error("\(what): \(failure.message)", at: node)
            return nil
        }
    }

    /// `every:`, how often `serve` probes: at least 100 ms, which already is ten probes a second for one target.
    func every(_ node: Node) -> Duration? {
        guard let value = duration(node, what: "every") else { return nil }
        guard value >= .milliseconds(100) else {
            error("every must be at least 100ms, found '\(node.scalar?.string ?? "")'", at: node)
            return nil
        }
        return value
    }

    /// A timeout: a duration of at least 1 ms. Below that a probe cannot even connect, and libcurl, whose timeouts
    /// count whole milliseconds, reads 0 as "no limit at all".
    func timeout(_ node: Node, what: String) -> Duration? {
        guard let text = string(node, what: what) else { return nil }
        switch DurationText.parse(text) {
        case .success(let duration) where duration >= .milliseconds(1): return duration
        case .success:
            error("\(what) must be at least 1ms, found '\(node.scalar?.string ?? text)': no probe can answer sooner", at: node)
            return nil
        case .failure(let failure):
            error("\(what): \(failure.message)", at: node)
            return nil
        }
    }

    /// A size in bytes: `1048576`, `512KB`, `1MB`, `2MiB`.
    func size(_ node: Node, what: String) -> Int? {
        guard let text = string(node, what: what)?.trimmingCharacters(in: .whitespaces) else { return nil }
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), value > 0 {
                // Int(_:) traps beyond Int.max (`1e300KB`, `infKiB`); Int(exactly:) says no.
                guard let bytes = Int(exactly: (value * Double(factor)).rounded(.down)), bytes >= 1 else {
                    error("\(what) must be a size from 1 byte to \(Int.max) bytes, found '\(node.scalar?.string ?? text)'", at: node)
                    return nil
                }
                return bytes
            }
        }
        if let value = Int(text), value > 0 { return value }
        error("\(what) must be a size such as 1048576, 512KB or 1MiB, found '\(node.scalar?.string ?? text)'", at: node)
        return nil
    }

    /// A single string or a list of strings, each with its node for locating errors.
    func stringList(_ node: Node, what: String) -> [(String, Node)] {
        if node.scalar != nil { return string(node, what: what).map { [($0, node)] } ?? [] }
        guard let sequence = node.sequence else {
            error("\(what) must be a value or a list of values, found \(describe(node))", at: node)
            return []
        }
        return sequence.compactMap { item in string(item, what: what).map { ($0, item) } }
    }

    /// A mapping of names to strings (headers, variables), order kept.
    func stringPairs(_ node: Node, what: String) -> [(key: String, value: String, node: Node)] {
        guard let mapping = node.mapping else {
            error("\(what) must be a mapping of names to values, found \(describe(node))", at: node)
            return []
        }
        return mapping.compactMap { keyNode, valueNode in
            guard let key = keyNode.scalar?.string else {
                error("names in \(what) must be plain values", at: keyNode)
                return nil
            }
            return string(valueNode, what: "\(what) '\(key)'").map { (key, $0, valueNode) }
        }
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string.isEmpty ? "an empty value" : "'\(scalar.string.prefix(40))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
