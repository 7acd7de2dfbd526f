import SmokegateModel

/// `/api/v1/verdict?environment=green&span=5m`, read and checked before anything is evaluated.
struct VerdictQuery: Sendable, Hashable {
    /// The span when neither the query nor the suite's `serve.verdict_span` names one.
    static let defaultSpan: Duration = .seconds(300)
    /// What a span may be: at least a second, at most the day of probes the status keeps in view.
    static let spanRange: ClosedRange<Duration> = .seconds(1) ... .seconds(86_400)

    var environment: String
    var span: Duration

    /// The query, or a sentence saying what is wrong with it (a 400).
    static func parse(environment: Substring?, span: Substring?, suite: Suite) -> Result<VerdictQuery, VerdictQueryError> {
        guard let environment, !environment.isEmpty else {
            let names = suite.environments.map(\.name).joined(separator: ", ")
            return .failure(VerdictQueryError("the query needs ?environment=NAME (one of: \(names))"))
        }
        guard let span else { return .success(VerdictQuery(environment: String(environment), span: suite.serve?.verdictSpan ?? defaultSpan)) }
        switch DurationText.parse(String(span)) {
        case .success(let value) where spanRange.contains(value):
            return .success(VerdictQuery(environment: String(environment), span: value))
        case .success:
            return .failure(VerdictQueryError("span must be between \(DurationText.format(spanRange.lowerBound)) and "
                + "\(DurationText.format(spanRange.upperBound)), got '\(span)'"))
        case .failure(let error):
            return .failure(VerdictQueryError("span: \(error.message)"))
        }
    }
}

/// Why a verdict query cannot be answered.
struct VerdictQueryError: Error, Sendable, Hashable {
    var message: String

    init(_ message: String) { self.message = message }
}
