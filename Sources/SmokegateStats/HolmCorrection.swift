/// Holm's step-down correction for testing many hypotheses at once.
///
/// A run compares every check on several metrics and its error rate; tested one by one at 5 %, a suite of 30
/// identical checks would show a "significant" difference in most runs. Holm's adjusted p-values keep the chance of
/// even one false rejection across all of them at or below the level (the family-wise error rate), for any
/// dependence between the tests, and reject at least as much as Bonferroni.
public enum HolmCorrection {
    /// The adjusted p-values, in the order of `pValues`: p(i) · (m − i + 1) for the i-th smallest, made monotone
    /// and capped at 1. A hypothesis is rejected at level α when its adjusted p-value is below α.
    public static func adjust(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (position, index) in order.enumerated() {
            running = max(running, min(1, pValues[index] * Double(m - position)))
            adjusted[index] = running
        }
        return adjusted
    }
}
