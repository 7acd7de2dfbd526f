/// The names of a protocol's numeric codes, where code N is the Nth name: DNS response codes, gRPC status codes,
/// health serving statuses.
struct CodeNames: Sendable {
    let names: [String]
    /// What a code without a name is called: the prefix and then the number (`RCODE4000`, `CODE_42`).
    let unnamedPrefix: String

    /// The code of `name`, compared without case; nil when no code has that name.
    func code(named name: String) -> Int? {
        names.firstIndex(of: name.uppercased())
    }

    /// The name of `code`, or the prefix and the number.
    func name(of code: Int) -> String {
        names.indices.contains(code) ? names[code] : "\(unnamedPrefix)\(code)"
    }
}
