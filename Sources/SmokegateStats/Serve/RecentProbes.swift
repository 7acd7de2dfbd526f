import Foundation
import SmokegateVocabulary

/// The last probes of a target, oldest overwritten first: the sparkline on the status page, and the latency
/// percentiles and error rate over a recent span (exact, from the probes themselves). Fixed size.
public struct RecentProbes: Sendable {
    /// One probe, compactly: when it started, how long it took (or -1 without an answer), whether it failed.
    public struct Entry: Sendable, Hashable {
        public var startedAt: Date
        /// Microseconds; nil when no answer came (refused, timeout).
        public var latency: Int64?
        public var failed: Bool
    }

    public let capacity: Int
    /// Every slot written from the start: memory a target will use after its 256th probe (40 minutes in, at 10 s)
    /// is taken when it is created, so the process's size is flat from its first minute, not creeping for an hour.
    private var entries: [Entry]
    private var filled = 0
    private var next = 0

    public init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
        entries = [Entry](repeating: Entry(startedAt: .distantPast, latency: nil, failed: false), count: self.capacity)
    }

    public mutating func append(_ entry: Entry) {
        entries[next] = entry
        next = (next + 1) % capacity
        filled = min(capacity, filled + 1)
    }

    /// Oldest first.
    public var all: [Entry] {
        filled < capacity ? Array(entries[..<filled]) : Array(entries[next...] + entries[..<next])
    }

    /// The probes that started within `span` before `now`, oldest first.
    public func within(_ span: Duration, of now: Date) -> [Entry] {
        let from = now.addingTimeInterval(-span.seconds)
        return all.filter { $0.startedAt >= from }
    }
}
