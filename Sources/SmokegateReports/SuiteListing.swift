import Foundation
import SmokegateModel

/// `smokegate list`: the checks of a loaded suite × the environments each runs in, as a table or as JSON.
public enum SuiteListing {
    /// One check, as `smokegate list --json` shows it.
    public struct Entry: Sendable, Codable {
        public var suite: String
        public var name: String
        public var file: String
        public var line: Int
        public var kind: String
        public var tags: [String]
        /// The checks (`suite/name`) it waits for: their captures or `needs:`.
        public var dependsOn: [String]
        /// The values it captures for later checks.
        public var captures: [String]
        public var environments: [Target]
    }

    /// Where a check goes in one environment; secrets masked.
    public struct Target: Sendable, Codable {
        public var environment: String
        public var method: String?
        public var target: String
    }

    /// The selected checks in suite order, each with the environments it runs in.
    public static func entries(_ suite: Suite, selected: Set<Int>) -> [Entry] {
        suite.checks.indices.filter(selected.contains).map { index in
            let check = suite.checks[index]
            let targets = suite.environments.compactMap { environment -> Target? in
                guard let definition = check.definitions[environment.name] else { return nil }
                var method: String?
                if case .http(let spec) = definition.probe { method = spec.method }
                return Target(environment: environment.name, method: method, target: suite.redactor.redact(definition.probe.target))
            }
            return Entry(suite: check.suite, name: check.name, file: check.location.file, line: check.location.line,
                         kind: check.definitions.values.first?.probe.kind ?? "http", tags: check.tags,
                         dependsOn: check.dependencies.map { suite.checks[$0.check].qualifiedName },
                         captures: check.definitions.values.first?.captures.map(\.name) ?? [], environments: targets)
        }
    }

    /// A table: one row per check and environment.
    public static func text(_ suite: Suite, selected: Set<Int>) -> String {
        var rows = [["CHECK", "ENV", "KIND", "TARGET", "TAGS", "AFTER"]]
        for entry in entries(suite, selected: selected) {
            for (position, target) in entry.environments.enumerated() {
                rows.append([position == 0 ? "\(entry.suite)/\(entry.name)" : "", target.environment, entry.kind,
                             (target.method.map { $0 + " " } ?? "") + target.target,
                             position == 0 ? entry.tags.joined(separator: ",") : "", position == 0 ? entry.dependsOn.joined(separator: ",") : ""])
            }
        }
        return ConsoleReport.table(rows, tones: [:], style: .init(enabled: false), statusColumn: -1, notes: [:], numericFrom: .max)
    }

    /// `{"checks": [...]}`, snake_case, keys sorted.
    public static func json(_ suite: Suite, selected: Set<Int>) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(["checks": entries(suite, selected: selected)])
        data.append(UInt8(ascii: "\n"))
        return Array(data)
    }
}
