import Foundation
import SmokegateHistory
import SmokegateStats

/// `serve`'s monitor snapshots folded into what the history keeps for it: per target and UTC hour, the probes,
/// failures, observed and down seconds since the previous snapshot (rollups carrying the hour's running totals,
/// so writing one again replaces it), and the downtime windows that opened or closed.
///
/// What happened between two snapshots is counted in the hour of the later one: with a snapshot a minute, at most
/// a minute lands in the next hour. A target first seen (at start or after a reload) starts counting then.
/// Latencies are not folded: the monitor keeps Prometheus buckets, not the history's histogram.
public struct ServeHistoryFolder: Sendable {
    private struct Seen: Sendable {
        var at: Date
        var probes: UInt64
        var failed: UInt64
        var downtime: Double
    }

    private var seen: [String: Seen] = [:]
    private var hours: [String: HourlyRollupRecord] = [:]
    /// Windows written, by id, and whether they were closed then.
    private var windowsWritten: [UUID: Bool] = [:]

    public init() {}

    /// The rollups and windows that changed since the previous snapshot.
    public mutating func fold(_ snapshot: MonitorSnapshot) -> (rollups: [HourlyRollupRecord], windows: [DowntimeWindowRecord]) {
        let now = snapshot.takenAt
        let hour = HourlyRollupRecord.hourStart(containing: now)
        var rollups: [HourlyRollupRecord] = []
        var windows: [DowntimeWindowRecord] = []
        for target in snapshot.targets {
            let key = HistoryTarget.key(check: target.key.check, environment: target.key.environment)
            let open = target.windows.last.flatMap { $0.end == nil ? now.timeIntervalSince($0.start) : nil } ?? 0
            let current = Seen(at: now, probes: target.probes, failed: target.failed, downtime: target.closedDowntime + max(0, open))
            defer { seen[key] = current }
            guard let previous = seen[key], current.probes >= previous.probes else { continue }
            var rollup = hours[key + "@" + String(hour.timeIntervalSince1970)]
                ?? HourlyRollupRecord(target: key, hourStart: hour, observedSeconds: 0, probes: 0, failed: 0, downtimeSeconds: 0)
            rollup.accumulate(HourlyRollupRecord(
                target: key, hourStart: hour, observedSeconds: max(0, now.timeIntervalSince(previous.at)),
                probes: Int(current.probes - previous.probes), failed: Int(current.failed - min(previous.failed, current.failed)),
                downtimeSeconds: max(0, current.downtime - previous.downtime)))
            rollup.observedSeconds = min(rollup.observedSeconds, 3600)
            rollup.downtimeSeconds = min(rollup.downtimeSeconds, rollup.observedSeconds)
            hours[key + "@" + String(hour.timeIntervalSince1970)] = rollup
            rollups.append(rollup)
            for window in target.windows {
                let id = Self.windowID(target: key, start: window.start)
                guard windowsWritten[id] != (window.end != nil) else { continue }
                windowsWritten[id] = window.end != nil
                windows.append(DowntimeWindowRecord(
                    id: id, target: key, startedAt: window.start, endedAt: window.end,
                    durationSeconds: (window.end ?? now).timeIntervalSince(window.start), failedProbes: window.failedProbes,
                    reasons: [window.firstReason.rawValue: window.failedProbes]))
            }
        }
        hours = hours.filter { $0.value.hourStart >= hour }
        return (rollups, windows)
    }

    /// The same id for a window whenever it is written: FNV-1a over the target and the window's start.
    static func windowID(target: String, start: Date) -> UUID {
        var bytes: [UInt8] = []
        for seed in [UInt64(0xcbf2_9ce4_8422_2325), 0x8422_2325_cbf2_9ce4] {
            var hash = seed
            for byte in Array((target + "|" + String(start.timeIntervalSince1970)).utf8) {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            bytes += withUnsafeBytes(of: hash.bigEndian, Array.init)
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
