/// The null distribution of the Mann–Whitney U statistic for two tie-free samples, as SciPy's `_MWU`.
///
/// The number of arrangements with U = k is the coefficient of q^k in the Gaussian binomial
/// [n1 + n2 choose n1]_q = Π_{i=1…m} (1 − q^(n+i)) / (1 − q^i) with m = min(n1, n2), n = max(n1, n2).
/// Building that product one factor pair at a time costs O(m · kmax), and after each pair the
/// coefficients are again a Gaussian binomial's: non-negative integers, exact in Double up to 2^53
/// (every pair with both sizes ≤ 8, and far beyond). Above that they carry Double rounding, as do
/// SciPy's, whose Löffler recurrence switches from uint64 to floats once the counts overflow.
struct MannWhitneyExactDistribution {
    /// The smaller sample size.
    let m: Int
    /// The larger sample size.
    let n: Int

    /// Beyond this many coefficient updates the exact distribution is not worth the time.
    static let workBudget = 50_000_000
    /// Beyond this many coefficients the exact distribution is not worth the memory.
    static let sizeBudget = 10_000_000

    init(_ n1: Int, _ n2: Int) {
        m = Swift.min(n1, n2)
        n = Swift.max(n1, n2)
    }

    /// Whether the distribution can be built in reasonable time and without overflowing Double.
    var isFeasible: Bool {
        let (product, overflow) = m.multipliedReportingOverflow(by: n)
        guard !overflow else { return false }
        let size = product / 2 + 1
        let (work, workOverflow) = m.multipliedReportingOverflow(by: size)
        return size <= Self.sizeBudget && !workOverflow && work <= Self.workBudget && total.isFinite
    }

    /// The number of equally likely arrangements, C(m + n, m).
    var total: Double {
        // Each partial product is itself a binomial coefficient C(n + i, i), so it stays an integer.
        var result = 1.0
        for i in stride(from: 1, through: m, by: 1) {
            result = result * Double(n + i) / Double(i)
        }
        return result
    }

    /// P(U ≥ k), computed like SciPy: from whichever tail is shorter, using the symmetry U ↔ mn − U.
    func sf(_ k: Int) -> Double {
        let complement = m * n - k
        if k < complement {
            let pmf = probabilities(upTo: k)
            var cdf = 0.0
            for value in pmf { cdf += value }
            // SciPy's 1 − CDF(k) + PMF(k): both CDF and SF include the mass at k.
            return 1 - cdf + pmf[k]
        }
        guard complement >= 0 else { return 0 }
        var cdf = 0.0
        for value in probabilities(upTo: complement) { cdf += value }
        return cdf
    }

    /// P(U = k) for k = 0 … kmax, each count divided by the total before any summing, as SciPy does.
    func probabilities(upTo kmax: Int) -> [Double] {
        let total = total
        return counts(upTo: kmax).map { $0 / total }
    }

    /// Arrangement counts for U = 0 … kmax; coefficients above kmax never feed back into lower ones.
    func counts(upTo kmax: Int) -> [Double] {
        var coefficients = [Double](repeating: 0, count: kmax + 1)
        coefficients[0] = 1
        coefficients.withUnsafeMutableBufferPointer { c in
            for i in stride(from: 1, through: m, by: 1) {
                // Divide by (1 − q^i) first: a running sum with stride i keeps everything non-negative.
                if i <= kmax {
                    for j in i...kmax {
                        c[j] += c[j - i]
                    }
                }
                // Then multiply by (1 − q^(n+i)), from the top so each subtraction reads an old value.
                let shift = n + i
                if shift <= kmax {
                    for j in stride(from: kmax, through: shift, by: -1) {
                        c[j] -= c[j - shift]
                    }
                }
            }
        }
        return coefficients
    }
}
