import Foundation

/// Time observed and time down, in rolling buckets: five minutes for the last day, an hour for the last week. Two
/// fixed rings, so a target probed for months holds the same few kilobytes.
public struct AvailabilityBuckets: Sendable {
    struct Bucket: Sendable {
        /// The bucket's number since the epoch (seconds / width); a ring slot holding another number is stale.
        var number: Int64 = -1
        var observed: Double = 0
        var down: Double = 0
        var probes: UInt32 = 0
        var failed: UInt32 = 0
    }

    struct Ring: Sendable {
        let width: Double
        var slots: [Bucket]

        init(width: Double, count: Int) {
            self.width = width
            slots = [Bucket](repeating: Bucket(), count: count)
        }

        mutating func update(at time: Double, _ change: (inout Bucket) -> Void) {
            let number = Int64((time / width).rounded(.down))
            let index = Int(number % Int64(slots.count))
            if slots[index].number != number { slots[index] = Bucket(number: number) }
            change(&slots[index])
        }

        /// Counts the time from `from` to `to` (seconds since the epoch), split at bucket edges.
        mutating func add(from start: Double, to end: Double, down: Bool) {
            var from = start
            while from < end {
                let edge = min(end, ((from / width).rounded(.down) + 1) * width)
                let length = edge - from
                update(at: from) { bucket in
                    bucket.observed += length
                    if down { bucket.down += length }
                }
                from = edge
            }
        }

        /// Sums of the buckets that start within `span` before `now`.
        func totals(over span: Double, now: Double) -> Bucket {
            let newest = Int64((now / width).rounded(.down))
            let oldest = Int64(((now - span) / width).rounded(.down))
            var total = Bucket()
            for slot in slots where slot.number >= oldest && slot.number <= newest {
                total.observed += slot.observed
                total.down += slot.down
                total.probes += slot.probes
                total.failed += slot.failed
            }
            return total
        }
    }

    private var fine = Ring(width: 300, count: 288)
    private var coarse = Ring(width: 3600, count: 168)

    public init() {}

    /// Counts the time from `start` to `end` as observed, and as down when `down`; split at bucket edges.
    public mutating func add(from start: Date, to end: Date, down: Bool) {
        let from = start.timeIntervalSince1970, to = end.timeIntervalSince1970
        guard to > from else { return }
        fine.add(from: from, to: to, down: down)
        coarse.add(from: from, to: to, down: down)
    }

    /// Counts one probe that started at `date`.
    public mutating func count(probeAt date: Date, failed: Bool) {
        let time = date.timeIntervalSince1970
        fine.update(at: time) { $0.probes += 1; if failed { $0.failed += 1 } }
        coarse.update(at: time) { $0.probes += 1; if failed { $0.failed += 1 } }
    }

    /// Figures over the last `span`: time up over time observed, and the probes; nil availability when nothing was
    /// observed. Up to a day the five-minute buckets answer, beyond it the hourly ones (a week at most).
    public func figures(over span: Duration, now: Date) -> (availability: Double?, observedSeconds: Double, downSeconds: Double, probes: Int, failed: Int) {
        let seconds = span.seconds
        let total = seconds <= 86_400 ? fine.totals(over: seconds, now: now.timeIntervalSince1970)
            : coarse.totals(over: min(seconds, 7 * 86_400), now: now.timeIntervalSince1970)
        let availability = total.observed > 0 ? max(0, 1 - total.down / total.observed) : nil
        return (availability, total.observed, total.down, Int(total.probes), Int(total.failed))
    }
}
