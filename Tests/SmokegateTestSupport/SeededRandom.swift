/// SplitMix64: a tiny generator whose whole state is one integer, so any fuzz input can be regenerated from
/// its seed alone, on any machine.
public struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The generator for execution `index` of a session: each input depends only on (seed, index), never on the
    /// executions before it, so one failing input can be replayed without rerunning the whole session.
    public init(seed: UInt64, execution index: Int) {
        var mixer = FuzzRandom(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        self.init(seed: mixer.next())
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`; an empty range gives its lower bound rather than trapping.
    public mutating func int(_ range: Range<Int>) -> Int {
        range.isEmpty ? range.lowerBound : Int.random(in: range, using: &self)
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// Small numbers much more often than large ones: how many mutations to stack, how many checks to generate.
    public mutating func geometric(max: Int, p: Double = 0.5) -> Int {
        var count = 1
        while count < max, chance(p) { count += 1 }
        return count
    }
}
