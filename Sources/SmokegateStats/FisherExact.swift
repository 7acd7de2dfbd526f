/// Fisher's exact test on a 2×2 table, as SciPy's `fisher_exact` computes it.
///
/// Matches `scipy.stats.fisher_exact` (1.17) for 2×2 tables: the sample odds ratio, one-sided
/// p-values as hypergeometric tails, and the two-sided p-value as the total probability of all
/// tables no more likely than the observed one, found by SciPy's mode-and-binary-search procedure.
public enum FisherExact {
    /// The sample odds ratio and p-value of one test.
    public struct Result: Sendable, Hashable, Codable {
        /// The sample (unconditional) odds ratio a·d / (b·c), as SciPy: +infinity when b or c is 0,
        /// NaN when a row or column is all zero. JSON encoders need a non-conforming float strategy for both.
        public var oddsRatio: Double
        /// The p-value for the requested alternative, in [0, 1].
        public var pValue: Double

        /// Builds a result from its parts; `test` is the usual way to get one.
        public init(oddsRatio: Double, pValue: Double) {
            self.oddsRatio = oddsRatio
            self.pValue = pValue
        }
    }

    /// SciPy's relative tolerance when deciding which tables are "no more likely" than the observed one.
    static let relativeTolerance = 1e-14

    /// Table [[a, b], [c, d]]; e.g. rows = candidate / baseline, columns = failed / succeeded.
    ///
    /// `greater` asks whether the first row's odds a/b exceed the second row's c/d (e.g. the
    /// candidate fails more often); `less` the opposite. A row or column that is all zero leaves
    /// only one possible table: p = 1 and a NaN odds ratio, as SciPy. Counts must be non-negative
    /// (SciPy raises; this traps, as a negative count is a programming error).
    public static func test(a: Int, b: Int, c: Int, d: Int, alternative: StatisticalAlternative) -> Result {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "Fisher's exact test needs non-negative counts")
        if a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0 {
            return Result(oddsRatio: .nan, pValue: 1)
        }
        let oddsRatio = c > 0 && b > 0 ? (Double(a) * Double(d)) / (Double(c) * Double(b)) : .infinity
        let firstRow = a + b
        let secondRow = c + d
        let firstColumn = a + c
        let distribution = FisherHypergeometric(total: firstRow + secondRow, good: firstRow, draws: firstColumn)

        let pValue: Double
        switch alternative {
        case .less:
            pValue = distribution.cdf(a)
        case .greater:
            // SciPy's formula: the 'less' tail again, over the second column.
            let secondColumn = FisherHypergeometric(total: firstRow + secondRow, good: firstRow, draws: b + d)
            pValue = secondColumn.cdf(b)
        case .twoSided:
            pValue = twoSided(observed: a, distribution)
        }
        return Result(oddsRatio: oddsRatio, pValue: Swift.min(pValue, 1))
    }

    /// Sum of P(X = k) over every k with P(X = k) ≤ P(X = observed) · (1 + 1e-14), as SciPy finds it:
    /// the observed tail, plus the opposite tail beyond the last point that is more likely.
    static func twoSided(observed: Int, _ distribution: FisherHypergeometric) -> Double {
        let draws = distribution.draws
        // SciPy computes the mode in floating point, then truncates.
        let mode = Int(
            (Double(draws + 1) * Double(distribution.good + 1)) / Double(distribution.total + 2)
        )
        let pExact = distribution.pmf(observed)
        let pMode = distribution.pmf(mode)
        let gamma = 1 + relativeTolerance
        if abs(pExact - pMode) / Swift.max(pExact, pMode) <= relativeTolerance {
            return 1
        }
        if observed < mode {
            let lowerTail = distribution.cdf(observed)
            if distribution.pmf(draws) > pExact * gamma {
                return lowerTail
            }
            let guess = binarySearch({ -distribution.pmf($0) }, -pExact * gamma, low: mode, high: draws)
            return lowerTail + distribution.sf(guess)
        }
        let upperTail = distribution.sf(observed - 1)
        if distribution.pmf(0) > pExact * gamma {
            return upperTail
        }
        let guess = binarySearch({ distribution.pmf($0) }, pExact * gamma, low: 0, high: mode)
        return upperTail + distribution.cdf(guess)
    }

    /// SciPy's `_binary_search_for_binom_tst`, quirks included: for `f` ascending on [low, high],
    /// the i with f(i) ≤ target < f(i + 1).
    static func binarySearch(_ f: (Int) -> Double, _ target: Double, low: Int, high: Int) -> Int {
        var low = low
        var high = high
        while low < high {
            let mid = low + (high - low) / 2
            let value = f(mid)
            if value < target {
                low = mid + 1
            } else if value > target {
                high = mid - 1
            } else {
                return mid
            }
        }
        return f(low) <= target ? low : low - 1
    }
}
