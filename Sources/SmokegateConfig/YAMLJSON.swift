import Foundation
import SmokegateDocuments
import Yams

/// YAML values as JSON: request bodies written in YAML, and expected values compared with JSON responses.
enum YAMLJSON {
    /// A YAML scalar's value as JSON, typed the way YAML 1.2's core schema reads it (`3` a number, `true` a bool, `~` null).
    static func value(_ node: Node, reader: ConfigReader, what: String) -> JSONValue? {
        switch node {
        case .scalar(let scalar):
            guard let text = reader.string(node, what: what) else { return nil }
            if scalar.style != .plain { return .string(text) }
            // Typed the way YAML's core schema resolves plain scalars, read from the text as written.
            if node.null != nil { return .null }
            if let flag = node.bool { return .bool(flag) }
            if node.int != nil || node.float != nil, let number = JSONNumber(literal: text) { return .number(number) }
            return .string(text)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence {
                guard let value = value(item, reader: reader, what: what) else { return nil }
                items.append(value)
            }
            return .array(items)
        case .mapping(let mapping):
            var entries: [(key: String, value: JSONValue)] = []
            for (key, item) in mapping {
                guard let name = key.scalar?.string, let value = value(item, reader: reader, what: what) else { return nil }
                entries.append((name, value))
            }
            return .object(JSONObject(entries))
        case .alias:
            reader.error("aliases are not supported in \(what)", at: node)
            return nil
        }
    }

    /// A YAML subtree as compact JSON text (a `json:` request body).
    static func serialize(_ node: Node, reader: ConfigReader) -> String {
        value(node, reader: reader, what: "json")?.compactText ?? ""
    }
}
