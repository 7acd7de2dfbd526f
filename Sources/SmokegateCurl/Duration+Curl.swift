extension Duration {
    /// Whole milliseconds for a curl `*_MS` option, rounded up and at least 1:
    /// curl reads 0 as "no limit", which must never come from a short or zero timeout.
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 1 }
        let cappedSeconds = min(seconds, Int64(Int32.max))
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return max(1, Int(cappedSeconds * 1000 + fraction))
    }
}
