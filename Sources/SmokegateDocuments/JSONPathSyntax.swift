/// One step of a compiled JSONPath: `.name`, `[…]` (child) or `..name`, `..[…]` (descendant).
enum JSONPathSegment: Sendable, Hashable {
    /// Applies the selectors to each current node.
    case child([JSONPathSelector])
    /// Applies the selectors to each current node and every node below it, in document order.
    case descendant([JSONPathSelector])
}

/// What a segment picks out of one node.
enum JSONPathSelector: Sendable, Hashable {
    case name(String)
    case wildcard
    /// Negative indices count from the end.
    case index(Int)
    case slice(start: Int?, end: Int?, step: Int)
    case filter(JSONPathFilter)
}

/// A filter expression (`?(…)`), true or false for each child of the filtered node.
indirect enum JSONPathFilter: Sendable, Hashable {
    case or(JSONPathFilter, JSONPathFilter)
    case and(JSONPathFilter, JSONPathFilter)
    case not(JSONPathFilter)
    /// True when the query selects at least one node (`@.tag`).
    case exists(JSONPathQuery)
    case comparison(JSONPathOperand, JSONPathComparison, JSONPathOperand)
}

/// A path inside a filter, relative to the current node (`@`) or to the document root (`$`).
struct JSONPathQuery: Sendable, Hashable {
    var isRelative: Bool
    var segments: [JSONPathSegment]

    /// At most one node: only single-name and single-index child segments.
    var isSingular: Bool {
        segments.allSatisfy { segment in
            guard case .child(let selectors) = segment, selectors.count == 1 else { return false }
            switch selectors[0] {
            case .name, .index: return true
            case .wildcard, .slice, .filter: return false
            }
        }
    }
}

/// One side of a comparison.
enum JSONPathOperand: Sendable, Hashable {
    /// Always singular; compiling rejects other queries here.
    case query(JSONPathQuery)
    case literal(JSONValue)
}

enum JSONPathComparison: String, Sendable, Hashable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}
