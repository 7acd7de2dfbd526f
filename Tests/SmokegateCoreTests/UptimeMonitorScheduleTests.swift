@testable import SmokegateCore
import SmokegateModel
import Testing

/// Where serve puts each target's first probe within its interval: on a grid, so one wake-up starts every probe due
/// together, and spread, so a thousand targets never fire at once.
@Suite struct UptimeMonitorScheduleTests {
    static func keys(_ count: Int) -> [TargetKey] {
        (0..<count).map { TargetKey(suite: "bench", check: "slow \($0)", environment: "green") }
    }

    @Test func offsetsSitOnTheGridAndSpreadOverTheInterval() {
        let interval = Duration.seconds(10)
        let grid = UptimeMonitor.startGrid.nanoseconds
        var perSlot: [Int64: Int] = [:]
        for key in Self.keys(1_000) {
            let offset = UptimeMonitor.startOffset(for: key, every: interval)
            #expect(offset >= .zero && offset < interval, "\(key): \(offset)")
            #expect(offset.nanoseconds % grid == 0, "\(key): \(offset) is off the 25 ms grid")
            perSlot[offset.nanoseconds / grid, default: 0] += 1
        }
        // 1 000 targets over 400 slots: a hash spreads them (2.5 a slot on average); all in a few slots would not.
        #expect(perSlot.count >= 300, "only \(perSlot.count) distinct start times")
        #expect((perSlot.values.max() ?? 0) <= 12, "\(perSlot.values.max() ?? 0) targets start together")
    }

    @Test func anOffsetIsStableAndAnIntervalOffTheGridIsStillRespected() {
        let key = TargetKey(suite: "shop", check: "health", environment: "green")
        // FNV-1a of "shop/health [green]" is 17610404835849855311; mod 1 200 steps of 25 ms: 911 steps. A process
        // with another hash (Swift's seeded one) or grid would start the target elsewhere after each restart.
        #expect(UptimeMonitor.startOffset(for: key, every: .seconds(30)) == .milliseconds(22_775))
        // 333 ms is not a whole number of grid steps: the offset is then any point within the interval.
        for key in Self.keys(200) {
            let offset = UptimeMonitor.startOffset(for: key, every: .milliseconds(333))
            #expect(offset >= .zero && offset < .milliseconds(333))
        }
        // An interval shorter than one step is not a whole number of steps either: any point within it.
        #expect(UptimeMonitor.startOffset(for: key, every: .milliseconds(10)) < .milliseconds(10))
    }
}
