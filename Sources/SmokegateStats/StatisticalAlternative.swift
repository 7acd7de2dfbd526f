/// Which direction a one- or two-sided test looks in; `greater` asks whether the first sample tends to be larger.
///
/// The raw values are SciPy's spellings, so configs and reports can carry them unchanged.
public enum StatisticalAlternative: String, Sendable, Codable {
    case greater
    case less
    case twoSided = "two-sided"
}
