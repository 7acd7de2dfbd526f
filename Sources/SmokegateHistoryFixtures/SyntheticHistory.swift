import Foundation
import SmokegateStats
import SmokegateHistory

/// Deterministic made-up history for the tests and measurements: the same id always gives the same run, so a
/// checker can regenerate what a writer wrote and compare it with what the database holds.
public enum SyntheticHistory {
    /// A run whose shape (checks, environments, windows…) and figures all follow from `id`.
    ///
    /// With `checks` and `environments` given, the run has exactly that many results (the write-cost
    /// measurement's 30 × 2); otherwise between 1 and 40 checks in 1 to 3 environments.
    public static func run(id: UUID, checks: Int? = nil, environments: [String]? = nil) -> RunRecord {
        var random = SplitMix64(seed: id)
        let environments = environments ?? Array(["blue", "green", "canary"].prefix(random.int(in: 1...3)))
        let checkCount = checks ?? random.int(in: 1...40)
        let kind: RunKind = random.int(in: 0...3) == 0 ? .watch : .run
        // Whole microseconds, so a moment reads back equal from both databases.
        let started = Date(timeIntervalSince1970: Double(1_767_225_600_000_000 + random.int(in: 0...2_000_000_000_000)) / 1_000_000)
        let finished = started.addingTimeInterval(Double(random.int(in: 1_000...600_000)) / 1000)
        var results: [CheckResultRecord] = []
        for check in 0..<checkCount {
            for environment in environments {
                var latency = LatencyHistogram()
                let samples = random.int(in: 1...200)
                let failed = random.int(in: 0...3) == 0 ? random.int(in: 0...samples) : 0
                for _ in 0..<(samples - failed) {
                    latency.record(microseconds: UInt64(random.int(in: 800...90_000)))
                }
                results.append(CheckResultRecord(
                    suite: "suite-\(check % 3)",
                    check: "check-\(check)",
                    environment: environment,
                    samples: samples,
                    failed: failed,
                    failuresByReason: failed == 0 ? [:] : ["status": failed / 2, "timeout": failed - failed / 2],
                    p50Ms: latency.millisecondsAtPercentile(50),
                    p95Ms: latency.millisecondsAtPercentile(95),
                    p99Ms: latency.millisecondsAtPercentile(99),
                    latency: latency,
                    observedSeconds: kind == .watch ? finished.timeIntervalSince(started) : nil,
                    downtimeSeconds: kind == .watch ? Double(random.int(in: 0...5)) : nil
                ))
            }
        }
        let comparisons: [ComparisonRecord] = environments.count < 2 ? [] : (0..<min(checkCount, 8)).map { check in
            ComparisonRecord(
                check: "check-\(check)", baselineEnvironment: environments[0], candidateEnvironment: environments[1],
                decision: ["promote", "hold", "rollback"][random.int(in: 0...2)],
                reasons: random.int(in: 0...1) == 0 ? [] : ["p95 up \(random.int(in: 1...90)) %"],
                pValue: Double(random.int(in: 0...1000)) / 1000
            )
        }
        let windows: [DowntimeWindowRecord] = kind == .run ? [] : (0..<random.int(in: 0...4)).map { index in
            let start = started.addingTimeInterval(Double(index * 10))
            let seconds = Double(random.int(in: 1...9))
            return DowntimeWindowRecord(
                id: random.uuid(), target: "check-0@\(environments[0])", startedAt: start, endedAt: start.addingTimeInterval(seconds),
                durationSeconds: seconds, failedProbes: random.int(in: 1...20), reasons: ["connection_refused": 1]
            )
        }
        return RunRecord(
            id: id,
            kind: kind,
            suites: (0..<min(checkCount, 3)).map { "suite-\($0)" },
            startedAt: started,
            finishedAt: finished,
            decision: ["pass", "fail", "promote", "hold", "rollback"][random.int(in: 0...4)],
            exitCode: random.int(in: 0...2),
            environments: environments,
            labels: ["commit": String(format: "%08x", random.int(in: 0...0x7fff_ffff)), "pipeline": "\(random.int(in: 1...999))"],
            results: results,
            comparisons: comparisons,
            windows: windows
        )
    }

    /// One serve target's rollup for one hour of probes every 10 s: 3 % of hours have a few minutes down; latency
    /// is log-normal around the target's own median (5–50 ms, σ = 0.35) with 1 % of probes in a slow tail up to 1 s.
    /// With `latencies: false` the histogram stays empty (the caller supplies one).
    public static func rollup(target: String, hourStart: Date, seed: UInt64, latencies: Bool = true) -> HourlyRollupRecord {
        var random = SplitMix64(state: seed)
        var targetRandom = SplitMix64(state: UInt64(truncatingIfNeeded: target.hashValueStable))
        let median = Double(targetRandom.int(in: 5_000...50_000))
        let probes = 360
        let downSeconds = random.int(in: 0...99) < 3 ? Double(random.int(in: 10...300)) : 0
        let failed = Int(downSeconds / 10)
        var latency = LatencyHistogram()
        for _ in 0..<(latencies ? probes - failed : 0) {
            if random.int(in: 0...99) == 0 {
                latency.record(microseconds: UInt64(random.int(in: 100_000...1_000_000)))
            } else {
                // Box–Muller: a standard normal from two uniforms.
                let u1 = Double(random.int(in: 1...1_000_000)) / 1_000_000
                let u2 = Double(random.int(in: 0...1_000_000)) / 1_000_000
                let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
                latency.record(microseconds: UInt64(median * exp(0.35 * normal)))
            }
        }
        return HourlyRollupRecord(
            target: target, hourStart: hourStart, observedSeconds: 3600, probes: probes, failed: failed,
            downtimeSeconds: downSeconds, latency: latency
        )
    }

    /// `run` with every moment rounded to the microsecond, the precision both databases keep.
    public static func normalized(_ run: RunRecord) -> RunRecord {
        var copy = run
        copy.startedAt = micro(run.startedAt)
        copy.finishedAt = micro(run.finishedAt)
        copy.windows = run.windows.map { window in
            var window = window
            window.startedAt = micro(window.startedAt)
            window.endedAt = window.endedAt.map(micro)
            return window
        }
        copy.cutovers = run.cutovers.map { cutover in
            var cutover = cutover
            cutover.startedAt = micro(cutover.startedAt)
            cutover.completedAt = cutover.completedAt.map(micro)
            return cutover
        }
        copy.deployment = run.deployment.map { deployment in
            var deployment = deployment
            deployment.startedAt = micro(deployment.startedAt)
            deployment.completedAt = deployment.completedAt.map(micro)
            deployment.downtimeDetectedAt = deployment.downtimeDetectedAt.map(micro)
            return deployment
        }
        copy.rollback = run.rollback.map { rollback in
            var rollback = rollback
            rollback.triggeredAt = micro(rollback.triggeredAt)
            rollback.completedAt = rollback.completedAt.map(micro)
            return rollback
        }
        return copy
    }

    /// `date` rounded to the microsecond.
    public static func micro(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(Int64((date.timeIntervalSince1970 * 1_000_000).rounded())) / 1_000_000)
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Seeds from a value.
    public init(state: UInt64) {
        self.state = state
    }

    /// Seeds from the bytes of a UUID.
    public init(seed id: UUID) {
        let bytes = id.uuid
        let words = withUnsafeBytes(of: bytes) { ($0.load(fromByteOffset: 0, as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
        self.state = words.0 ^ (words.1 &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly drawn integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// A UUID made of random bits.
    public mutating func uuid() -> UUID {
        var bytes = (next(), next())
        return withUnsafeBytes(of: &bytes) { raw in
            UUID(uuid: raw.load(as: uuid_t.self))
        }
    }
}

extension String {
    /// FNV-1a of the UTF-8 bytes: the same in every process, unlike `hashValue`.
    var hashValueStable: UInt64 {
        utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
