/// What a DNS check expects of its answers, each written as `dig +short` prints it (`192.0.2.10`,
/// `10 mail.example.com.`, `"v=spf1 -all"`); every given part must hold.
public struct DNSAnswerMatcher: Sendable {
    /// `equals`: exactly these answers, in any order.
    public var equals: Set<String>?
    /// `contains`: these answers among others.
    public var contains: [String]
    /// `matches`: every answer matches (and there is at least one).
    public var matches: Pattern?

    public init(equals: Set<String>? = nil, contains: [String] = [], matches: Pattern? = nil) {
        self.equals = equals
        self.contains = contains
        self.matches = matches
    }

    /// nil when `answers` satisfy every part, else what is wrong, quoting the answers.
    public func failure(for answers: [String]) -> String? {
        let shown = answers.isEmpty ? "no answers" : answers.sorted().joined(separator: ", ")
        if let equals, Set(answers) != equals {
            return "answers: expected \(equals.sorted().joined(separator: ", ")), got \(shown)"
        }
        let missing = contains.filter { !answers.contains($0) }
        if !missing.isEmpty {
            return "answers: expected to contain \(missing.joined(separator: ", ")), got \(shown)"
        }
        if let matches {
            let odd = answers.filter { !matches.matches($0) }
            if answers.isEmpty || !odd.isEmpty {
                return "answers: expected every answer to match /\(matches)/, got \(shown)"
            }
        }
        return nil
    }
}
