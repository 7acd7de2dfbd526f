import Histogram

extension LatencyHistogram {
    /// What `recorder` holds, in the history's mergeable buckets: each of its recorded values (HdrHistogram at
    /// three significant digits, finer than this histogram's 1/128) counted in the bucket it falls in.
    public init(_ recorder: LatencyRecorder) {
        self.init()
        for value in recorder.histogram.recordedValues() where value.count > 0 {
            record(microseconds: recorder.histogram.medianEquivalentForValue(value.value), count: UInt64(value.count))
        }
    }
}
