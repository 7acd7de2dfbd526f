import Foundation
@testable import SmokegateModel
@testable import SmokegateStats
import Testing

/// Reference values pasted from SciPy 1.17.1, obtained as each group's comment says; p-values and z are compared
/// to 1e-9 relative, U exactly.
@Suite struct MannWhitneyUTests {
    /// One call to `mannwhitneyu` and what SciPy answered.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var x: [Double]
        var y: [Double]
        var alternative: StatisticalAlternative
        var method: MannWhitneyU.Method?
        var continuity = true
        var expectedMethod: MannWhitneyU.Method
        var u: Double
        var p: Double
        var testDescription: String { "\(name) \(alternative.rawValue) \(method?.rawValue ?? "auto") cc=\(continuity)" }
    }

    static let separatedX = [112.4, 118.9, 121.3, 125.0, 130.2, 127.7, 119.5, 133.1, 124.6, 122.8]
    static let separatedY = [98.1, 101.5, 99.7, 103.2, 100.4, 97.9, 102.6, 104.8, 96.5, 100.9]
    static let overlapX = [101.2, 99.8, 104.5, 97.3, 102.2, 100.9, 98.4, 103.7, 99.1, 101.8, 96.9, 102.9]
    static let overlapY = [
        100.4, 98.7, 103.1, 99.5, 101.1, 97.8, 102.5, 100.1, 104.2, 98.9, 101.6, 99.9, 103.4, 97.1, 100.7,
    ]
    static let tiesX: [Double] = [10, 10, 11, 11, 11, 12, 12, 13, 13, 13, 14, 20]
    static let tiesY: [Double] = [10, 10, 10, 11, 11, 12, 12, 12, 12, 13, 15]
    static let identical: [Double] = [5, 6, 7, 8, 9]
    static let fiveX = [14.2, 17.9, 15.5, 19.1, 16.3]
    static let sevenY = [12.8, 13.9, 16.0, 11.7, 14.9, 12.2, 13.1]
    static let eightTiesX: [Double] = [20, 21, 21, 23, 24, 25, 25, 27]
    static let eightTiesY: [Double] = [19, 20, 20, 22, 22, 23, 24, 26]
    static let eightX = [20.5, 21.1, 22.4, 23.3, 24.2, 25.8, 26.1, 27.7]
    static let eightY = [19.2, 20.1, 20.9, 22.0, 22.8, 23.6, 24.4, 26.6]
    static let threeX = [30.5, 31.2, 29.9]
    /// Python: [float(20 + i) + 0.25 for i in range(19)]
    static let nineteenY = (0..<19).map { Double(20 + $0) + 0.25 }
    /// Python: [1000.0 + i for i in range(300)] and [float(i) for i in range(300)]
    static let farX = (0..<300).map { 1000.0 + Double($0) }
    static let farY = (0..<300).map { Double($0) }

    // scipy 1.17.1: mannwhitneyu(x, y, alternative=alt) with the defaults method='auto', use_continuity=True
    static let autoCases: [Case] = [
        Case(name: "separated", x: separatedX, y: separatedY, alternative: .greater, method: nil, expectedMethod: .asymptotic, u: 100, p: 9.133589555477501e-05),
        Case(name: "separated", x: separatedX, y: separatedY, alternative: .less, method: nil, expectedMethod: .asymptotic, u: 100, p: 0.9999325785388228),
        Case(name: "separated", x: separatedX, y: separatedY, alternative: .twoSided, method: nil, expectedMethod: .asymptotic, u: 100, p: 0.00018267179110955002),
        Case(name: "overlap", x: overlapX, y: overlapY, alternative: .greater, method: nil, expectedMethod: .asymptotic, u: 94, p: 0.4321973899228302),
        Case(name: "overlap", x: overlapX, y: overlapY, alternative: .less, method: nil, expectedMethod: .asymptotic, u: 94, p: 0.586899898310596),
        Case(name: "overlap", x: overlapX, y: overlapY, alternative: .twoSided, method: nil, expectedMethod: .asymptotic, u: 94, p: 0.8643947798456604),
        Case(name: "ties", x: tiesX, y: tiesY, alternative: .greater, method: nil, expectedMethod: .asymptotic, u: 78.5, p: 0.22525554968192785),
        Case(name: "ties", x: tiesX, y: tiesY, alternative: .less, method: nil, expectedMethod: .asymptotic, u: 78.5, p: 0.7931624839806104),
        Case(name: "ties", x: tiesX, y: tiesY, alternative: .twoSided, method: nil, expectedMethod: .asymptotic, u: 78.5, p: 0.4505110993638557),
        Case(name: "identical", x: identical, y: identical, alternative: .greater, method: nil, expectedMethod: .asymptotic, u: 12.5, p: 0.5422350133116141),
        Case(name: "identical", x: identical, y: identical, alternative: .less, method: nil, expectedMethod: .asymptotic, u: 12.5, p: 0.5422350133116141),
        Case(name: "identical", x: identical, y: identical, alternative: .twoSided, method: nil, expectedMethod: .asymptotic, u: 12.5, p: 1.0),
        Case(name: "allEqual", x: [7, 7, 7], y: [7, 7, 7, 7], alternative: .greater, method: nil, expectedMethod: .asymptotic, u: 6, p: 1.0),
        Case(name: "allEqual", x: [7, 7, 7], y: [7, 7, 7, 7], alternative: .less, method: nil, expectedMethod: .asymptotic, u: 6, p: 1.0),
        Case(name: "allEqual", x: [7, 7, 7], y: [7, 7, 7, 7], alternative: .twoSided, method: nil, expectedMethod: .asymptotic, u: 6, p: 1.0),
        Case(name: "oneVsOne", x: [3], y: [2], alternative: .greater, method: nil, expectedMethod: .exact, u: 1, p: 0.5),
        Case(name: "oneVsOne", x: [3], y: [2], alternative: .less, method: nil, expectedMethod: .exact, u: 1, p: 1.0),
        Case(name: "oneVsOne", x: [3], y: [2], alternative: .twoSided, method: nil, expectedMethod: .exact, u: 1, p: 1.0),
        Case(name: "oneVsOneTied", x: [2], y: [2], alternative: .greater, method: nil, expectedMethod: .asymptotic, u: 0.5, p: 1.0),
        Case(name: "oneVsOneTied", x: [2], y: [2], alternative: .less, method: nil, expectedMethod: .asymptotic, u: 0.5, p: 1.0),
        Case(name: "oneVsOneTied", x: [2], y: [2], alternative: .twoSided, method: nil, expectedMethod: .asymptotic, u: 0.5, p: 1.0),
        Case(name: "fiveVsSeven", x: fiveX, y: sevenY, alternative: .greater, method: nil, expectedMethod: .exact, u: 32, p: 0.00883838383838384),
        Case(name: "fiveVsSeven", x: fiveX, y: sevenY, alternative: .less, method: nil, expectedMethod: .exact, u: 32, p: 0.9949494949494949),
        Case(name: "fiveVsSeven", x: fiveX, y: sevenY, alternative: .twoSided, method: nil, expectedMethod: .exact, u: 32, p: 0.01767676767676768),
        Case(name: "eightVsEightTies", x: eightTiesX, y: eightTiesY, alternative: .greater, method: nil, expectedMethod: .asymptotic, u: 42, p: 0.15760057305461117),
        Case(name: "eightVsEightTies", x: eightTiesX, y: eightTiesY, alternative: .less, method: nil, expectedMethod: .asymptotic, u: 42, p: 0.8665201414870041),
        Case(name: "eightVsEightTies", x: eightTiesX, y: eightTiesY, alternative: .twoSided, method: nil, expectedMethod: .asymptotic, u: 42, p: 0.31520114610922234),
        Case(name: "eightVsEight", x: eightX, y: eightY, alternative: .greater, method: nil, expectedMethod: .exact, u: 42, p: 0.16410256410256407),
        Case(name: "eightVsEight", x: eightX, y: eightY, alternative: .less, method: nil, expectedMethod: .exact, u: 42, p: 0.8606837606837607),
        Case(name: "eightVsEight", x: eightX, y: eightY, alternative: .twoSided, method: nil, expectedMethod: .exact, u: 42, p: 0.32820512820512815),
        // SciPy's "auto" goes exact when either sample has at most 8 values, not only when both do.
        Case(name: "threeVsNineteen", x: threeX, y: nineteenY, alternative: .greater, method: nil, expectedMethod: .exact, u: 32, p: 0.3935064935064936),
        Case(name: "threeVsNineteen", x: threeX, y: nineteenY, alternative: .less, method: nil, expectedMethod: .exact, u: 32, p: 0.6409090909090909),
        Case(name: "threeVsNineteen", x: threeX, y: nineteenY, alternative: .twoSided, method: nil, expectedMethod: .exact, u: 32, p: 0.7870129870129872),
        // The normal tail far from the centre, where 1 − Φ(z) would have rounded to 0.
        Case(name: "extremeTail", x: farX, y: farY, alternative: .greater, method: nil, expectedMethod: .asymptotic, u: 90000, p: 5.274820743446428e-100),
        Case(name: "extremeTail", x: farX, y: farY, alternative: .less, method: nil, expectedMethod: .asymptotic, u: 90000, p: 1.0),
        Case(name: "extremeTail", x: farX, y: farY, alternative: .twoSided, method: nil, expectedMethod: .asymptotic, u: 90000, p: 1.0549641486892856e-99),
    ]

    // scipy 1.17.1: mannwhitneyu(x, y, alternative=alt, method=m, use_continuity=cc) with the method
    // (and continuity) given explicitly
    static let explicitCases: [Case] = [
        Case(name: "separated", x: separatedX, y: separatedY, alternative: .greater, method: .exact, expectedMethod: .exact, u: 100, p: 5.412544112234515e-06),
        Case(name: "separated", x: separatedX, y: separatedY, alternative: .less, method: .exact, expectedMethod: .exact, u: 100, p: 1.0),
        Case(name: "separated", x: separatedX, y: separatedY, alternative: .twoSided, method: .exact, expectedMethod: .exact, u: 100, p: 1.082508822446903e-05),
        Case(name: "ties", x: tiesX, y: tiesY, alternative: .greater, method: .asymptotic, continuity: false, expectedMethod: .asymptotic, u: 78.5, p: 0.2159327611658865),
        Case(name: "ties", x: tiesX, y: tiesY, alternative: .less, method: .asymptotic, continuity: false, expectedMethod: .asymptotic, u: 78.5, p: 0.7840672388341134),
        Case(name: "ties", x: tiesX, y: tiesY, alternative: .twoSided, method: .asymptotic, continuity: false, expectedMethod: .asymptotic, u: 78.5, p: 0.431865522331773),
        // Exact with ties: SciPy casts U = 78.5 to the integer 78 before reading the distribution.
        Case(name: "ties", x: tiesX, y: tiesY, alternative: .greater, method: .exact, expectedMethod: .exact, u: 78.5, p: 0.24325149880406308),
        Case(name: "ties", x: tiesX, y: tiesY, alternative: .less, method: .exact, expectedMethod: .exact, u: 78.5, p: 0.7932944696977542),
        Case(name: "ties", x: tiesX, y: tiesY, alternative: .twoSided, method: .exact, expectedMethod: .exact, u: 78.5, p: 0.48650299760812615),
        Case(name: "fiveVsSeven", x: fiveX, y: sevenY, alternative: .greater, method: .asymptotic, expectedMethod: .asymptotic, u: 32, p: 0.011495197046232447),
        Case(name: "fiveVsSeven", x: fiveX, y: sevenY, alternative: .less, method: .asymptotic, expectedMethod: .asymptotic, u: 32, p: 0.9925745310563175),
        Case(name: "fiveVsSeven", x: fiveX, y: sevenY, alternative: .twoSided, method: .asymptotic, expectedMethod: .asymptotic, u: 32, p: 0.022990394092464894),
        Case(name: "overlap", x: overlapX, y: overlapY, alternative: .greater, method: .asymptotic, continuity: false, expectedMethod: .asymptotic, u: 94, p: 0.42262601210982564),
        Case(name: "overlap", x: overlapX, y: overlapY, alternative: .less, method: .asymptotic, continuity: false, expectedMethod: .asymptotic, u: 94, p: 0.5773739878901744),
        Case(name: "overlap", x: overlapX, y: overlapY, alternative: .twoSided, method: .asymptotic, continuity: false, expectedMethod: .asymptotic, u: 94, p: 0.8452520242196513),
    ]

    @Test(arguments: autoCases + explicitCases)
    func matchesSciPy(_ c: Case) throws {
        let result = try #require(
            MannWhitneyU.test(c.x, c.y, alternative: c.alternative, method: c.method, continuityCorrection: c.continuity)
        )
        #expect(result.u == c.u)
        #expect(result.method == c.expectedMethod)
        #expect(result.n1 == c.x.count)
        #expect(result.n2 == c.y.count)
        expectClose(result.pValue, c.p)
    }

    // scipy 1.17.1: mannwhitneyu([7, 7, 7], [7, 7, 7, 7], alternative=alt, method='asymptotic',
    // use_continuity=False) gives nan (zero variance, 0 / 0) for all three; this returns 1 by design.
    @Test(arguments: [StatisticalAlternative.greater, .less, .twoSided])
    func allEqualWithoutContinuityIsOneWhereSciPyIsNaN(_ alternative: StatisticalAlternative) throws {
        let result = try #require(
            MannWhitneyU.test([7, 7, 7], [7, 7, 7, 7], alternative: alternative, method: .asymptotic, continuityCorrection: false)
        )
        #expect(result.u == 6)
        #expect(result.pValue == 1)
        #expect(result.z == nil)
    }

    // scipy 1.17.1: scipy.stats._mannwhitneyu._get_mwu_z(U, n1, n2, t, continuity=cc) with U = U1 / U2 /
    // max(U1, U2) for greater / less / two-sided and t the tie counts from _rankdata(xy, 'average', return_ties=True)
    @Test func zMatchesSciPysStandardizedStatistic() throws {
        let expectations: [(StatisticalAlternative, [Double], [Double], Bool, Double)] = [
            (.greater, Self.separatedX, Self.separatedY, true, 3.7418482827913495),
            (.less, Self.separatedX, Self.separatedY, true, -3.817441177393195),
            (.twoSided, Self.separatedX, Self.separatedY, true, 3.7418482827913495),
            (.greater, Self.tiesX, Self.tiesY, true, 0.7545632196165828),
            (.less, Self.tiesX, Self.tiesY, true, -0.8174434879179647),
            (.twoSided, Self.tiesX, Self.tiesY, true, 0.7545632196165828),
            (.greater, Self.tiesX, Self.tiesY, false, 0.7860033537672738),
        ]
        for (alternative, x, y, continuity, z) in expectations {
            let result = try #require(
                MannWhitneyU.test(x, y, alternative: alternative, method: .asymptotic, continuityCorrection: continuity)
            )
            let actual = try #require(result.z)
            expectClose(actual, z)
        }
        let exact = try #require(MannWhitneyU.test(Self.fiveX, Self.sevenY, alternative: .greater))
        #expect(exact.z == nil)
    }

    // Effect sizes from the U above: U1 / (n1 n2) = 100 / 100, 78.5 / 132 (= 0.5946969696969697 in Python), 12.5 / 25.
    @Test func effectSizes() throws {
        let separated = try #require(MannWhitneyU.test(Self.separatedX, Self.separatedY, alternative: .greater))
        #expect(separated.commonLanguageEffect == 1)
        #expect(separated.cliffsDelta == 1)
        let reversed = try #require(MannWhitneyU.test(Self.separatedY, Self.separatedX, alternative: .greater))
        #expect(reversed.commonLanguageEffect == 0)
        #expect(reversed.cliffsDelta == -1)
        let ties = try #require(MannWhitneyU.test(Self.tiesX, Self.tiesY, alternative: .twoSided))
        expectClose(ties.commonLanguageEffect, 0.5946969696969697)
        expectClose(ties.cliffsDelta, 2 * 0.5946969696969697 - 1)
        let identical = try #require(MannWhitneyU.test(Self.identical, Self.identical, alternative: .twoSided))
        #expect(identical.commonLanguageEffect == 0.5)
        #expect(identical.cliffsDelta == 0)
    }

    @Test func emptyOrNaNSamplesHaveNoResult() {
        #expect(MannWhitneyU.test([], [1, 2], alternative: .greater) == nil)
        #expect(MannWhitneyU.test([1, 2], [], alternative: .less) == nil)
        #expect(MannWhitneyU.test([1, .nan], [1, 2], alternative: .twoSided) == nil)
    }

    @Test func resultRoundTripsThroughJSON() throws {
        let result = try #require(MannWhitneyU.test(Self.tiesX, Self.tiesY, alternative: .twoSided))
        let decoded = try JSONDecoder().decode(MannWhitneyU.Result.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
        #expect(String(decoding: try JSONEncoder().encode(StatisticalAlternative.twoSided), as: UTF8.self) == "\"two-sided\"")
    }

    /// Numerical Recipes' 32-bit linear congruential generator, reproduced in the Python reference script.
    struct LCG {
        var state: UInt32
        mutating func next() -> UInt32 {
            state = state &* 1_664_525 &+ 1_013_904_223
            return state
        }
        /// Python: float(base + (next >> 16) % 50), whole milliseconds, so heavily tied.
        static func coarse(seed: UInt32, count: Int, base: Int) -> [Double] {
            var generator = LCG(state: seed)
            return (0..<count).map { _ in Double(base + Int((generator.next() >> 16) % 50)) }
        }
        /// Python: base + (next >> 16) / 1000.0, microsecond resolution.
        static func fine(seed: UInt32, count: Int, base: Double) -> [Double] {
            var generator = LCG(state: seed)
            return (0..<count).map { _ in base + Double(generator.next() >> 16) / 1000.0 }
        }
    }

    // scipy 1.17.1: mannwhitneyu(x, y, alternative=alt) (auto → asymptotic, use_continuity=True) with
    // x = coarse(1, 20000, 100), y = coarse(2, 20000, 101) and x = fine(3, 20000, 100.0), y = fine(4, 20000, 100.3)
    // from the LCG above (seed, count, base); first values coarse 146, 100, 146 / 122, 145, 134, fine 115.547, 136.089, 157.256.
    @Test func largeSamplesFromALinearCongruentialGenerator() throws {
        let coarseX = LCG.coarse(seed: 1, count: 20_000, base: 100)
        let coarseY = LCG.coarse(seed: 2, count: 20_000, base: 101)
        #expect(Array(coarseX.prefix(3)) == [146, 100, 146])
        #expect(Array(coarseY.prefix(3)) == [122, 145, 134])
        let fineX = LCG.fine(seed: 3, count: 20_000, base: 100.0)
        let fineY = LCG.fine(seed: 4, count: 20_000, base: 100.3)
        #expect(Array(fineX.prefix(3)) == [115.547, 136.089, 157.256])
        let expectations: [([Double], [Double], StatisticalAlternative, Double, Double)] = [
            (coarseX, coarseY, .greater, 191_344_131, 0.9999999999999675),
            (coarseX, coarseY, .less, 191_344_131, 3.250007886610175e-14),
            (coarseX, coarseY, .twoSided, 191_344_131, 6.50001577322035e-14),
            (fineX, fineY, .greater, 197_597_447.5, 0.9812668365018695),
            (fineX, fineY, .less, 197_597_447.5, 0.018733203161194558),
            (fineX, fineY, .twoSided, 197_597_447.5, 0.037466406322389116),
        ]
        for (x, y, alternative, u, p) in expectations {
            let result = try #require(MannWhitneyU.test(x, y, alternative: alternative))
            #expect(result.method == .asymptotic)
            #expect(result.u == u)
            expectClose(result.pValue, p)
        }
    }

    // scipy 1.17.1: mannwhitneyu(fine(5, 100000, 100.0), fine(6, 100000, 100.05), alternative=alt)
    // The time bound only catches an accidental quadratic step; a debug build takes well under a second.
    @Test func hundredThousandPerSampleIsFast() throws {
        let x = LCG.fine(seed: 5, count: 100_000, base: 100.0)
        let y = LCG.fine(seed: 6, count: 100_000, base: 100.05)
        let clock = ContinuousClock()
        let start = clock.now
        let greater = try #require(MannWhitneyU.test(x, y, alternative: .greater))
        let elapsed = clock.now - start
        let twoSided = try #require(MannWhitneyU.test(x, y, alternative: .twoSided))
        #expect(greater.u == 5_014_827_471.5)
        expectClose(greater.pValue, 0.12537531106322874)
        expectClose(twoSided.pValue, 0.2507506221264575)
        #expect(elapsed < .seconds(5))
    }

    // Exact distribution with one small and one large sample (auto goes exact when one side has at most 8 values).
    // scipy 1.17.1: mannwhitneyu(x, [float(i) + 0.5 for i in range(2000)], alternative=alt) with
    // x = [50.0, 120.0, 333.0, 700.0, 901.0, 1500.0, 1999.0, 2003.0] and x = [0.0, 1.0, 2.0] ('less')
    @Test func exactWithOneLargeSample() throws {
        let y = (0..<2000).map { Double($0) + 0.5 }
        let x = [50.0, 120.0, 333.0, 700.0, 901.0, 1500.0, 1999.0, 2003.0]
        let expectations: [(StatisticalAlternative, Double)] = [
            (.greater, 0.5942004319786949), (.less, 0.4060322745483901), (.twoSided, 0.8120645490967802),
        ]
        for (alternative, p) in expectations {
            let result = try #require(MannWhitneyU.test(x, y, alternative: alternative))
            #expect(result.method == .exact)
            #expect(result.u == 7603)
            expectClose(result.pValue, p)
        }
        let low = try #require(MannWhitneyU.test([0, 1, 2], y, alternative: .less))
        #expect(low.method == .exact)
        #expect(low.u == 3)
        expectClose(low.pValue, 5.234282753536107e-09)
    }

    @Test func radixSortAgreesWithTheStandardLibrary() {
        var generator = LCG(state: 7)
        var values = (0..<10_000).map { _ in Double(Int32(bitPattern: generator.next())) / 1024 }
        values += [0.0, -0.0, .infinity, -.infinity, 1e-310, -1e-310, .greatestFiniteMagnitude, 3, 3, 3]
        let sorted = MannWhitneyRanking.sortedAscending(values)
        #expect(sorted == values.sorted())
        #expect(!sorted.contains { $0 == 0 && $0.sign == .minus })
    }

    // Forcing exact where the distribution would need ~10^14 coefficient updates falls back to the
    // normal approximation and says so; scipy 1.17.1 would attempt it. Same reference as the fast test.
    @Test func infeasibleExactFallsBackToAsymptotic() throws {
        let x = LCG.fine(seed: 5, count: 100_000, base: 100.0)
        let y = LCG.fine(seed: 6, count: 100_000, base: 100.05)
        let result = try #require(MannWhitneyU.test(x, y, alternative: .greater, method: .exact))
        #expect(result.method == .asymptotic)
        expectClose(result.pValue, 0.12537531106322874)
    }
}

/// Relative closeness, 1e-9 unless told; exact zeros must match exactly.
private func expectClose(
    _ actual: Double, _ expected: Double, relative: Double = 1e-9, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let tolerance = abs(expected) * relative
    #expect(abs(actual - expected) <= tolerance, "\(actual) vs \(expected)", sourceLocation: sourceLocation)
}
