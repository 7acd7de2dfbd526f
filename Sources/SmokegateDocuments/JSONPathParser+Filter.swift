extension JSONPathParser {
    /// `or := and ('||' and)*`, the entry point after `?`.
    mutating func parseFilter() throws(JSONPathError) -> JSONPathFilter {
        try enterNesting()
        defer { filterDepth -= 1 }
        var result = try parseConjunction()
        while true {
            skipWhitespace()
            guard peek == "|", peek(at: 1) == "|" else { return result }
            index += 2
            result = .or(result, try parseConjunction())
        }
    }

    /// Counts one level of filter nesting; paths are parsed recursively, so depth must stay bounded.
    private mutating func enterNesting() throws(JSONPathError) {
        filterDepth += 1
        if filterDepth > Self.maximumFilterDepth {
            throw JSONPathError(code: .invalidFilter, offset: index, message: "filter nested more than \(Self.maximumFilterDepth) levels deep")
        }
    }

    private mutating func parseConjunction() throws(JSONPathError) -> JSONPathFilter {
        var result = try parseUnary()
        while true {
            skipWhitespace()
            guard peek == "&", peek(at: 1) == "&" else { return result }
            index += 2
            result = .and(result, try parseUnary())
        }
    }

    private mutating func parseUnary() throws(JSONPathError) -> JSONPathFilter {
        skipWhitespace()
        if peek == "!", peek(at: 1) != "=" {
            index += 1
            try enterNesting()
            defer { filterDepth -= 1 }
            return .not(try parseUnary())
        }
        if peek == "(" {
            index += 1
            let inner = try parseFilter()
            skipWhitespace()
            guard peek == ")" else {
                throw peek == nil ? endOfPath("expected ')' to close the filter") : unexpected("expected ')' to close the filter")
            }
            index += 1
            return inner
        }
        return try parseTest()
    }

    /// An existence test (`@.tag`) or a comparison (`@.price > 10`).
    private mutating func parseTest() throws(JSONPathError) -> JSONPathFilter {
        let leftStart = index
        let left = try parseOperand()
        skipWhitespace()
        guard let comparison = parseComparisonOperator() else {
            guard case .query(let query) = left else {
                throw JSONPathError(
                    code: .invalidFilter, offset: leftStart,
                    message: "a literal on its own is not a test; compare it with ==, !=, <, <=, > or >=")
            }
            return .exists(query)
        }
        skipWhitespace()
        let rightStart = index
        let right = try parseOperand()
        for (operand, start) in [(left, leftStart), (right, rightStart)] {
            if case .query(let query) = operand, !query.isSingular {
                throw JSONPathError(
                    code: .invalidFilter, offset: start,
                    message: "only a path of plain names and indices can be compared (no '*', '..', slices or filters)")
            }
        }
        return .comparison(left, comparison, right)
    }

    private mutating func parseComparisonOperator() -> JSONPathComparison? {
        let pair = [peek, peek(at: 1)].compactMap { $0 }.map(String.init).joined()
        for candidate in [JSONPathComparison.equal, .notEqual, .lessOrEqual, .greaterOrEqual] where pair == candidate.rawValue {
            index += 2
            return candidate
        }
        switch peek {
        case "<":
            index += 1
            return .less
        case ">":
            index += 1
            return .greater
        default:
            return nil
        }
    }

    private mutating func parseOperand() throws(JSONPathError) -> JSONPathOperand {
        guard let character = peek else { throw endOfPath("expected '@', '$' or a literal in the filter") }
        switch character {
        case "@", "$":
            index += 1
            return .query(JSONPathQuery(isRelative: character == "@", segments: try parseSegments()))
        case "'", "\"":
            return .literal(.string(try parseQuoted()))
        case "-", "0"..."9":
            return .literal(.number(try parseNumberLiteral()))
        default:
            let start = index
            while let next = peek, next.isASCII, next.isLetter { index += 1 }
            switch String(characters[start..<index]) {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default:
                index = start
                throw unexpected("expected '@', '$', a string, a number, true, false or null in the filter")
            }
        }
    }

    private mutating func parseNumberLiteral() throws(JSONPathError) -> JSONNumber {
        let start = index
        while let character = peek, Self.isDigit(character) || "+-.eE".contains(character) { index += 1 }
        let text = String(characters[start..<index])
        guard let number = JSONNumber(literal: text) else {
            throw JSONPathError(code: .invalidNumber, offset: start, message: "'\(text)' is not a JSON number")
        }
        return number
    }
}
