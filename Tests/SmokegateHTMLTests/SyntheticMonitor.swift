import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateTestSupport
import SmokegateVerdict
import SmokegateVocabulary

/// One made-up probe: its latency (nil: no answer), how it failed (nil: it passed), the version it named.
struct SyntheticProbe {
    var latencyMs: Double?
    var failure: Failure?
    var version: String?
    var status: Int?

    static func passed(_ latencyMs: Double, version: String? = nil) -> SyntheticProbe {
        SyntheticProbe(latencyMs: latencyMs, failure: nil, version: version, status: 200)
    }

    static func refused(_ message: String = "connect to 127.0.0.1:8443 refused") -> SyntheticProbe {
        SyntheticProbe(latencyMs: nil, failure: Failure(reason: .connectionRefused, message: message), version: nil, status: nil)
    }

    static func badStatus(_ latencyMs: Double, message: String = "status 503, expected 200") -> SyntheticProbe {
        SyntheticProbe(latencyMs: latencyMs, failure: Failure(reason: .status, message: message), version: nil, status: 503)
    }
}

/// Monitored targets made as `serve` makes them: made-up probes folded through `MonitoredTarget.receive`, one every
/// `interval`, the last one `interval` before `now`; and snapshots and status documents of them.
enum SyntheticMonitor {
    /// 2026-12-06 10:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_551_200)
    static let toolVersion = "0.9.0-test"

    static func target(_ key: TargetKey, kind: String = "http", target: String? = nil, interval: Duration = .seconds(300),
                       probes: [SyntheticProbe]) -> MonitoredTarget {
        var monitored = MonitoredTarget(key: key, kind: kind, target: target ?? "https://\(key.environment).shop.example/\(key.check)",
                                        interval: interval, fingerprint: "\(key)")
        for (index, probe) in probes.enumerated() {
            let startedAt = now.addingTimeInterval(-interval.seconds * Double(probes.count - index))
            var measurement = ProbeMeasurement(latency: probe.latencyMs.map { Int64($0 * 1000) }, status: probe.status)
            measurement.version = probe.version
            let sample = Sample(check: 0, environment: key.environment, index: index, scheduled: .zero, started: .zero, attempts: 1,
                                failures: probe.failure.map { [$0] } ?? [], rescuedFailures: [], measurement: measurement)
            _ = monitored.receive(sequence: index, sample, startedAt: startedAt)
        }
        return monitored
    }

    static func snapshot(_ targets: [MonitoredTarget], environments: [String] = ["blue", "green"], files: [String] = ["checks/shop.yml"],
                         lastReload: MonitorSnapshot.Reload? = nil, reloadFailures: UInt64 = 0) -> MonitorSnapshot {
        let suite = Suite(environments: environments.map { Environment(name: $0) }, checks: [], gates: [], files: files, redactor: Redactor())
        return MonitorSnapshot(takenAt: now, startedAt: now.addingTimeInterval(-2 * 86_400), files: files,
                               loadedAt: now.addingTimeInterval(-3600), lastReload: lastReload, reloadFailures: reloadFailures, running: true,
                               targets: targets, suite: suite)
    }

    static func status(_ snapshot: MonitorSnapshot) -> ServeStatus {
        ServeStatusBuilder.build(snapshot, toolVersion: toolVersion)
    }

    /// `count` targets (half in blue, half in green), a day of probes every five minutes each: most up with noisy
    /// latencies, some down now, some with a window earlier in the day, a few never probed; green moves to a new
    /// version half-way through.
    static func fleet(count: Int, seed: UInt64 = 17) -> [MonitoredTarget] {
        var random = FuzzRandom(seed: seed)
        var targets: [MonitoredTarget] = []
        for index in 0..<count {
            let environment = index % 2 == 0 ? "blue" : "green"
            let key = TargetKey(suite: "shop-\(index / 200)", check: "check-\(index / 2)", environment: environment)
            let base = Double(random.int(15...180))
            var probes: [SyntheticProbe] = (0..<288).map { step in
                let noise = Double(random.int(-30...30)) / 100
                let spike = random.chance(0.02) ? Double(random.int(2...6)) : 1
                return .passed(base * (1 + noise) * spike, version: environment == "green" && step >= 144 ? "1.5.0" : "1.4.2")
            }
            switch random.int(0..<100) {
            case 0..<5:
                for step in (288 - random.int(1...24))..<288 { probes[step] = random.chance(0.5) ? .refused() : .badStatus(base) }
            case 5..<15:
                let start = random.int(10...260)
                for step in start..<(start + random.int(1...6)) { probes[step] = .badStatus(base * 2) }
            case 15..<17:
                probes = []
            default:
                break
            }
            targets.append(target(key, probes: probes))
        }
        return targets
    }
}
