import Foundation
import SmokegateVocabulary
import SmokegateDocuments
import SmokegateProbes

/// One assertion on a probe's response, with where it was written.
public struct Expectation: Sendable {
    /// What is asserted.
    public enum Kind: Sendable {
        case status(StatusMatcher)
        case header(name: String, ValueMatcher)
        /// A cookie's value in the environment's jar after the response (`expect.cookies`).
        case cookie(name: String, ValueMatcher)
        case body(ValueMatcher)
        case json(path: JSONPath, ValueMatcher)
        case xpath(XPathExpression, markup: MarkupKind?, ValueMatcher)
        case maxLatency(Duration)
        /// A TCP reply or a Redis reply, as text.
        case reply(ValueMatcher)
        /// PostgreSQL: how many rows the query returned.
        case rowCount(ValueMatcher)
        /// PostgreSQL: a column's value in the first row (text, NULL as absent).
        case column(name: String, ValueMatcher)
        /// PostgreSQL: the query alone, without connecting.
        case maxQueryTime(Duration)
        /// The TLS leaf certificate's remaining validity, e.g. `> 14d`.
        case certificateExpiresIn(Threshold.Comparison, Duration)
        case certificateSubject(ValueMatcher)
        case certificateIssuer(ValueMatcher)
        /// A name the certificate must cover (among its subject alternative names).
        case certificateName(String)
        /// DNS: the reply's response code is one of these.
        case responseCode(Set<DNSResponseCode>)
        /// DNS: the answers (their data as `dig +short` prints it) against a set, members or a pattern.
        case answers(DNSAnswerMatcher)
        /// DNS: at least this many answers of the asked type.
        case minAnswers(Int)
        /// DNS: every answer's TTL at least (`ttl_min`) or at most (`ttl_max`) this many seconds.
        case ttl(Threshold.Comparison, UInt32)
        /// DNS: the reply's AA flag.
        case authoritative(Bool)
        /// DNS: every server of the check answers with the same answer set (`agree: true`).
        case serversAgree
        /// gRPC health: the serving status the server reports (SERVING unless the check says otherwise).
        case servingStatus(GRPCServingStatus)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// Whether judging it needs the peer's TLS certificate (so HTTP probes ask curl for it).
    public var needsCertificate: Bool {
        switch kind {
        case .certificateExpiresIn, .certificateSubject, .certificateIssuer, .certificateName: true
        default: false
        }
    }

    /// Whether judging it reads the body as text, which needs the body's charset (JSON is UTF-8 by definition).
    public var readsBodyText: Bool {
        switch kind {
        case .body, .xpath: true
        default: false
        }
    }

    /// The reason code a failure of this expectation reports.
    public var reason: FailureReason {
        switch kind {
        case .status: .status
        case .header: .header
        case .cookie: .cookie
        case .body: .body
        case .json: .json
        case .xpath: .xpath
        case .maxLatency, .maxQueryTime: .latency
        case .reply: .reply
        case .rowCount, .column: .rows
        case .certificateExpiresIn: .certificateExpiry
        case .certificateSubject, .certificateIssuer, .certificateName: .certificate
        case .responseCode: .rcode
        case .answers, .minAnswers: .answers
        case .ttl: .ttl
        case .authoritative: .authoritative
        case .serversAgree: .disagreement
        case .servingStatus: .servingStatus
        }
    }
}

/// Accepted status codes: exact codes and classes such as `2xx`.
public struct StatusMatcher: Sendable, Hashable, CustomStringConvertible {
    public var codes: Set<Int>
    /// Hundreds digit of accepted classes (2 for `2xx`).
    public var classes: Set<Int>

    public init(codes: Set<Int> = [], classes: Set<Int> = []) {
        self.codes = codes
        self.classes = classes
    }

    public func accepts(_ status: Int) -> Bool { codes.contains(status) || classes.contains(status / 100) }

    public var description: String {
        (codes.sorted().map(String.init) + classes.sorted().map { "\($0)xx" }).joined(separator: ", ")
    }
}

/// A compiled regular expression that remembers how it was written.
public struct Pattern: Sendable, Hashable, CustomStringConvertible {
    public let description: String
    private let regex: NSRegularExpression

    public init(_ text: String) throws {
        self.description = text
        self.regex = try NSRegularExpression(pattern: text)
    }

    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The first match's first group when the pattern has one and it took part, else the whole match; nil without
    /// a match.
    public func firstCapture(in text: String) -> String? {
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        if match.numberOfRanges > 1, let group = Range(match.range(at: 1), in: text) { return String(text[group]) }
        return Range(match.range, in: text).map { String(text[$0]) }
    }

    public static func == (a: Pattern, b: Pattern) -> Bool { a.description == b.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

/// Predicates on one value (a header, a body, a JSON node, an XPath result); all must hold.
public struct ValueMatcher: Sendable {
    /// One predicate.
    public enum Predicate: Sendable {
        case equals(JSONValue)
        case notEquals(JSONValue)
        case exists(Bool)
        case contains(String)
        case notContains(String)
        case matches(Pattern)
        case length(Int)
        case compare(Threshold.Comparison, Double)
    }

    public var predicates: [Predicate]

    public init(_ predicates: [Predicate]) { self.predicates = predicates }
}
