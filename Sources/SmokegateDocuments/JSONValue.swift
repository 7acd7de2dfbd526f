/// A JSON document or any value inside one.
///
/// Equality is JSON equality: numbers by exact decimal value (`1 == 1.0`), objects regardless of
/// member order.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// The JSON type name: "null", "boolean", "number", "string", "array" or "object".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Elements of an array, members of an object, characters of a string; `nil` otherwise.
    public var count: Int? {
        switch self {
        case .array(let elements): elements.count
        case .object(let object): object.count
        case .string(let text): text.count
        case .null, .bool, .number: nil
        }
    }

    /// Compares against a value written in a YAML config: numbers numerically (1 == 1.0), strings exactly, bools, null.
    ///
    /// Arrays match element by element in order; objects match when they have the same member
    /// names (order ignored) and every member matches. A number never matches a string, even
    /// `"1"` against `1`.
    public func matches(_ expected: JSONValue) -> Bool {
        switch (self, expected) {
        case (.null, .null):
            return true
        case let (.bool(actual), .bool(wanted)):
            return actual == wanted
        case let (.number(actual), .number(wanted)):
            return actual == wanted
        case let (.string(actual), .string(wanted)):
            return actual.unicodeScalars.elementsEqual(wanted.unicodeScalars)
        case let (.array(actual), .array(wanted)):
            return actual.count == wanted.count
                && zip(actual, wanted).allSatisfy { $0.matches($1) }
        case let (.object(actual), .object(wanted)):
            let actualMembers = actual.effectiveMembers
            let wantedMembers = wanted.effectiveMembers
            guard actualMembers.count == wantedMembers.count else { return false }
            return wantedMembers.allSatisfy { key, value in
                actualMembers[key]?.matches(value) ?? false
            }
        default:
            return false
        }
    }

    /// The number, when this is one.
    public var numberValue: JSONNumber? {
        if case .number(let number) = self { number } else { nil }
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The boolean, when this is one.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { flag } else { nil }
    }
}
