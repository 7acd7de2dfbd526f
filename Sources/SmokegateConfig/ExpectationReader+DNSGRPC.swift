import Foundation
import SmokegateModel
import SmokegateProbes
import Yams

extension ExpectationReader {
    static let dnsKeys = ["rcode", "answers", "min_answers", "ttl_min", "ttl_max", "authoritative", "agree"]
    static let answerKeys = ["equals", "contains", "matches"]

    /// Without `rcode:` a DNS check requires NOERROR and, unless it sets `min_answers`, at least one answer of
    /// the asked type: an empty answer is no answer to a check that asks for a name.
    static func withDNSDefaults(_ expectations: [Expectation], at location: SourceLocation) -> [Expectation] {
        guard !expectations.contains(where: { if case .responseCode = $0.kind { true } else { false } }) else { return expectations }
        var defaults = [Expectation(.responseCode([.noError]), at: location)]
        if !expectations.contains(where: { if case .minAnswers = $0.kind { true } else { false } }) {
            defaults.append(Expectation(.minAnswers(1), at: location))
        }
        return defaults + expectations
    }

    /// One of a DNS check's expectations, or a gRPC check's `serving:`.
    func dnsOrGRPC(_ key: String, _ value: Node, at location: SourceLocation) -> [Expectation] {
        switch key {
        case "rcode":
            var codes = Set<DNSResponseCode>()
            for (text, itemNode) in reader.stringList(value, what: "rcode") {
                guard let code = DNSResponseCode(name: text.trimmingCharacters(in: .whitespaces)) else {
                    let known = ["NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED", "FORMERR", "NOTIMP"]
                    let hint = Levenshtein.suggestion(for: text.uppercased(), among: known).map { "; did you mean '\($0)'?" } ?? ""
                    reader.error("unknown DNS response code '\(itemNode.scalar?.string ?? text)': use \(known.joined(separator: ", "))…\(hint)", at: itemNode)
                    continue
                }
                codes.insert(code)
            }
            return codes.isEmpty ? [] : [Expectation(.responseCode(codes), at: location)]
        case "answers":
            return answers(value).map { [Expectation(.answers($0), at: location)] } ?? []
        case "min_answers":
            return reader.int(value, what: "min_answers", range: 0...1000).map { [Expectation(.minAnswers($0), at: location)] } ?? []
        case "ttl_min", "ttl_max":
            guard let seconds = reader.int(value, what: key, range: 0...Int(Int32.max)) else { return [] }
            return [Expectation(.ttl(key == "ttl_min" ? .greaterOrEqual : .lessOrEqual, UInt32(seconds)), at: location)]
        case "authoritative":
            return reader.bool(value, what: "authoritative").map { [Expectation(.authoritative($0), at: location)] } ?? []
        case "agree":
            // `agree: false` is what a check without the key does already.
            return reader.bool(value, what: "agree") == true ? [Expectation(.serversAgree, at: location)] : []
        default:
            guard let text = reader.string(value, what: "serving") else { return [] }
            guard let status = GRPCServingStatus(name: text.trimmingCharacters(in: .whitespaces)), status.rawValue <= 3 else {
                let known = ["SERVING", "NOT_SERVING", "SERVICE_UNKNOWN", "UNKNOWN"]
                let hint = Levenshtein.suggestion(for: text.uppercased(), among: known).map { "; did you mean '\($0)'?" } ?? ""
                reader.error("serving must be \(known.joined(separator: ", ")), found '\(value.scalar?.string ?? text)'\(hint)", at: value)
                return []
            }
            return [Expectation(.servingStatus(status), at: location)]
        }
    }

    /// `answers: [a, b]` (exactly these, any order), `answers: 192.0.2.10` (exactly this one), or a block of
    /// `equals`, `contains`, `matches`.
    private func answers(_ node: Node) -> DNSAnswerMatcher? {
        if node.mapping == nil {
            let items = reader.stringList(node, what: "answers").map(\.0)
            return items.isEmpty ? nil : DNSAnswerMatcher(equals: Set(items))
        }
        guard let fields = reader.fields(node, allowed: Self.answerKeys, in: "answers") else { return nil }
        var matcher = DNSAnswerMatcher()
        for (key, _, value) in fields {
            switch key {
            case "equals": matcher.equals = Set(reader.stringList(value, what: "answers equals").map(\.0))
            case "contains": matcher.contains = reader.stringList(value, what: "answers contains").map(\.0)
            default:
                guard let text = reader.string(value, what: "answers matches") else { continue }
                do {
                    matcher.matches = try Pattern(text)
                } catch {
                    reader.error("invalid regular expression '\(value.scalar?.string ?? text)' in answers matches", at: value)
                }
            }
        }
        if matcher.equals == nil, matcher.contains.isEmpty, matcher.matches == nil {
            reader.error("answers needs equals, contains or matches", at: node)
            return nil
        }
        return matcher
    }
}
