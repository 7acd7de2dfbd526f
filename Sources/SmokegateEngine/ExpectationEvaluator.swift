import Foundation
import SmokegateDocuments
import SmokegateModel
import SmokegateVocabulary

/// Checks a response against a check's expectations and says, for each that fails, what was expected and what came.
enum ExpectationEvaluator {
    static func evaluate(_ expectations: [Expectation], on response: inout ResponseView) -> [Failure] {
        var failures: [Failure] = []
        for expectation in expectations {
            if expectation.readsBodyText, case .failure(let unknown) = response.charset {
                // One failure for the body, not one per text expectation: none of them can be judged.
                if !failures.contains(where: { $0.reason == FailureReason.charset }) {
                    failures.append(Failure(reason: FailureReason.charset, message: unknown.message))
                }
                continue
            }
            if let message = check(expectation.kind, on: &response) {
                failures.append(Failure(reason: reason(of: expectation, on: response), message: message))
            }
        }
        guard !failures.isEmpty else { return failures }
        // Credentials the server sent (a session cookie, an echoed Authorization) are masked wherever a message
        // quotes them, the body included.
        var sent = Redactor()
        for header in response.headers where Redactor.sensitiveHeaders.contains(header.name.lowercased()) {
            sent.addCredential(headerValue: header.value)
        }
        guard !sent.secrets.isEmpty else { return failures }
        return failures.map { Failure(reason: $0.reason, message: sent.redact($0.message)) }
    }

    /// The expectation's reason; a gRPC serving status names the status that came instead (`NOT_SERVING`…).
    private static func reason(of expectation: Expectation, on response: ResponseView) -> FailureReason {
        if case .servingStatus = expectation.kind, let status = response.servingStatus { return .servingStatus(status) }
        return expectation.reason
    }

    /// nil when the expectation holds, else the failure sentence.
    private static func check(_ kind: Expectation.Kind, on response: inout ResponseView) -> String? {
        switch kind {
        case .status(let matcher):
            guard !matcher.accepts(response.status) else { return nil }
            let body = response.snippet
            return "expected status \(matcher), got \(response.status)" + (body.isEmpty ? "" : " (body: \(body))")
        case .header(let name, let matcher):
            let value = response.header(name)
            let sensitive = Redactor.sensitiveHeaders.contains(name.lowercased())
            return failure(of: matcher, on: value.map(JSONValue.string), subject: "header \(name)",
                           quote: sensitive ? { _ in Redactor.mask } : { describe($0) })
        case .cookie(let name, let matcher):
            // A cookie is a credential as often as not: its value is never quoted.
            return failure(of: matcher, on: CookieJar.value(of: name, in: response.cookies).map(JSONValue.string), subject: "cookie \(name)",
                           quote: { _ in Redactor.mask })
        case .body(let matcher):
            return failure(of: matcher, on: .string(response.text ?? ""), subject: "body", quote: { _ in response.snippet })
        case .json(let path, let matcher):
            switch response.json() {
            case .failure(let error):
                return "\(path): the body is not JSON (\(error.message) at byte \(error.offset)): \(response.snippet)"
            case .success(let root):
                let matches = path.evaluate(root)
                // A wildcard or filter is judged as the array of its matches (so `length: 0` works); only
                // `exists` reads an empty match set as absence.
                let asksExistence = matcher.predicates.contains { if case .exists = $0 { true } else { false } }
                let value: JSONValue? = path.isDefinite ? matches.first : (matches.isEmpty && asksExistence ? nil : .array(matches))
                return failure(of: matcher, on: value, subject: path.description)
            }
        case .xpath(let expression, let markup, let matcher):
            let result: XPathResult
            do throws(XPathError) {
                result = try evaluate(expression, markup: markup, on: response)
            } catch {
                return "\(expression): \(error.message)"
            }
            // Text from a document is compared as a person reads it: `equals` and `contains` see it with its
            // whitespace normalized (XPath's normalize-space), `matches` and `length` as it is.
            switch result {
            case .nodes(let nodes):
                // `exists` and `length` are about the node set; every other predicate reads the first node's text.
                let onlyCounts = matcher.predicates.allSatisfy { if case .exists = $0 { true } else if case .length = $0 { true } else { false } }
                let value: JSONValue? = nodes.isEmpty ? nil : (onlyCounts ? .array(nodes.map(JSONValue.string)) : .string(nodes[0]))
                return failure(of: matcher, on: value, subject: expression.description, normalizingText: true)
            case .boolean(let flag): return failure(of: matcher, on: .bool(flag), subject: expression.description)
            case .number(let number): return failure(of: matcher, on: .number(JSONNumber(number)), subject: expression.description)
            case .string(let text): return failure(of: matcher, on: .string(text), subject: expression.description, normalizingText: true)
            }
        case .maxLatency(let limit):
            guard response.latency > limit.microseconds else { return nil }
            return "latency \(DurationText.format(microseconds: Double(response.latency))) exceeds max_latency \(DurationText.format(limit))"
        case .maxQueryTime(let limit):
            guard let query = response.queryTime, query > limit.microseconds else { return nil }
            return "query took \(DurationText.format(microseconds: Double(query))), more than max_query_time \(DurationText.format(limit))"
        case .reply(let matcher):
            return failure(of: matcher, on: response.reply.map(JSONValue.string), subject: "reply")
        case .rowCount(let matcher):
            return failure(of: matcher, on: response.rowCount.map { .number(JSONNumber($0)) }, subject: "row count")
        case .column(let name, let matcher):
            guard let row = response.firstRow else { return "column \(name): the query returned no rows" }
            guard let cell = row[name] else { return "column \(name): no such column (columns: \(row.keys.sorted().joined(separator: ", ")))" }
            return failure(of: matcher, on: cell.map(JSONValue.string), subject: "column \(name)")
        case .certificateExpiresIn, .certificateSubject, .certificateIssuer, .certificateName:
            return CertificateEvaluator.check(kind, certificate: response.certificate)
        case .responseCode, .answers, .minAnswers, .ttl, .authoritative, .serversAgree:
            return DNSReplyEvaluator.check(kind, reply: response.dns)
        case .servingStatus(let expected):
            guard let status = response.servingStatus else { return "serving status: no health response" }
            return status == expected ? nil : "serving status: expected \(expected), got \(status)"
        }
    }

    /// An XPath over the body: HTML when the expectation or the response says so. A charset from Content-Type
    /// overrides the document's own declaration (RFC 7303, HTML); without one, libxml2 reads the byte order mark,
    /// the XML declaration or the HTML <meta> itself.
    static func evaluate(_ expression: XPathExpression, markup: MarkupKind?, on response: ResponseView) throws(XPathError) -> XPathResult {
        let declared = (try? response.charset.get()).flatMap { $0.source == .contentType ? $0.charset.libxml2Name : nil }
        return try expression.evaluate(on: response.body, as: markup ?? response.markup, encoding: declared)
    }

    /// Checks every predicate; the first that fails explains itself. With `normalizingText`, `equals`, `not_equals`,
    /// `contains` and `not_contains` compare strings with their whitespace normalized (`XPathText`).
    static func failure(of matcher: ValueMatcher, on value: JSONValue?, subject: String,
                        quote: (JSONValue) -> String = { describe($0) }, normalizingText: Bool = false) -> String? {
        for predicate in matcher.predicates {
            if case .exists(let wanted) = predicate {
                if wanted, value == nil { return "\(subject): expected to exist, found nothing" }
                if !wanted, let value { return "\(subject): expected to be absent, found \(quote(value))" }
                continue
            }
            guard let value else { return "\(subject): not found" }
            let judged = normalizingText ? normalizedPredicate(predicate) : predicate
            let seen = normalizingText && judged.comparesText ? XPathText.normalized(value) : value
            if let message = failure(of: judged, on: seen, subject: subject, quote: quote) { return message }
        }
        return nil
    }

    private static func failure(of predicate: ValueMatcher.Predicate, on value: JSONValue, subject: String,
                                quote: (JSONValue) -> String) -> String? {
        switch predicate {
        case .exists:
            return nil
        case .equals(let expected):
            return looselyEqual(value, expected) ? nil : "\(subject): expected \(describe(expected)), got \(quote(value))"
        case .notEquals(let expected):
            return looselyEqual(value, expected) ? "\(subject): expected anything but \(describe(expected))" : nil
        case .contains(let needle):
            return contains(value, needle) ? nil : "\(subject): expected to contain \(describe(.string(needle))), got \(quote(value))"
        case .notContains(let needle):
            return contains(value, needle) ? "\(subject): expected not to contain \(describe(.string(needle))), got \(quote(value))" : nil
        case .matches(let pattern):
            return pattern.matches(plainText(value)) ? nil : "\(subject): expected to match /\(pattern)/, got \(quote(value))"
        case .length(let expected):
            guard let count = value.count else { return "\(subject): has no length (it is \(value.typeName))" }
            return count == expected ? nil : "\(subject): expected length \(expected), got \(count)"
        case .compare(let comparison, let limit):
            guard let number = number(value) else { return "\(subject): expected a number, got \(quote(value))" }
            return comparison.holds(number, limit) ? nil : "\(subject): expected \(comparison.rawValue) \(format(limit)), got \(format(number))"
        }
    }

    /// The predicate with its expected text normalized the way the judged text is.
    private static func normalizedPredicate(_ predicate: ValueMatcher.Predicate) -> ValueMatcher.Predicate {
        switch predicate {
        case .equals(let expected): .equals(XPathText.normalized(expected))
        case .notEquals(let expected): .notEquals(XPathText.normalized(expected))
        case .contains(let needle): .contains(XPathText.normalized(needle))
        case .notContains(let needle): .notContains(XPathText.normalized(needle))
        default: predicate
        }
    }

    /// YAML and JSON disagree on types at the edges: `"3"` in a config equals `3` in a response, and vice versa.
    static func looselyEqual(_ actual: JSONValue, _ expected: JSONValue) -> Bool {
        if actual.matches(expected) { return true }
        switch (actual, expected) {
        case (.number(let n), .string(let s)), (.string(let s), .number(let n)):
            return Double(s.trimmingCharacters(in: .whitespaces)) == n.value
        case (.bool(let b), .string(let s)), (.string(let s), .bool(let b)):
            return s == (b ? "true" : "false")
        default:
            return false
        }
    }

    private static func contains(_ value: JSONValue, _ needle: String) -> Bool {
        switch value {
        case .string(let text): text.contains(needle)
        case .array(let items): items.contains { looselyEqual($0, .string(needle)) || ($0.typeName == "string" && plainText($0).contains(needle)) }
        case .object(let object): object[needle] != nil
        default: plainText(value).contains(needle)
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let n): n.value
        case .string(let s): Double(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    /// A string's own text; any other value's JSON text.
    static func plainText(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.compactText
    }

    static func describe(_ value: JSONValue) -> String {
        ResponseView.snippet(value.compactText, limit: 120)
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
