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
    private var entries: [Entry] = []
    private var next = 0

    public init(capacity: Int = 256) {
        self.capacity = capacity
        entries.reserveCapacity(capacity)
    }

    public mutating func append(_ entry: Entry) {
        if entries.count < capacity {
            entries.append(entry)
        } else {
            entries[next] = entry
        }
        next = (next + 1) % capacity
    }

    /// Oldest first.
    public var all: [Entry] {
        entries.count < capacity ? entries : Array(entries[next...] + entries[..<next])
    }

    /// The probes that started within `span` before `now`, oldest first.
    public func within(_ span: Duration, of now: Date) -> [Entry] {
        let from = now.addingTimeInterval(-span.seconds)
        return all.filter { $0.startedAt >= from }
    }
}
