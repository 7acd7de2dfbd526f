import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVocabulary

/// Turns a monitor's snapshot into the status document: the figures every view of `serve` shows, computed once.
public enum ServeStatusBuilder {
    public static func build(_ snapshot: MonitorSnapshot, toolVersion: String) -> ServeStatus {
        let now = snapshot.takenAt
        let targets = snapshot.targets.map { target($0, now: now) }
        return ServeStatus(
            tool: .init(name: "smokegate", version: toolVersion), generatedAt: Timestamp.iso8601(now), startedAt: Timestamp.iso8601(snapshot.startedAt),
            uptimeSeconds: (now.timeIntervalSince(snapshot.startedAt) * 1000).rounded() / 1000, ready: snapshot.running,
            config: .init(files: snapshot.files, loadedAt: Timestamp.iso8601(snapshot.loadedAt),
                          lastReload: snapshot.lastReload.map { .init(at: Timestamp.iso8601($0.at), succeeded: $0.succeeded, errors: $0.errors) },
                          reloadFailures: snapshot.reloadFailures),
            summary: .init(targets: targets.count, up: targets.count { $0.state == .up }, down: targets.count { $0.state == .down },
                           unknown: targets.count { $0.state == .unknown }),
            targets: targets)
    }

    static func target(_ target: MonitoredTarget, now: Date) -> ServeStatus.Target {
        let day = now.addingTimeInterval(-86_400)
        let windows = target.windows.filter { ($0.end ?? now) >= day }.map { window in
            ServeStatus.Window(start: Timestamp.iso8601(window.start), end: window.end.map(Timestamp.iso8601),
                               durationSeconds: rounded((window.end ?? now).timeIntervalSince(window.start)), ongoing: window.end == nil,
                               failedProbes: window.failedProbes, reason: window.firstReason, firstFailure: window.firstMessage)
        }
        let hour = target.recent.within(.seconds(3600), of: now)
        let latency = LatencyDistribution(microseconds: hour.compactMap(\.latency)).map { distribution in
            ServeStatus.Latency(n: distribution.count, spanSeconds: rounded(hour.first.map { now.timeIntervalSince($0.startedAt) } ?? 0),
                                p50Ms: Double(distribution.p50) / 1000, p95Ms: Double(distribution.p95) / 1000, p99Ms: Double(distribution.p99) / 1000)
        }
        func availability(_ span: Duration) -> Double? {
            target.availability.figures(over: span, now: now).availability.map { ($0 * 1_000_000).rounded() / 1_000_000 }
        }
        return ServeStatus.Target(
            suite: target.key.suite, check: target.key.check, environment: target.key.environment, kind: target.kind, target: target.target,
            everySeconds: target.interval.seconds, state: target.status, since: target.statusSince.map(Timestamp.iso8601),
            last: target.last.map { last in
                ServeStatus.Last(at: Timestamp.iso8601(last.startedAt), passed: last.passed, latencyMs: last.latency.map { Double($0) / 1000 },
                                 status: last.status, reason: last.reason, message: last.message)
            },
            probes: target.probes, failed: target.failed, missed: target.missed, failuresByReason: target.failuresByReason,
            availability: .init(hour: availability(.seconds(3600)), day: availability(.seconds(86_400)), week: availability(.seconds(7 * 86_400))),
            downtimeSeconds: rounded(target.downtime(at: now)), windowCount: target.windowCount, windows: windows, latency: latency,
            version: target.version, versionSince: target.versionSince.map(Timestamp.iso8601),
            certificateExpiresAt: target.certificateExpiresAt.map(Timestamp.iso8601))
    }

    private static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}
