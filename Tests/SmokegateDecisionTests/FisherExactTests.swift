import Foundation
@testable import SmokegateModel
@testable import SmokegateStats
import Testing

/// Reference values pasted from SciPy 1.17.1, obtained as each group's comment says; p-values are compared to
/// 1e-9 relative, odds ratios to 1e-12 relative (or exactly for infinity and NaN).
@Suite struct FisherExactTests {
    /// One table, one alternative, and what SciPy answered.
    struct Case: Sendable, CustomTestStringConvertible {
        var table: (a: Int, b: Int, c: Int, d: Int)
        var alternative: StatisticalAlternative
        var oddsRatio: Double
        var p: Double
        var testDescription: String {
            "[[\(table.a), \(table.b)], [\(table.c), \(table.d)]] \(alternative.rawValue)"
        }
        init(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ alternative: StatisticalAlternative, oddsRatio: Double, p: Double) {
            table = (a, b, c, d)
            self.alternative = alternative
            self.oddsRatio = oddsRatio
            self.p = p
        }
    }

    // scipy 1.17.1: fisher_exact([[a, b], [c, d]], alternative=alt) → (statistic, pvalue)
    static let cases: [Case] = [
        // 2% vs 0% errors.
        Case(2, 98, 0, 100, .greater, oddsRatio: .infinity, p: 0.24874371859296482),
        Case(2, 98, 0, 100, .less, oddsRatio: .infinity, p: 1.0),
        Case(2, 98, 0, 100, .twoSided, oddsRatio: .infinity, p: 0.49748743718592964),
        // No errors on either side.
        Case(0, 200, 0, 200, .greater, oddsRatio: .nan, p: 1.0),
        Case(0, 200, 0, 200, .less, oddsRatio: .nan, p: 1.0),
        Case(0, 200, 0, 200, .twoSided, oddsRatio: .nan, p: 1.0),
        Case(10, 90, 1, 99, .greater, oddsRatio: 11.0, p: 0.004829057971759167),
        Case(10, 90, 1, 99, .less, oddsRatio: 11.0, p: 0.9996347771281863),
        Case(10, 90, 1, 99, .twoSided, oddsRatio: 11.0, p: 0.009658115943518335),
        Case(120, 9880, 80, 9920, .greater, oddsRatio: 1.5060728744939271, p: 0.0027240245655397975),
        Case(120, 9880, 80, 9920, .less, oddsRatio: 1.5060728744939271, p: 0.9982654483430008),
        Case(120, 9880, 80, 9920, .twoSided, oddsRatio: 1.5060728744939271, p: 0.005448049131079595),
        // A zero row, a zero column, and a table with only one non-zero cell.
        Case(0, 0, 5, 10, .greater, oddsRatio: .nan, p: 1.0),
        Case(0, 0, 5, 10, .less, oddsRatio: .nan, p: 1.0),
        Case(0, 0, 5, 10, .twoSided, oddsRatio: .nan, p: 1.0),
        Case(0, 7, 0, 9, .greater, oddsRatio: .nan, p: 1.0),
        Case(0, 7, 0, 9, .less, oddsRatio: .nan, p: 1.0),
        Case(0, 7, 0, 9, .twoSided, oddsRatio: .nan, p: 1.0),
        Case(1, 0, 0, 0, .greater, oddsRatio: .nan, p: 1.0),
        Case(1, 0, 0, 0, .less, oddsRatio: .nan, p: 1.0),
        Case(1, 0, 0, 0, .twoSided, oddsRatio: .nan, p: 1.0),
        Case(3, 0, 0, 3, .greater, oddsRatio: .infinity, p: 0.05000000000000001),
        Case(3, 0, 0, 3, .less, oddsRatio: .infinity, p: 1.0),
        Case(3, 0, 0, 3, .twoSided, oddsRatio: .infinity, p: 0.10000000000000002),
        // The observed table is the most likely one: two-sided p is exactly 1.
        Case(5, 5, 5, 5, .greater, oddsRatio: 1.0, p: 0.6718591006516703),
        Case(5, 5, 5, 5, .less, oddsRatio: 1.0, p: 0.6718591006516703),
        Case(5, 5, 5, 5, .twoSided, oddsRatio: 1.0, p: 1.0),
        // Counts in the tens of thousands.
        Case(30000, 20000, 29000, 21000, .greater, oddsRatio: 1.0862068965517242, p: 6.66376139647614e-11),
        Case(30000, 20000, 29000, 21000, .less, oddsRatio: 1.0862068965517242, p: 0.9999999999387702),
        Case(30000, 20000, 29000, 21000, .twoSided, oddsRatio: 1.0862068965517242, p: 1.332752279295228e-10),
        Case(7, 13, 12, 8, .greater, oddsRatio: 0.358974358974359, p: 0.9719195367838788),
        Case(7, 13, 12, 8, .less, oddsRatio: 0.358974358974359, p: 0.10246357759536656),
        Case(7, 13, 12, 8, .twoSided, oddsRatio: 0.358974358974359, p: 0.20492715519073312),
        // Mirror images: the observed table at either end of the support.
        Case(0, 50, 9, 41, .greater, oddsRatio: 0.0, p: 1.0),
        Case(0, 50, 9, 41, .less, oddsRatio: 0.0, p: 0.001317102200129522),
        Case(0, 50, 9, 41, .twoSided, oddsRatio: 0.0, p: 0.002634204400259044),
        Case(9, 41, 0, 50, .greater, oddsRatio: .infinity, p: 0.0013171022001295222),
        Case(9, 41, 0, 50, .less, oddsRatio: .infinity, p: 1.0),
        Case(9, 41, 0, 50, .twoSided, oddsRatio: .infinity, p: 0.002634204400259044),
    ]

    @Test(arguments: cases)
    func matchesSciPy(_ c: Case) {
        let result = FisherExact.test(a: c.table.a, b: c.table.b, c: c.table.c, d: c.table.d, alternative: c.alternative)
        if c.oddsRatio.isNaN {
            #expect(result.oddsRatio.isNaN)
        } else if c.oddsRatio.isInfinite {
            #expect(result.oddsRatio == c.oddsRatio)
        } else {
            #expect(abs(result.oddsRatio - c.oddsRatio) <= abs(c.oddsRatio) * 1e-12)
        }
        #expect(abs(result.pValue - c.p) <= c.p * 1e-9, "\(result.pValue) vs \(c.p)")
    }

    // The hypergeometric probabilities themselves, deep in a tail and at counts in the tens of thousands.
    // scipy 1.17.1: hypergeom.pmf(k, M, n, N) and hypergeom.cdf(k, M, n, N)
    @Test(arguments: [
        (k: 120, total: 20000, good: 10000, draws: 200, pmf: 0.000989472908540502, cdf: 0.9982654483430008),
        (k: 60, total: 20000, good: 10000, draws: 200, pmf: 3.746289746761698e-09, cdf: 6.405971777558161e-09),
        (k: 30000, total: 100000, good: 50000, draws: 59000, pmf: 5.405961810899283e-12, cdf: 0.9999999999387702),
        (k: 29000, total: 100000, good: 50000, draws: 59000, pmf: 5.405961810899283e-12, cdf: 6.66376139647614e-11),
        (k: 9, total: 100, good: 50, draws: 41, pmf: 2.2485051624228634e-06, cdf: 2.5376460820075553e-06),
    ])
    func hypergeometricProbabilities(k: Int, total: Int, good: Int, draws: Int, pmf: Double, cdf: Double) {
        let distribution = FisherHypergeometric(total: total, good: good, draws: draws)
        #expect(abs(distribution.pmf(k) - pmf) <= pmf * 1e-9, "\(distribution.pmf(k)) vs \(pmf)")
        #expect(abs(distribution.cdf(k) - cdf) <= cdf * 1e-9, "\(distribution.cdf(k)) vs \(cdf)")
    }

    @Test func resultRoundTripsThroughJSON() throws {
        let result = FisherExact.test(a: 10, b: 90, c: 1, d: 99, alternative: .greater)
        let decoded = try JSONDecoder().decode(FisherExact.Result.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
    }
}
