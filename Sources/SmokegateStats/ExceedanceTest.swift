import Foundation

/// An exact test of whether the candidate's tail is slower than the baseline's: how many candidate samples lie
/// above a high order statistic of the baseline (its pN), against what chance would put there.
///
/// Mann–Whitney sees shifts of the whole distribution; a regression confined to the slowest few percent barely
/// moves it. This test looks where such a regression is: above the baseline's pN. When both samples come from one
/// continuous distribution, every arrangement of the pooled, ranked samples is equally likely, so the number K of
/// the `nc` candidate samples above the baseline's r-th smallest value (of `nb`) has the exact law
///
///     P(K = k) = C(r − 1 + nc − k, nc − k) · C(nb − r + k, k) / C(nb + nc, nc)
///
/// (below the threshold sit r − 1 baseline and nc − k candidate samples in any order, above it nb − r and k).
/// The p-value is P(K ≥ observed). Ties are counted against the alternative: only candidate samples strictly above
/// the threshold count, and the threshold's rank is the number of baseline samples at or below it, so ties make the
/// test conservative, never liberal.
public enum ExceedanceTest {
    /// The counts and p-value of one test.
    public struct Result: Sendable, Hashable, Codable {
        /// The baseline value the candidate samples are counted above, in the samples' unit.
        public var threshold: Double
        /// Baseline samples strictly above the threshold.
        public var baselineAbove: Int
        /// Candidate samples strictly above the threshold.
        public var candidateAbove: Int
        /// How many candidate samples chance alone would put above it, on average.
        public var expectedAbove: Double
        /// P(K ≥ candidateAbove) when both samples come from one distribution.
        public var pValue: Double
    }

    /// Tests whether `candidate` has more samples above `baseline`'s `percentile` (nearest rank, 0 < p ≤ 100; 100 is
    /// the baseline's maximum) than chance would give. nil when either sample is empty.
    public static func test(candidate: [Double], baseline: [Double], percentile: Double) -> Result? {
        guard !candidate.isEmpty, !baseline.isEmpty, percentile > 0, percentile <= 100 else { return nil }
        let sorted = baseline.sorted()
        let nb = sorted.count, nc = candidate.count
        // Nearest rank, as the reported percentiles: the smallest value with at least p% at or below it.
        let rank = Swift.max(1, Int((percentile / 100 * Double(nb) - 1e-9).rounded(.up)))
        let threshold = sorted[rank - 1]
        let atOrBelow = sorted.count { $0 <= threshold }
        let candidateAbove = candidate.count { $0 > threshold }
        let p = upperTail(observed: candidateAbove, rank: atOrBelow, baseline: nb, candidate: nc)
        return Result(threshold: threshold, baselineAbove: nb - atOrBelow, candidateAbove: candidateAbove,
                      expectedAbove: Double(nc) * Double(nb - atOrBelow + 1) / Double(nb + 1), pValue: p)
    }

    /// P(K ≥ observed) for the candidate samples above the baseline's `rank`-th smallest value.
    static func upperTail(observed: Int, rank: Int, baseline nb: Int, candidate nc: Int) -> Double {
        guard observed > 0 else { return 1 }
        guard observed <= nc else { return 0 }
        let total = logChoose(nb + nc, nc)
        // Summed from the far end up, smallest terms first, for accuracy in the extreme tail.
        var sum = 0.0
        for k in stride(from: nc, through: observed, by: -1) {
            let below = logChoose(rank - 1 + nc - k, nc - k)
            let above = logChoose(nb - rank + k, k)
            sum += exp(below + above - total)
        }
        return Swift.min(1, sum)
    }

    /// log C(n, k).
    static func logChoose(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return -.infinity }
        return lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
