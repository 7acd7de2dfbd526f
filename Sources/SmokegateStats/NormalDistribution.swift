import Foundation

/// The standard normal distribution's CDF and survival function, accurate far into both tails.
///
/// Follows the branch structure of SciPy's `special.ndtr` (Cephes): near the centre `erf` is
/// accurate, further out `erfc` of the absolute value keeps the small tail from being computed
/// as `1 - (something close to 1)`, which would round to 0 long before the true value does.
enum NormalDistribution {
    /// P(Z ≤ x) for a standard normal Z; NaN for NaN.
    static func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        let scaled = x * (0.5).squareRoot()
        let magnitude = abs(scaled)
        if magnitude < (0.5).squareRoot() {
            return 0.5 + 0.5 * erf(scaled)
        }
        let tail = 0.5 * erfc(magnitude)
        return scaled > 0 ? 1 - tail : tail
    }

    /// P(Z > x) for a standard normal Z; exact symmetry keeps the upper tail as accurate as the lower.
    static func sf(_ x: Double) -> Double {
        cdf(-x)
    }
}
