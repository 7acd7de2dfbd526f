import Foundation
@testable import SmokegateHistory
import Testing

@Suite struct HistoryTimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000000Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500000Z"),
        (1_709_208_000.000001, "2024-02-29T12:00:00.000001Z"),
        (-1.25, "1969-12-31T23:59:58.750000Z"),
        (4_102_444_799.999999, "2099-12-31T23:59:59.999999Z"),
    ])
    func formatsFixedWidthUTC(seconds: Double, text: String) throws {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(HistoryTimestamp.format(date) == text)
        let parsed = try #require(HistoryTimestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.000_000_5)
    }

    @Test func readsSQLitesOwnMillisecondForm() throws {
        // What `strftime('%Y-%m-%dT%H:%M:%fZ')` and the created_at default write.
        let parsed = try #require(HistoryTimestamp.parse("2026-03-01T10:20:30.125Z"))
        #expect(parsed.timeIntervalSince1970 == 1_772_360_430.125)
        #expect(HistoryTimestamp.parse("2026-03-01T10:20:30Z")?.timeIntervalSince1970 == 1_772_360_430)
    }

    @Test(arguments: ["", "2026-03-01 10:20:30Z", "2026-13-01T00:00:00Z", "2026-03-01T10:20:30.1234567Z", "2026-03-01T10:20:30.Z", "2026-03-01T10:20:30+01:00", "garbage-garbage-garbage"])
    func refusesAnythingElse(text: String) {
        #expect(HistoryTimestamp.parse(text) == nil)
    }

    @Test func textOrderIsTimeOrder() {
        let dates = [-86_400.5, -0.000_001, 0, 0.000_001, 59.999_999, 60, 1_700_000_000.25].map(Date.init(timeIntervalSince1970:))
        let texts = dates.map(HistoryTimestamp.format)
        #expect(texts == texts.sorted())
        #expect(Set(texts).count == texts.count)
    }
}
