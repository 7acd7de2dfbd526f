extension JSONPath {
    static func apply(_ segments: [JSONPathSegment], to nodes: [JSONValue], root: JSONValue) -> [JSONValue] {
        var current = nodes
        for segment in segments {
            var next: [JSONValue] = []
            switch segment {
            case .child(let selectors):
                for node in current {
                    for selector in selectors {
                        select(selector, from: node, root: root, into: &next)
                    }
                }
            case .descendant(let selectors):
                for node in current {
                    visitInDocumentOrder(node) { descendant in
                        for selector in selectors {
                            select(selector, from: descendant, root: root, into: &next)
                        }
                    }
                }
            }
            current = next
            if current.isEmpty { break }
        }
        return current
    }

    /// Calls `visit` on `node` and then on everything below it, depth first.
    private static func visitInDocumentOrder(_ node: JSONValue, _ visit: (JSONValue) -> Void) {
        visit(node)
        switch node {
        case .array(let elements):
            for element in elements { visitInDocumentOrder(element, visit) }
        case .object(let object):
            for entry in object.entries { visitInDocumentOrder(entry.value, visit) }
        case .null, .bool, .number, .string:
            break
        }
    }

    private static func select(
        _ selector: JSONPathSelector, from node: JSONValue, root: JSONValue, into output: inout [JSONValue]
    ) {
        switch selector {
        case .name(let name):
            if case .object(let object) = node, let value = object[name] { output.append(value) }
        case .wildcard:
            output.append(contentsOf: children(of: node))
        case .index(let index):
            guard case .array(let elements) = node else { return }
            let position = index < 0 ? elements.count + index : index
            if elements.indices.contains(position) { output.append(elements[position]) }
        case let .slice(start, end, step):
            guard case .array(let elements) = node else { return }
            for position in slicePositions(count: elements.count, start: start, end: end, step: step) {
                output.append(elements[position])
            }
        case .filter(let filter):
            for child in children(of: node) where holds(filter, current: child, root: root) {
                output.append(child)
            }
        }
    }

    private static func children(of node: JSONValue) -> [JSONValue] {
        switch node {
        case .array(let elements): elements
        case .object(let object): object.entries.map(\.value)
        case .null, .bool, .number, .string: []
        }
    }

    /// The positions an RFC 9535 slice selects in an array of `count` elements.
    static func slicePositions(count: Int, start: Int?, end: Int?, step: Int) -> [Int] {
        func normalized(_ index: Int) -> Int { index >= 0 ? index : count + index }
        var positions: [Int] = []
        if step > 0 {
            var position = min(max(normalized(start ?? 0), 0), count)
            let upper = min(max(end.map(normalized) ?? count, 0), count)
            while position < upper {
                positions.append(position)
                let (next, overflow) = position.addingReportingOverflow(step)
                if overflow { break }
                position = next
            }
        } else if step < 0 {
            var position = min(max(start.map(normalized) ?? count - 1, -1), count - 1)
            let lower = min(max(end.map(normalized) ?? -1, -1), count - 1)
            while position > lower {
                positions.append(position)
                let (next, overflow) = position.addingReportingOverflow(step)
                if overflow { break }
                position = next
            }
        }
        return positions
    }

    private static func holds(_ filter: JSONPathFilter, current: JSONValue, root: JSONValue) -> Bool {
        switch filter {
        case let .or(left, right):
            return holds(left, current: current, root: root) || holds(right, current: current, root: root)
        case let .and(left, right):
            return holds(left, current: current, root: root) && holds(right, current: current, root: root)
        case .not(let inner):
            return !holds(inner, current: current, root: root)
        case .exists(let query):
            return !evaluate(query, current: current, root: root).isEmpty
        case let .comparison(left, comparison, right):
            return compare(
                value(of: left, current: current, root: root), comparison,
                value(of: right, current: current, root: root))
        }
    }

    private static func evaluate(_ query: JSONPathQuery, current: JSONValue, root: JSONValue) -> [JSONValue] {
        apply(query.segments, to: [query.isRelative ? current : root], root: root)
    }

    /// The operand's value; `nil` stands for "no node", which RFC 9535 calls Nothing.
    private static func value(of operand: JSONPathOperand, current: JSONValue, root: JSONValue) -> JSONValue? {
        switch operand {
        case .literal(let literal): literal
        case .query(let query): evaluate(query, current: current, root: root).first
        }
    }

    private static func compare(_ left: JSONValue?, _ comparison: JSONPathComparison, _ right: JSONValue?) -> Bool {
        switch comparison {
        case .equal: equal(left, right)
        case .notEqual: !equal(left, right)
        case .less: less(left, right)
        case .lessOrEqual: less(left, right) || equal(left, right)
        case .greater: less(right, left)
        case .greaterOrEqual: less(right, left) || equal(left, right)
        }
    }

    private static func equal(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        guard let left, let right else { return left == nil && right == nil }
        return left.matches(right)
    }

    private static func less(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case let (.number(lhs)?, .number(rhs)?):
            return lhs < rhs
        case let (.string(lhs)?, .string(rhs)?):
            return lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
        default:
            return false
        }
    }
}
