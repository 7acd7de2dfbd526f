/// Which version answered one target over time: runs of the same version, the cutover and any flap back.
public struct VersionTimeline: Sendable {
    /// Consecutive answers from one version.
    public struct Segment: Sendable, Hashable {
        public var version: String
        public var first: Duration
        public var last: Duration
        public var probes: Int
    }

    /// A return to a version that an already newer one had replaced.
    public struct Flap: Sendable, Hashable {
        public var at: Duration
        public var from: String
        public var to: String
    }

    /// The switch from the first version seen to the newest one.
    public struct Cutover: Sendable, Hashable {
        public var from: String
        public var to: String
        /// First answer from the new version.
        public var firstNew: Duration
        /// Last answer from the old version.
        public var lastOld: Duration
        /// Flaps back to an older version since the new one first answered.
        public var flaps: Int
        /// The latest answer came from an older version than `to`.
        public var rolledBack: Bool

        /// From the earlier of the two edges to the later: the old version's last answer to the new one's first
        /// for a clean switch, the new one's first to the old one's last when both answered for a while.
        public var start: Duration { min(firstNew, lastOld) }
        public var end: Duration { max(firstNew, lastOld) }
        public var window: Duration { end - start }
        /// How long both versions answered.
        public var mixed: Duration { max(.zero, lastOld - firstNew) }
    }

    private struct Seen: Sendable {
        var first: Duration
        var last: Duration
        var count: Int
        /// The order in which versions first answered: an answer from a lower order after a higher one is a flap.
        var order: Int
    }

    public private(set) var segments: [Segment] = []
    public private(set) var droppedSegments = 0
    public private(set) var flaps: [Flap] = []
    public private(set) var flapCount = 0
    /// The version of the latest answer that named one.
    public private(set) var current: String?
    private var seen: [String: Seen] = [:]
    private var firstVersion: String?
    private let kept: Int

    public init(keeping kept: Int = 1000) {
        self.kept = kept
    }

    /// Answers per version.
    public var counts: [String: Int] { seen.mapValues(\.count) }

    /// Whether `version` has answered at all.
    public func hasSeen(_ version: String) -> Bool { seen[version] != nil }

    /// Folds in the next probe's version (in start order); returns the previous version when it changed.
    public mutating func record(started: Duration, version: String) -> (from: String?, flap: Bool)? {
        let previous = current
        var entry = seen[version] ?? Seen(first: started, last: started, count: 0, order: seen.count)
        entry.last = started
        entry.count += 1
        seen[version] = entry
        if firstVersion == nil { firstVersion = version }
        current = version
        if previous == version, !segments.isEmpty, droppedSegments == 0 {
            segments[segments.count - 1].last = started
            segments[segments.count - 1].probes += 1
            return nil
        }
        if previous == version { return nil }
        if segments.count < kept { segments.append(Segment(version: version, first: started, last: started, probes: 1)) } else { droppedSegments += 1 }
        var flapped = false
        if let previous, let before = seen[previous], entry.order < before.order {
            flapCount += 1
            flapped = true
            if flaps.count < 100 { flaps.append(Flap(at: started, from: previous, to: version)) }
        }
        return (previous, flapped)
    }

    /// The cutover from the first version to the newest (the last to answer for the first time); nil while only
    /// one version has answered. A target back on an older version at the end is marked rolled back.
    public var cutover: Cutover? {
        guard let from = firstVersion, let newest = seen.max(by: { $0.value.order < $1.value.order }), newest.key != from,
              let old = seen[from] else { return nil }
        let flapsSince = flaps.filter { $0.at >= newest.value.first }.count + max(0, flapCount - flaps.count)
        return Cutover(from: from, to: newest.key, firstNew: newest.value.first, lastOld: old.last, flaps: flapsSince,
                       rolledBack: current != newest.key)
    }
}
