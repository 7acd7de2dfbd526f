import Foundation

/// The hypergeometric distribution behind Fisher's exact test, with probabilities accurate to a few ulps.
///
/// Drawing `draws` items from `total`, of which `good` are marked, X counts the marked ones drawn.
/// Log-probabilities use Loader's saddle-point form (as R's `dhyper`) rather than a difference of
/// `lgamma` values: with counts in the tens of thousands each `lgamma` is ~10^5 and its rounding
/// alone would cost ~10^-10 relative accuracy, while the saddle-point terms are small to begin with.
struct FisherHypergeometric {
    let total: Int
    let good: Int
    let draws: Int
    /// Smallest and largest possible X.
    let lower: Int
    let upper: Int
    /// The most likely X, floor((draws + 1)(good + 1) / (total + 2)); tails fall away from it on both sides.
    let mode: Int
    private let p: Double
    private let q: Double
    private let logNormalizer: Double

    /// Needs 0 < draws < total and 0 ≤ good ≤ total (Fisher's test returns early otherwise).
    init(total: Int, good: Int, draws: Int) {
        self.total = total
        self.good = good
        self.draws = draws
        lower = Swift.max(0, draws - (total - good))
        upper = Swift.min(good, draws)
        mode = (draws + 1) * (good + 1) / (total + 2)
        p = Double(draws) / Double(total)
        q = Double(total - draws) / Double(total)
        logNormalizer = Self.logBinomialDensity(draws, trials: total, p: p, q: q)
    }

    /// log P(X = k); −infinity outside the support.
    func logPMF(_ k: Int) -> Double {
        guard k >= lower, k <= upper else { return -.infinity }
        return Self.logBinomialDensity(k, trials: good, p: p, q: q)
            + Self.logBinomialDensity(draws - k, trials: total - good, p: p, q: q)
            - logNormalizer
    }

    /// P(X = k); 0 outside the support, like SciPy's `hypergeom.pmf`.
    func pmf(_ k: Int) -> Double {
        exp(logPMF(k))
    }

    /// P(X ≤ k).
    func cdf(_ k: Int) -> Double {
        if k < lower { return 0 }
        if k >= upper { return 1 }
        // Below the mode the lower tail is a short sum of falling terms; above it, its complement is.
        if k < mode { return sumFalling(from: k, step: -1) }
        return 1 - sumFalling(from: k + 1, step: 1)
    }

    /// P(X > k).
    func sf(_ k: Int) -> Double {
        if k < lower { return 1 }
        if k >= upper { return 0 }
        if k + 1 > mode { return sumFalling(from: k + 1, step: 1) }
        return 1 - sumFalling(from: k, step: -1)
    }

    /// Σ P(X = j) for j from `start` away from the mode to the end of the support, stopping once
    /// the terms, which only shrink in that direction, can no longer change the sum.
    private func sumFalling(from start: Int, step: Int) -> Double {
        var sum = 0.0
        var k = start
        while k >= lower, k <= upper {
            let term = pmf(k)
            sum += term
            if term <= sum * 0x1p-60 { break }
            k += step
        }
        return sum
    }

    /// log of the binomial density C(n, x) p^x q^(n−x), as R's `dbinom_raw` (Loader 2000).
    static func logBinomialDensity(_ x: Int, trials n: Int, p: Double, q: Double) -> Double {
        if p == 0 { return x == 0 ? 0 : -.infinity }
        if q == 0 { return x == n ? 0 : -.infinity }
        if x < 0 || x > n { return -.infinity }
        let trials = Double(n)
        if x == 0 {
            if n == 0 { return 0 }
            return p < 0.1 ? -deviance(trials, trials * q) - trials * p : trials * log(q)
        }
        if x == n {
            return q < 0.1 ? -deviance(trials, trials * p) - trials * q : trials * log(p)
        }
        let successes = Double(x)
        let failures = Double(n - x)
        let logCoefficient = stirlingError(n) - stirlingError(x) - stirlingError(n - x)
            - deviance(successes, trials * p) - deviance(failures, trials * q)
        let logScale = log(2 * Double.pi) + log(successes) + log1p(-successes / trials)
        return logCoefficient - 0.5 * logScale
    }

    /// Loader's `bd0`: x log(x / mean) + mean − x, by a series when x is near the mean to avoid cancellation.
    static func deviance(_ x: Double, _ mean: Double) -> Double {
        if abs(x - mean) < 0.1 * (x + mean) {
            var v = (x - mean) / (x + mean)
            var sum = (x - mean) * v
            if abs(sum) < Double.leastNormalMagnitude { return sum }
            var term = 2 * x * v
            v *= v
            for j in 1..<1000 {
                term *= v
                let next = sum + term / Double(2 * j + 1)
                if next == sum { return next }
                sum = next
            }
        }
        return x * log(x / mean) + mean - x
    }

    /// log(n!) − log(√(2π n) (n/e)^n), the error of Stirling's formula; tabulated where the series is slow.
    static func stirlingError(_ n: Int) -> Double {
        if n < smallStirlingErrors.count { return smallStirlingErrors[n] }
        let value = Double(n)
        let squared = value * value
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        if n > 500 { return (s0 - s1 / squared) / value }
        if n > 80 { return (s0 - (s1 - s2 / squared) / squared) / value }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / squared) / squared) / squared) / value }
        return (s0 - (s1 - (s2 - (s3 - s4 / squared) / squared) / squared) / squared) / value
    }

    /// Stirling errors for n = 0 … 15 (computed with mpmath at 40 digits; n = 0 is never used).
    private static let smallStirlingErrors: [Double] = [
        0.0,
        0.08106146679532725822,
        0.041340695955409294094,
        0.027677925684998339149,
        0.020790672103765093112,
        0.016644691189821192163,
        0.013876128823070747999,
        0.011896709945891770095,
        0.010411265261972096497,
        0.0092554621827127329177,
        0.0083305634333628712565,
        0.007573675487951840795,
        0.0069428401072095298657,
        0.0064089941880042070684,
        0.0059513701127588477356,
        0.005554733551962801371,
    ]
}
