/// The process's exit codes and what each means: the one place they are defined, for the verdict, the reports and
/// `--help` (`docs/exit-codes.md` explains them at length).
public struct ExitStatus: Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    private enum Code: Int32, CaseIterable {
        case pass = 0, fail = 1, usage = 2, hold = 3, deadline = 4, sigint = 130, sigterm = 143
    }

    private let value: Code

    private init(_ value: Code) { self.value = value }

    /// The status for a process exit code smokegate uses; nil for any other number.
    public init?(code: Int32) {
        guard let value = Code(rawValue: code) else { return nil }
        self.value = value
    }

    /// Pass, or promote.
    public static let pass = ExitStatus(.pass)
    /// A check or gate failed, or rollback (also a watch checkpoint, which is not a verdict).
    public static let fail = ExitStatus(.fail)
    /// A usage or configuration error: nothing was probed.
    public static let usage = ExitStatus(.usage)
    /// A comparison could not decide: hold for a person.
    public static let hold = ExitStatus(.hold)
    /// The run's `--deadline` passed.
    public static let deadline = ExitStatus(.deadline)
    /// Interrupted by SIGINT.
    public static let sigint = ExitStatus(.sigint)
    /// Interrupted by SIGTERM.
    public static let sigterm = ExitStatus(.sigterm)

    public static var allCases: [ExitStatus] { Code.allCases.map(ExitStatus.init) }

    /// The number the process exits with.
    public var code: Int32 { value.rawValue }

    /// What the code means, in a few words.
    public var meaning: String {
        switch value {
        case .pass: "pass or promote"
        case .fail: "a check or gate failed, or rollback"
        case .usage: "usage or configuration error (nothing was probed; the reports say so)"
        case .hold: "hold (a comparison could not decide)"
        case .deadline: "the run's --deadline passed (reports written, marked interrupted)"
        case .sigint: "interrupted by SIGINT (reports written, marked interrupted)"
        case .sigterm: "interrupted by SIGTERM (reports written, marked interrupted)"
        }
    }

    public var description: String { "\(value.rawValue) \(meaning)" }

    /// In reports, the number itself (`"exit_code": 3`).
    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(Int32.self)
        guard let value = Code(rawValue: code) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown exit code \(code)"))
        }
        self.value = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    /// Every code with its meaning, for `--help`.
    public static var summary: String {
        "Exit codes: " + allCases.map(\.description).joined(separator: "; ") + "."
    }
}
