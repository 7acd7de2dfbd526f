import SmokegateModel
import SmokegateProbes

/// Judges DNS expectations against one server's reply: response code, answers, their count and TTLs, the AA flag.
enum DNSReplyEvaluator {
    /// nil when the expectation holds, else the failure sentence. `agree` is judged over all replies, by `DNSCheckProbe`.
    static func check(_ kind: Expectation.Kind, reply: DNSProbeResult?) -> String? {
        guard let reply else { return "no DNS reply to check" }
        switch kind {
        case .responseCode(let codes):
            guard !codes.contains(reply.responseCode) else { return nil }
            return "rcode: expected \(codes.map(\.name).sorted().joined(separator: " or ")), got \(reply.responseCode)"
                + (reply.answers.isEmpty ? "" : " with \(reply.answerData.joined(separator: ", "))")
        case .answers(let matcher):
            return matcher.failure(for: reply.answerData)
        case .minAnswers(let minimum):
            // Only a NOERROR reply has answers to count: NXDOMAIN or SERVFAIL is the response code's failure alone.
            guard reply.responseCode == .noError else { return nil }
            let count = reply.answers.filter { $0.type == reply.question.type }.count
            guard count < minimum else { return nil }
            return "answers: expected at least \(minimum) \(reply.question.type) record\(minimum == 1 ? "" : "s"), got \(count)"
                + " (rcode \(reply.responseCode))"
        case .ttl(let comparison, let limit):
            guard let record = reply.answers.first(where: { !comparison.holds(Double($0.ttl), Double(limit)) }) else { return nil }
            return "ttl: \(record.name) \(record.type) \(record.data) has a TTL of \(record.ttl) s, expected \(comparison.rawValue) \(limit) s"
        case .authoritative(let wanted):
            guard reply.isAuthoritative != wanted else { return nil }
            return wanted ? "authoritative: expected an authoritative answer (AA), \(reply.server) answered from a cache"
                : "authoritative: expected a cached (non-authoritative) answer, \(reply.server) answered with AA set"
        default:
            return nil
        }
    }
}
