@testable import SmokegateModel
@testable import SmokegateStats
import Testing

/// The exceedance (tail) test and Holm's correction against values computed independently: the exact tail by
/// enumerating every arrangement of the ranked samples (Python, `itertools.combinations`), Holm by hand.
@Suite struct TailTestTests {
    /// (baseline n, candidate n, the threshold's rank among the baseline, candidate samples above it, P(K ≥ that)).
    static let enumerated: [(Int, Int, Int, Int, Double)] = [
        (6, 5, 5, 2, 14.0 / 33), (6, 5, 6, 1, 5.0 / 11), (6, 5, 6, 3, 2.0 / 33), (7, 7, 4, 5, 127.0 / 429), (8, 6, 7, 3, 25.0 / 143),
    ]

    @Test func upperTailMatchesEnumeration() {
        for (nb, nc, rank, observed, expected) in Self.enumerated {
            let p = ExceedanceTest.upperTail(observed: observed, rank: rank, baseline: nb, candidate: nc)
            #expect(abs(p - expected) < 1e-12, "nb \(nb) nc \(nc) rank \(rank) k \(observed): got \(p), expected \(expected)")
        }
    }

    @Test func everyCandidateAboveTheBaselineMaximumIsOneArrangementIn() {
        // K ≥ k above the maximum means the top k pooled ranks are all the candidate's: C(nc, k) / C(nb + nc, k).
        let result = ExceedanceTest.test(candidate: [11, 12, 13, 1, 2], baseline: [3, 4, 5, 6, 7, 8], percentile: 100)
        #expect(result?.candidateAbove == 3)
        #expect(result?.baselineAbove == 0)
        #expect(abs((result?.pValue ?? 0) - 10.0 / 165) < 1e-12)
    }

    @Test func tiesAtTheThresholdDoNotCountForTheCandidate() {
        let result = ExceedanceTest.test(candidate: [5, 5, 5, 5], baseline: [1, 2, 5, 5], percentile: 50)
        // The threshold is 2 (the nearest-rank p50 of the baseline); two baseline and four candidate values lie above.
        #expect(result?.threshold == 2)
        #expect(result?.baselineAbove == 2)
        #expect(result?.candidateAbove == 4)
        let none = ExceedanceTest.test(candidate: [5, 5], baseline: [5, 5, 5], percentile: 95)
        #expect(none?.candidateAbove == 0)
        #expect(none?.pValue == 1)
    }

    @Test func holmAdjustsInStepsAndStaysMonotone() {
        let adjusted = HolmCorrection.adjust([0.01, 0.04, 0.03, 0.005, 0.2])
        let expected = [0.04, 0.09, 0.09, 0.025, 0.2]
        for (got, want) in zip(adjusted, expected) { #expect(abs(got - want) < 1e-12, "\(adjusted)") }
        #expect(HolmCorrection.adjust([]).isEmpty)
        #expect(HolmCorrection.adjust([0.6, 0.7]) == [1, 1])
    }
}
