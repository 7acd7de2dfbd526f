import Foundation
import SmokegateHistory
import SmokegateHistoryFixtures

/// The figures of docs/history.md: how big the history of a large `serve` gets, and what recording a run costs.
struct HistoryMeasurement {
    var location: String
    var targets: Int
    var days: Int
    var runs: Int

    func perform() async throws {
        let store = try await HistoryStore.open(location)
        let hours = days * 24
        let start = HourlyRollupRecord.hourStart(containing: Date()).addingTimeInterval(-Double(hours) * 3600)
        let clock = ContinuousClock()
        var windows = 0
        let rollupTime = try await clock.measure {
            // Each target has a few distinct hours of latencies, reused: the bytes stored per row are the same as
            // with a fresh histogram every hour, and generating 720 000 histograms would take longer than storing them.
            let variants = 4
            let latencies = (0..<targets).map { target in
                (0..<variants).map { variant in
                    SyntheticHistory.rollup(target: "target-\(target)", hourStart: start, seed: UInt64(variant * targets + target)).latency
                }
            }
            for hour in 0..<hours {
                let hourStart = start.addingTimeInterval(Double(hour) * 3600)
                let rollups = (0..<targets).map { target in
                    var rollup = SyntheticHistory.rollup(target: "target-\(target)", hourStart: hourStart, seed: UInt64(hour * targets + target), latencies: false)
                    rollup.latency = latencies[target][hour % variants]
                    return rollup
                }
                try await store.record(rollups: rollups)
                // Serve writes a window for each stretch of downtime its rollups count.
                let hourWindows = rollups.filter { $0.downtimeSeconds > 0 }.map { rollup in
                    DowntimeWindowRecord(
                        target: rollup.target, startedAt: hourStart.addingTimeInterval(600),
                        endedAt: hourStart.addingTimeInterval(600 + rollup.downtimeSeconds), durationSeconds: rollup.downtimeSeconds,
                        failedProbes: rollup.failed, reasons: ["connection_refused": rollup.failed]
                    )
                }
                windows += hourWindows.count
                try await store.record(windows: hourWindows)
            }
        }
        let rollupBytes = try await store.databaseSize(compacting: true)
        print("rollups: \(targets) targets × \(hours) hours = \(targets * hours) rows, \(windows) windows, written in \(rollupTime)")
        print("size after \(days) days: \(rollupBytes) bytes (\(String(format: "%.1f", Double(rollupBytes) / 1_048_576)) MiB)")

        var durations: [Duration] = []
        for _ in 0..<runs {
            let run = SyntheticHistory.run(id: UUID(), checks: 30, environments: ["blue", "green"])
            durations.append(try await clock.measure { try await store.record(run) })
        }
        durations.sort()
        if !durations.isEmpty {
            let median = durations[durations.count / 2]
            let p90 = durations[min(durations.count - 1, durations.count * 9 / 10)]
            print("record a 30-check × 2-environment run: median \(median), p90 \(p90) over \(runs) runs")
        }
        let withRuns = try await store.databaseSize(compacting: true)
        print("size with the runs: \(withRuns) bytes")
        await store.close()
    }
}
