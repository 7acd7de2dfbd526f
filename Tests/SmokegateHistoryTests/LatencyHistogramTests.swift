import Foundation
@testable import SmokegateStats
import SmokegateHistoryFixtures
import Testing

@Suite struct LatencyHistogramTests {
    /// The exact nearest-rank percentile of `values`, computed by sorting (independent of the histogram).
    private func exactPercentile(_ values: [UInt64], _ percentile: Double) -> UInt64 {
        let sorted = values.sorted()
        let rank = max(1, Int((percentile / 100 * Double(sorted.count)).rounded(.up)))
        return sorted[rank - 1]
    }

    @Test func everyValueIsWithinTheStatedRelativeErrorOfItsBucket() {
        var random = SplitMix64(state: 7)
        let values: [UInt64] = Array(0...5000) + (0..<20000).map { _ in random.next() >> UInt64(random.int(in: 0...63)) } + [UInt64.max, UInt64.max - 1]
        for value in values {
            var histogram = LatencyHistogram()
            histogram.record(microseconds: value)
            let reported = try! #require(histogram.valueAtPercentile(50))
            let error = value == 0 ? Double(reported) : abs(Double(reported) - Double(value)) / Double(value)
            #expect(error <= LatencyHistogram.relativeError, "value \(value) reported as \(reported)")
        }
    }

    @Test func bucketsTileTheWholeRangeWithoutGapsOrOverlaps() {
        var expectedLow: UInt64 = 0
        for index in 0...LatencyHistogram.maxIndex {
            let bounds = LatencyHistogram.bounds(ofBucket: index)
            #expect(bounds.lowerBound == expectedLow, "bucket \(index)")
            #expect(LatencyHistogram.bucketIndex(of: bounds.lowerBound) == index)
            #expect(LatencyHistogram.bucketIndex(of: bounds.upperBound) == index)
            if index == LatencyHistogram.maxIndex {
                #expect(bounds.upperBound == UInt64.max)
            } else {
                expectedLow = bounds.upperBound + 1
            }
        }
    }

    @Test func percentilesMatchTheExactOnesWithinTheError() throws {
        var random = SplitMix64(state: 42)
        // A long-tailed latency shape: mostly 2–20 ms, a few up to 2 s.
        let values: [UInt64] = (0..<10_000).map { _ in
            random.int(in: 0...99) < 97 ? UInt64(random.int(in: 2_000...20_000)) : UInt64(random.int(in: 20_000...2_000_000))
        }
        var histogram = LatencyHistogram()
        values.forEach { histogram.record(microseconds: $0) }
        #expect(histogram.totalCount == 10_000)
        for percentile in [1.0, 50, 90, 95, 99, 99.9, 100] {
            let exact = Double(exactPercentile(values, percentile))
            let reported = Double(try #require(histogram.valueAtPercentile(percentile)))
            #expect(abs(reported - exact) / exact <= LatencyHistogram.relativeError, "p\(percentile): \(reported) vs \(exact)")
        }
    }

    @Test func mergingAddsCountsAndGivesTheUnionsPercentilesNotAveragedOnes() throws {
        // A quiet day and a bad hour: the month's p99 is the bad hour's tail, which averaging hides.
        let quiet: [UInt64] = (0..<9_900).map { UInt64(5_000 + $0 % 1_000) }
        let bad: [UInt64] = (0..<100).map { UInt64(900_000 + $0 * 1_000) }
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        quiet.forEach { first.record(microseconds: $0) }
        bad.forEach { second.record(microseconds: $0) }
        var union = LatencyHistogram()
        (quiet + bad).forEach { union.record(microseconds: $0) }

        let merged = first.merging(second)
        #expect(merged == union)
        let exact = Double(exactPercentile(quiet + bad, 99.5))
        let fromMerged = Double(try #require(merged.valueAtPercentile(99.5)))
        #expect(abs(fromMerged - exact) / exact <= LatencyHistogram.relativeError)
        let averaged = (Double(try #require(first.valueAtPercentile(99.5))) + Double(try #require(second.valueAtPercentile(99.5)))) / 2
        #expect(abs(averaged - exact) / exact > 0.3, "averaging percentiles would have been close enough; the test proves nothing")
    }

    @Test func millisecondsAreRoundedToMicroseconds() {
        var histogram = LatencyHistogram()
        histogram.record(milliseconds: 12.3456)
        histogram.record(milliseconds: -3)
        histogram.record(milliseconds: .nan)
        #expect(histogram.totalCount == 3)
        #expect(histogram.valueAtPercentile(1) == 0)
        let p100 = Double(histogram.valueAtPercentile(100) ?? 0)
        #expect(abs(p100 - 12_346) / 12_346 <= LatencyHistogram.relativeError)
    }

    @Test func emptyHistogramHasNoPercentiles() {
        #expect(LatencyHistogram().valueAtPercentile(50) == nil)
        #expect(LatencyHistogram().isEmpty)
    }

    @Test func encodingRoundTripsAndStaysCompact() throws {
        var random = SplitMix64(state: 3)
        var histogram = LatencyHistogram()
        for _ in 0..<200 {
            histogram.record(microseconds: UInt64(random.int(in: 800...90_000)))
        }
        histogram.record(microseconds: UInt64.max, count: 5)
        let bytes = histogram.encoded()
        #expect(try LatencyHistogram(encoded: bytes) == histogram)
        // 200 values over ~6 octaves fill at most 200 buckets of ~3–4 bytes each.
        #expect(bytes.count < 200 * 5)
        #expect(try LatencyHistogram(encoded: LatencyHistogram().encoded()) == LatencyHistogram())
        let json = try JSONEncoder().encode([histogram])
        #expect(try JSONDecoder().decode([LatencyHistogram].self, from: json) == [histogram])
    }

    @Test func damagedBytesAreRefused() throws {
        var histogram = LatencyHistogram()
        histogram.record(microseconds: 1_000, count: 3)
        histogram.record(microseconds: 50_000)
        let good = [UInt8](histogram.encoded())
        let damaged: [[UInt8]] = [
            [],
            [2] + good.dropFirst(),            // unknown version
            Array(good.dropLast()),            // truncated
            good + [0],                        // trailing byte
            [1, 1, 0xFF, 0xFF, 0x01, 1],       // index past the last bucket
            [1, 2, 5, 1, 0, 1],                // a repeated index
            [1, 1, 5, 0],                      // an empty bucket
            [1, 1, 5] + Array(repeating: 0xFF, count: 10) + [1], // a count wider than 64 bits
        ]
        for bytes in damaged {
            #expect(throws: LatencyHistogram.DecodingFailure.self, "\(bytes)") { try LatencyHistogram(encoded: Data(bytes)) }
        }
    }
}
