/// The Mann–Whitney U test of two independent samples, as SciPy's `mannwhitneyu` computes it.
///
/// Matches `scipy.stats.mannwhitneyu` (1.17) in its statistic, method choice, exact and asymptotic
/// p-values, tie correction, continuity correction, two-sided doubling and clipping to [0, 1].
public enum MannWhitneyU {
    /// How the p-value is obtained: the exact null distribution of U, or its normal approximation.
    public enum Method: String, Sendable, Codable {
        case exact
        case asymptotic
    }

    /// The statistic, p-value and effect sizes of one test.
    public struct Result: Sendable, Hashable, Codable {
        /// U statistic of the first sample (SciPy's U1): pairs where x beats y, ties counting one half.
        public var u: Double
        /// The p-value for the requested alternative, in [0, 1].
        public var pValue: Double
        /// The method actually used, after resolving "auto" and any fallback from exact.
        public var method: Method
        /// The standardized statistic SciPy feeds to the normal survival function, so that
        /// p = Φ(−z) (times 2 for two-sided, then clipped). It standardizes U1 for `greater`, U2 for
        /// `less` and max(U1, U2) for `two-sided`, continuity correction included: a large positive z
        /// is evidence for the alternative whichever it is. nil for the exact method, and when every
        /// observation is tied (zero variance), where SciPy's z is ±infinity or NaN.
        public var z: Double?
        /// P(X > Y) + 0.5 P(X = Y) for X from the first sample and Y from the second, i.e. U1 / (n1 n2).
        public var commonLanguageEffect: Double
        /// Cliff's delta, 2 × `commonLanguageEffect` − 1, in [−1, 1]; positive when the first sample tends to be larger.
        public var cliffsDelta: Double
        /// Size of the first sample.
        public var n1: Int
        /// Size of the second sample.
        public var n2: Int

        /// Builds a result from its parts; `test` is the usual way to get one.
        public init(
            u: Double, pValue: Double, method: Method, z: Double?,
            commonLanguageEffect: Double, cliffsDelta: Double, n1: Int, n2: Int
        ) {
            self.u = u
            self.pValue = pValue
            self.method = method
            self.z = z
            self.commonLanguageEffect = commonLanguageEffect
            self.cliffsDelta = cliffsDelta
            self.n1 = n1
            self.n2 = n2
        }
    }

    /// Tests whether `x` and `y` come from the same distribution, against `alternative`.
    ///
    /// - Returns: nil when either sample is empty or contains NaN (SciPy raises for both).
    ///
    /// `method: nil` is SciPy's "auto": exact when at least one sample has 8 or fewer values and
    /// the pooled sample has no ties, asymptotic otherwise (SciPy switches to asymptotic only when
    /// *both* sizes exceed 8). Exact ignores ties, as SciPy's does, and truncates a half-integer U
    /// towards zero as SciPy's integer cast does. When the exact distribution would be too large to
    /// build (more than 10^7 coefficients, n1 · n2 / 2, or 5 × 10^7 updates, min(n1, n2) times that;
    /// "auto" stays far below with up to ~10^6 values on the large side), the asymptotic method is
    /// used instead and reported in `method`; SciPy would attempt it.
    ///
    /// Asymptotic: normal approximation with tie correction of the variance and, when
    /// `continuityCorrection`, SciPy's continuity correction (0.5 subtracted from the U whose upper
    /// tail is taken, which always moves the p-value up). When every observation is tied the
    /// variance is zero: SciPy then returns 1 with the continuity correction and NaN without it;
    /// this returns 1.0 in both cases, since identical samples are no evidence of a difference.
    public static func test(
        _ x: [Double], _ y: [Double], alternative: StatisticalAlternative,
        method: Method? = nil, continuityCorrection: Bool = true
    ) -> Result? {
        guard !x.isEmpty, !y.isEmpty, !x.contains(where: \.isNaN), !y.contains(where: \.isNaN) else {
            return nil
        }
        let n1 = x.count
        let n2 = y.count
        let ranking = MannWhitneyRanking(x, y)
        let u1 = Double(ranking.twiceU1) / 2
        let pairs = Double(n1) * Double(n2)
        let u2 = pairs - u1

        // SciPy takes every p-value from an upper tail: U1's for greater, U2's for less (by
        // symmetry the lower tail of U1), the larger of the two doubled for two-sided.
        let tailStatistic: Double
        let factor: Double
        switch alternative {
        case .greater: (tailStatistic, factor) = (u1, 1)
        case .less: (tailStatistic, factor) = (u2, 1)
        case .twoSided: (tailStatistic, factor) = (Swift.max(u1, u2), 2)
        }

        let exactDistribution = MannWhitneyExactDistribution(n1, n2)
        var chosen = method ?? ((n1 > 8 && n2 > 8) || ranking.hasTies ? .asymptotic : .exact)
        if chosen == .exact, !exactDistribution.isFeasible {
            chosen = .asymptotic
        }

        let rawP: Double
        var z: Double?
        switch chosen {
        case .exact:
            rawP = exactDistribution.sf(Int(tailStatistic))
        case .asymptotic:
            let standardized = standardize(
                tailStatistic, n1: n1, n2: n2, tieTerm: ranking.tieTerm,
                continuityCorrection: continuityCorrection
            )
            rawP = NormalDistribution.sf(standardized)
            z = standardized.isFinite ? standardized : nil
        }

        let pValue = rawP.isNaN ? 1.0 : Swift.min(Swift.max(rawP * factor, 0), 1)
        let commonLanguageEffect = u1 / pairs
        return Result(
            u: u1, pValue: pValue, method: chosen, z: z,
            commonLanguageEffect: commonLanguageEffect, cliffsDelta: 2 * commonLanguageEffect - 1,
            n1: n1, n2: n2
        )
    }

    /// SciPy's `_get_mwu_z`: (U − n1 n2 / 2 [− 0.5]) / σ with the tie-corrected σ, operation for operation.
    static func standardize(
        _ u: Double, n1: Int, n2: Int, tieTerm: Double, continuityCorrection: Bool
    ) -> Double {
        let pairs = Double(n1) * Double(n2)
        let mean = pairs / 2
        let n = Double(n1) + Double(n2)
        let sigma = ((pairs / 12) * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
        var numerator = u - mean
        if continuityCorrection {
            numerator -= 0.5
        }
        return numerator / sigma
    }
}
