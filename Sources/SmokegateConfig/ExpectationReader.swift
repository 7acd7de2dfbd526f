import Foundation
import SmokegateDocuments
import SmokegateModel
import Yams

/// Reads a check's `expect:` block into expectations and latency thresholds.
struct ExpectationReader {
    static let certificateKeys = ["cert_expires_in", "cert_subject", "cert_issuer", "cert_san"]
    static let commonKeys = ["max_latency", "latency"]
    /// What `expect:` may hold, per probe kind.
    static let expectKeys: [String: [String]] = [
        "http": ["status", "headers", "cookies", "body", "json", "xpath", "html"] + certificateKeys + commonKeys,
        "tcp": ["reply"] + certificateKeys + commonKeys,
        "postgres": ["rows", "row", "max_query_time"] + commonKeys,
        "redis": ["reply"] + commonKeys,
        "dns": dnsKeys + commonKeys,
        "grpc": ["serving"] + certificateKeys + commonKeys,
    ]
    static let matcherKeys = ["equals", "not_equals", "exists", "contains", "not_contains", "matches", "length", "lt", "lte", "gt", "gte"]

    let reader: ConfigReader
    /// The probe kind (`http`, `tcp`, `postgres`, `redis`): it decides which keys make sense.
    var kind: String = "http"

    /// Without `status:` an HTTP check requires any 2xx (a health check that accepts a 500 is no check); a Redis
    /// PING without `reply:` requires PONG.
    static func withDefaults(_ expectations: [Expectation], for probe: ProbeSpec, at location: SourceLocation) -> [Expectation] {
        switch probe {
        case .http where !expectations.contains(where: { if case .status = $0.kind { true } else { false } }):
            return [Expectation(.status(StatusMatcher(classes: [2])), at: location)] + expectations
        case .redis(let spec) where spec.command.map { $0.uppercased() } == ["PING"]
            && !expectations.contains(where: { if case .reply = $0.kind { true } else { false } }):
            return [Expectation(.reply(ValueMatcher([.equals(.string("PONG"))])), at: location)] + expectations
        case .dns:
            return withDNSDefaults(expectations, at: location)
        case .grpc where !expectations.contains(where: { if case .servingStatus = $0.kind { true } else { false } }):
            return [Expectation(.servingStatus(.serving), at: location)] + expectations
        default:
            return expectations
        }
    }

    /// `headers:` and `cookies:`: names mapped to the text expected, or a predicate block.
    private func namedText(_ node: Node, key: String, what: String, _ kind: (String, ValueMatcher) -> Expectation.Kind) -> [Expectation] {
        guard let mapping = node.mapping else {
            reader.error("expect.\(key) maps \(what) names to expected values", at: node)
            return []
        }
        return mapping.compactMap { nameNode, expected in
            guard let name = nameNode.scalar?.string, let matcher = matcher(expected, what: "\(what) '\(name)'", stringsOnly: true) else { return nil }
            return Expectation(kind(name, matcher), at: reader.location(nameNode))
        }
    }

    func read(_ node: Node) -> ([Expectation], [Threshold]) {
        let allowed = Self.expectKeys[kind] ?? []
        if let mapping = node.mapping {
            // A key that belongs to another kind gets a clearer message than "unknown key".
            for key in mapping.keys {
                guard let name = key.scalar?.string, !allowed.contains(name),
                      let owner = Self.expectKeys.first(where: { $0.value.contains(name) })?.key else { continue }
                reader.error("'\(name)' does not apply to \(kind) checks (it is for \(owner) checks); \(kind) checks expect: \(allowed.joined(separator: ", "))", at: key)
            }
        }
        let known = Set(Self.expectKeys.values.joined())
        guard let fields = reader.fields(node, allowed: allowed + known.subtracting(allowed).sorted(), in: "expect") else { return ([], []) }
        var expectations: [Expectation] = []
        var latency: [Threshold] = []
        for (key, keyNode, value) in fields {
            let at = reader.location(keyNode)
            switch key {
            case "status":
                if let matcher = status(value) { expectations.append(Expectation(.status(matcher), at: at)) }
            case "headers":
                expectations += namedText(value, key: "headers", what: "header") { .header(name: $0, $1) }
            case "cookies":
                expectations += namedText(value, key: "cookies", what: "cookie") { .cookie(name: $0, $1) }
            case "body":
                // A bare string means "contains": the common case for a health page.
                let matcher = value.scalar != nil
                    ? reader.string(value, what: "body").map { ValueMatcher([.contains($0)]) }
                    : matcher(value, what: "body", stringsOnly: true)
                if let matcher { expectations.append(Expectation(.body(matcher), at: at)) }
            case "json":
                expectations += keyedExpectations(value, what: "json") { text, keyNode, matcher in
                    do throws(JSONPathError) {
                        return .json(path: try JSONPath(text), matcher)
                    } catch {
                        reader.error("invalid JSON path '\(text)': \(error.message)", at: keyNode, offset: error.offset)
                        return nil
                    }
                }
            case "xpath", "html":
                let markup: MarkupKind? = key == "html" ? .html : nil
                expectations += keyedExpectations(value, what: key) { text, keyNode, matcher in
                    do throws(XPathError) {
                        return .xpath(try XPathExpression(text), markup: markup, matcher)
                    } catch {
                        reader.error("invalid XPath '\(text)': \(error.message)", at: keyNode)
                        return nil
                    }
                }
            case _ where !allowed.contains(key):
                continue
            case "reply":
                let matcher = value.scalar != nil
                    ? reader.string(value, what: "reply").map { ValueMatcher([kind == "redis" ? .equals(.string($0)) : .contains($0)]) }
                    : matcher(value, what: "reply", stringsOnly: true)
                if let matcher { expectations.append(Expectation(.reply(matcher), at: at)) }
            case "rcode", "answers", "min_answers", "ttl_min", "ttl_max", "authoritative", "agree", "serving":
                expectations += dnsOrGRPC(key, value, at: at)
            case "rows":
                if let matcher = matcher(value, what: "rows", stringsOnly: false) { expectations.append(Expectation(.rowCount(matcher), at: at)) }
            case "row":
                guard let mapping = value.mapping else {
                    reader.error("expect.row maps column names of the first row to expected values", at: value)
                    continue
                }
                for (nameNode, expected) in mapping {
                    guard let name = nameNode.scalar?.string, let matcher = matcher(expected, what: "column '\(name)'", stringsOnly: true) else { continue }
                    expectations.append(Expectation(.column(name: name, matcher), at: reader.location(nameNode)))
                }
            case "max_query_time":
                if let limit = reader.duration(value, what: "max_query_time") { expectations.append(Expectation(.maxQueryTime(limit), at: at)) }
            case "cert_expires_in":
                guard let text = reader.string(value, what: "cert_expires_in") else { continue }
                let operatorText = text.prefix { "<>=".contains($0) }
                guard let comparison = Threshold.Comparison(rawValue: String(operatorText)),
                      case .success(let limit) = DurationText.parse(String(text.dropFirst(operatorText.count))) else {
                    reader.error("cert_expires_in must be a comparison and a duration, e.g. \"> 14d\", found '\(value.scalar?.string ?? text)'", at: value)
                    continue
                }
                expectations.append(Expectation(.certificateExpiresIn(comparison, limit), at: at))
            case "cert_subject", "cert_issuer":
                let matcher = value.scalar != nil
                    ? reader.string(value, what: key).map { ValueMatcher([.contains($0)]) }
                    : matcher(value, what: key, stringsOnly: true)
                if let matcher { expectations.append(Expectation(key == "cert_subject" ? .certificateSubject(matcher) : .certificateIssuer(matcher), at: at)) }
            case "cert_san":
                for (name, _) in reader.stringList(value, what: "cert_san") { expectations.append(Expectation(.certificateName(name), at: at)) }
            case "max_latency":
                if let limit = reader.duration(value, what: "max_latency") { expectations.append(Expectation(.maxLatency(limit), at: at)) }
            case "latency":
                let allowed = Set(Threshold.Metric.allCases.filter(\.isLatency))
                for (text, itemNode) in reader.stringList(value, what: "latency") {
                    switch Threshold.parse(text, allowed: allowed) {
                    case .success(let threshold): latency.append(threshold)
                    case .failure(let failure): reader.error(failure.message, at: itemNode, offset: failure.offset)
                    }
                }
            default:
                break
            }
        }
        return (expectations, latency)
    }

    /// `200`, `"2xx"`, or a list of them.
    private func status(_ node: Node) -> StatusMatcher? {
        var matcher = StatusMatcher()
        let items = node.sequence.map(Array.init) ?? [node]
        if items.isEmpty { reader.error("status needs at least one code or class, e.g. 200 or 2xx", at: node) }
        for item in items {
            guard let text = reader.string(item, what: "status")?.trimmingCharacters(in: .whitespaces).lowercased() else { continue }
            if text.count == 3, text.hasSuffix("xx"), let digit = Int(text.prefix(1)), (1...5).contains(digit) {
                matcher.classes.insert(digit)
            } else if let code = Int(text), (100...599).contains(code) {
                matcher.codes.insert(code)
            } else {
                reader.error("invalid status '\(item.scalar?.string ?? text)': use a code (200), a class (2xx) or a list of them", at: item)
            }
        }
        return matcher.codes.isEmpty && matcher.classes.isEmpty ? nil : matcher
    }

    /// Mappings of a path or expression to an expected value or matcher block.
    private func keyedExpectations(_ node: Node, what: String, make: (String, Node, ValueMatcher) -> Expectation.Kind?) -> [Expectation] {
        guard let mapping = node.mapping else {
            reader.error("expect.\(what) maps \(what == "json" ? "JSON paths such as $.status" : "XPath expressions such as //title") to expected values", at: node)
            return []
        }
        return mapping.compactMap { keyNode, expected in
            guard let text = keyNode.scalar?.string,
                  let matcher = matcher(expected, what: "\(what) '\(text)'", stringsOnly: false),
                  let kind = make(text, keyNode, matcher) else { return nil }
            return Expectation(kind, at: reader.location(keyNode))
        }
    }

    /// A bare value (equality) or a block of predicates: `{ exists: true, length: 3, matches: "^v2" }`.
    private func matcher(_ node: Node, what: String, stringsOnly: Bool) -> ValueMatcher? {
        if node.mapping == nil {
            // Headers and bodies are text: `X-Version: 2` means the text "2", not the number.
            if stringsOnly { return reader.string(node, what: what).map { ValueMatcher([.equals(.string($0))]) } }
            return YAMLJSON.value(node, reader: reader, what: what).map { ValueMatcher([.equals($0)]) }
        }
        guard let fields = reader.fields(node, allowed: Self.matcherKeys, in: what) else { return nil }
        let errorsBefore = reader.errors.count
        var predicates: [ValueMatcher.Predicate] = []
        for (key, _, value) in fields {
            switch key {
            case "equals", "not_equals":
                guard let expected = YAMLJSON.value(value, reader: reader, what: "\(what) \(key)") else { continue }
                let normalised = stringsOnly ? JSONValue.string(reader.string(value, what: what) ?? "") : expected
                predicates.append(key == "equals" ? .equals(normalised) : .notEquals(normalised))
            case "exists":
                if let flag = reader.bool(value, what: "\(what) exists") { predicates.append(.exists(flag)) }
            case "contains", "not_contains":
                for (text, _) in reader.stringList(value, what: "\(what) \(key)") {
                    predicates.append(key == "contains" ? .contains(text) : .notContains(text))
                }
            case "matches":
                guard let text = reader.string(value, what: "\(what) matches") else { continue }
                do {
                    predicates.append(.matches(try Pattern(text)))
                } catch {
                    reader.error("invalid regular expression '\(value.scalar?.string ?? text)' in \(what)", at: value)
                }
            case "length":
                if let count = reader.int(value, what: "\(what) length", range: 0...Int(Int32.max)) { predicates.append(.length(count)) }
            default:
                let comparison: Threshold.Comparison = switch key {
                case "lt": .lessThan
                case "lte": .lessOrEqual
                case "gt": .greaterThan
                default: .greaterOrEqual
                }
                guard let text = reader.string(value, what: "\(what) \(key)"), let number = Double(text) else {
                    reader.error("\(what) \(key) needs a number, found \(reader.describe(value))", at: value)
                    continue
                }
                predicates.append(.compare(comparison, number))
            }
        }
        if predicates.isEmpty, reader.errors.count == errorsBefore { reader.error("\(what) needs at least one of: \(Self.matcherKeys.joined(separator: ", "))", at: node) }
        return ValueMatcher(predicates)
    }
}
