import ArgumentParser
import SmokegateCore
import SmokegateModel

/// Reads a duration option (`250ms`, `5m`) the way suites write durations.
enum DurationArgument {
    /// `text` as a duration of at least `minimum`; nil when the option was not given.
    static func parse(_ text: String?, flag: String, minimum: Duration) throws -> Duration? {
        guard let text else { return nil }
        switch DurationText.parse(text) {
        case .success(let value) where value >= minimum: return value
        case .success: throw ValidationError("--\(flag) must be at least \(DurationText.format(minimum)), got '\(text)'")
        case .failure(let error): throw ValidationError("--\(flag): \(error.message)")
        }
    }
}
