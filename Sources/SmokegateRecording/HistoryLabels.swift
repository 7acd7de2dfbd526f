/// The labels a run is recorded with: `--label key=value` plus the commit and the pipeline taken from the usual
/// CI variables when present. A label given on the command line wins over one found in the environment.
public enum HistoryLabels {
    /// The CI variables read, first present wins, for each label smokegate adds on its own.
    ///
    /// GitHub Actions, GitLab CI, Buildkite, CircleCI, Azure Pipelines, Bitbucket Pipelines, Jenkins (in that order).
    public static let ciVariables: [(label: String, variables: [String])] = [
        ("commit", ["GITHUB_SHA", "CI_COMMIT_SHA", "BUILDKITE_COMMIT", "CIRCLE_SHA1", "BUILD_SOURCEVERSION", "BITBUCKET_COMMIT", "GIT_COMMIT"]),
        ("pipeline", ["GITHUB_RUN_ID", "CI_PIPELINE_ID", "BUILDKITE_BUILD_ID", "CIRCLE_WORKFLOW_ID", "BUILD_BUILDID", "BITBUCKET_BUILD_NUMBER", "BUILD_TAG"]),
    ]

    /// The longest key and value kept: labels are for grouping, not for payloads.
    public static let maximumKeyLength = 64
    public static let maximumValueLength = 256

    /// `--label key=value` arguments as a map; a missing `=`, an empty or over-long key or value, or a key given
    /// twice is an error naming the argument.
    public static func parse(_ arguments: [String]) throws -> [String: String] {
        var labels: [String: String] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else {
                throw RecordingError.label("--label takes key=value, got '\(argument)'")
            }
            let key = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
            let value = String(argument[argument.index(after: equals)...])
            guard !key.isEmpty, key.count <= maximumKeyLength else {
                throw RecordingError.label("--label \(argument): the key must have 1 to \(maximumKeyLength) characters")
            }
            guard value.count <= maximumValueLength else {
                throw RecordingError.label("--label \(key): the value is longer than \(maximumValueLength) characters")
            }
            guard labels[key] == nil else { throw RecordingError.label("--label \(key) is given twice") }
            labels[key] = value
        }
        return labels
    }

    /// `commit` and `pipeline` from the first CI variable of ``ciVariables`` that is set and not empty.
    public static func fromCI(_ environment: [String: String]) -> [String: String] {
        var labels: [String: String] = [:]
        for (label, variables) in ciVariables {
            if let value = variables.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) {
                labels[label] = String(value.prefix(maximumValueLength))
            }
        }
        return labels
    }

    /// The labels to record: the CI ones, overridden by those given with `--label`.
    public static func resolve(arguments: [String], environment: [String: String]) throws -> [String: String] {
        fromCI(environment).merging(try parse(arguments)) { _, given in given }
    }
}

import Foundation
