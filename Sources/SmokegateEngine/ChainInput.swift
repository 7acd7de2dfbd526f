/// What a chained check starts from: the values its dependencies captured and their cookie jar.
struct ChainInput: Sendable {
    /// Captured values by name.
    var values: [String: String] = [:]
    /// The jar, in libcurl's Netscape cookie-file lines.
    var cookies: [String] = []
    /// Whether checks wait for this one: its jar must be kept for them.
    var handsOn = false
}
