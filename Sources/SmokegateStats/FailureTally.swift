import SmokegateVocabulary
import SmokegateModel
/// Distinct failures with how often each occurred and the first sample it occurred in, for a check's result.
public struct FailureTally: Sendable {
    /// One distinct failure: its reason and message, how often, and the first sample (from 0) it occurred in.
    public struct Group: Sendable, Codable {
        public var reason: FailureReason
        public var message: String
        public var count: Int
        public var firstSample: Int
    }

    /// How many failing samples a report details; the groups count all of them.
    public static let detailedFailures = 20

    private var groups: [Failure: (count: Int, first: Int)] = [:]
    /// Distinct failures kept; later new ones are not grouped (a long watch must not grow without bound).
    private let limit: Int

    public init(limit: Int = .max) {
        self.limit = limit
    }

    public mutating func add(_ failures: [Failure], sample: Int) {
        for failure in failures {
            if let existing = groups[failure] {
                groups[failure] = (existing.count + 1, min(existing.first, sample))
            } else if groups.count < limit {
                groups[failure] = (1, sample)
            }
        }
    }

    /// Most frequent first, then earliest, then by text: the same samples always name the same failure first.
    public var sorted: [Group] {
        groups.map { Group(reason: $0.key.reason, message: $0.key.message, count: $0.value.count, firstSample: $0.value.first) }
            .sorted { ($1.count, $0.firstSample, $0.reason.rawValue, $0.message) < ($0.count, $1.firstSample, $1.reason.rawValue, $1.message) }
    }
}
