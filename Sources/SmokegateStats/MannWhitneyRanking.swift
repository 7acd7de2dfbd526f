/// The rank-based quantities the Mann–Whitney U test needs, from one pass over two sorted samples.
///
/// SciPy ranks the pooled sample with average ranks and sums the first sample's ranks; counting,
/// for every value of the first sample, how many second-sample values lie below it (ties count
/// one half) gives the same U1 without materialising ranks. The sorts are the only cost above O(n).
struct MannWhitneyRanking {
    /// 2 × U1, kept as an integer because U1 is always a multiple of one half and must be exact.
    let twiceU1: Int
    /// Σ (t³ − t) over the tie groups of the pooled sample, SciPy's `tie_term`.
    let tieTerm: Double
    /// Whether any value occurs more than once in the pooled sample (within or across samples).
    let hasTies: Bool

    /// Ranks two samples that must be free of NaN (the caller checks).
    init(_ x: [Double], _ y: [Double]) {
        let xs = Self.sortedAscending(x)
        let ys = Self.sortedAscending(y)
        var twiceU1 = 0
        var tieTerm = 0.0
        var hasTies = false
        var i = 0
        var j = 0
        while i < xs.count || j < ys.count {
            // The smallest value not yet consumed from either sample: one tie group of the pooled sample.
            let value: Double
            if i < xs.count, j < ys.count {
                value = Swift.min(xs[i], ys[j])
            } else if i < xs.count {
                value = xs[i]
            } else {
                value = ys[j]
            }
            let yBelow = j
            var xEqual = 0
            while i < xs.count, xs[i] == value {
                xEqual += 1
                i += 1
            }
            var yEqual = 0
            while j < ys.count, ys[j] == value {
                yEqual += 1
                j += 1
            }
            twiceU1 += xEqual * (2 * yBelow + yEqual)
            let groupSize = xEqual + yEqual
            if groupSize > 1 {
                hasTies = true
                let t = Double(groupSize)
                tieTerm += t * t * t - t
            }
        }
        self.twiceU1 = twiceU1
        self.tieTerm = tieTerm
        self.hasTies = hasTies
    }

    /// Below this size the standard library's sort wins over the radix sort's fixed bucket cost.
    private static let radixThreshold = 4096

    /// The values in ascending order; NaN-free input only.
    ///
    /// Large samples use an LSD radix sort on order-preserving bit patterns: O(n) and free of
    /// generic comparator calls, which is what keeps 10^5 values per sample fast in a debug build,
    /// where the standard library's sort runs unspecialized.
    static func sortedAscending(_ values: [Double]) -> [Double] {
        let count = values.count
        guard count >= radixThreshold else { return values.sorted() }
        let signBit: UInt64 = 1 << 63
        var keys = [UInt64](repeating: 0, count: count)
        var scratch = [UInt64](repeating: 0, count: count)
        values.withUnsafeBufferPointer { source in
            keys.withUnsafeMutableBufferPointer { target in
                for index in 0..<count {
                    // Adding +0 turns −0 into +0, so the two zeros, which compare equal, get one key.
                    let bits = (source[index] + 0.0).bitPattern
                    // Negative values reverse their order by flipping every bit; positives move above them.
                    target[index] = bits & signBit != 0 ? ~bits : bits | signBit
                }
            }
        }
        var buckets = [Int](repeating: 0, count: 1 << 16)
        for shift in stride(from: 0, to: 64, by: 16) {
            keys.withUnsafeMutableBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    buckets.withUnsafeMutableBufferPointer { bucket in
                        for index in 0..<bucket.count { bucket[index] = 0 }
                        for index in 0..<count { bucket[Int((source[index] >> UInt64(shift)) & 0xFFFF)] += 1 }
                        var start = 0
                        for index in 0..<bucket.count {
                            let size = bucket[index]
                            bucket[index] = start
                            start += size
                        }
                        for index in 0..<count {
                            let key = source[index]
                            let digit = Int((key >> UInt64(shift)) & 0xFFFF)
                            target[bucket[digit]] = key
                            bucket[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
        }
        return keys.map { key in
            Double(bitPattern: key & signBit != 0 ? key & ~signBit : ~key)
        }
    }
}
