import Foundation
import Yams

/// Turns YAML files into a validated `Suite`, reporting every problem with `file:line:column`.
public enum SuiteLoader {
    static let rootKeys = ["suite", "vars", "environments", "defaults", "gates", "compare", "watch", "checks"]
    static let environmentKeys = ["base_url", "connect_to", "headers", "vars", "expect_version", "proxy"]

    /// One parsed file, before checks are resolved per environment.
    struct File {
        var path: String
        var reader: ConfigReader
        var suiteName: String
        var variables: [String: Template.Value]
        var defaults: [String: Node]
        var checks: [Node]
    }

    /// `load` on the calling thread, whatever its stack.
    static func loadOnCurrentThread(paths: [String], options: LoadOptions) throws(ConfigErrors) -> Suite {
        var errors: [ConfigError] = []
        let filePaths = discoverFiles(paths, errors: &errors)
        var files: [File] = []
        var environments: [(Environment, variables: [String: Template.Value], node: Node, reader: ConfigReader)] = []
        var gates: [Gate] = []
        var brokenEnvironments = Set<String>()
        var comparison: (settings: ComparisonSettings, node: Node, reader: ConfigReader)?
        var watch: (settings: WatchSettings, node: Node, reader: ConfigReader)?

        for path in filePaths {
            let reader = ConfigReader(file: path)
            guard let root = parseYAML(path: path, errors: &errors) else { continue }
            guard let fields = reader.table(root, allowed: rootKeys, in: "the suite") else {
                errors += reader.errors
                continue
            }
            let baseName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let suiteName = fields["suite"].flatMap { reader.string($0, what: "suite") } ?? baseName
            let variables = fields["vars"].map { readVariables($0, reader: reader, options: options, owner: "") } ?? [:]
            if let node = fields["environments"] {
                environments += readEnvironments(node, reader: reader, fileVariables: variables, options: options, broken: &brokenEnvironments)
                    .map { ($0.0, $0.1, $0.2, reader) }
            }
            if let node = fields["gates"] { gates += readGates(node, reader: reader) }
            if let node = fields["compare"], let settings = ComparisonReader(reader: reader).read(node, allowEnvironments: true) {
                if let first = comparison {
                    reader.error("compare: is already defined at \(first.reader.location(first.node)): a run has one comparison", at: node)
                } else {
                    comparison = (settings, node, reader)
                }
            }
            if let node = fields["watch"], let settings = WatchReader(reader: reader).read(node, suiteLevel: true) {
                if let first = watch {
                    reader.error("watch: is already defined at \(first.reader.location(first.node)): a run has one watch block", at: node)
                } else {
                    watch = (settings, node, reader)
                }
            }
            var checks: [Node] = []
            if let node = fields["checks"] {
                if let sequence = node.sequence { checks = Array(sequence) } else {
                    reader.error("checks must be a list of checks (each starting with '- name:')", at: node)
                }
            }
            let defaults = fields["defaults"].flatMap { reader.table($0, allowed: CheckReader.defaultKeys, in: "defaults") } ?? [:]
            files.append(File(path: path, reader: reader, suiteName: suiteName, variables: variables, defaults: defaults, checks: checks))
        }

        // Environment names are global across files.
        var seen: [String: SourceLocation] = [:]
        for (environment, _, node, reader) in environments {
            if let first = seen[environment.name] {
                reader.error("environment '\(environment.name)' is already defined at \(first)", at: node)
            } else if let location = environment.location {
                seen[environment.name] = location
            }
        }
        let policy = comparisonPolicy(comparison, options: options, defined: environments.map(\.0.name), errors: &errors)
        var selection = options
        if let policy { selection.environments = [policy.baseline, policy.candidate] }
        let selected = selectEnvironments(environments.map { ($0.0, $0.variables) }, options: selection, errors: &errors)

        var checks: [Check] = []
        var checkCount = 0
        for file in files {
            checkCount += file.checks.count
            checks += CheckReader(file: file, environments: selected.filter { !brokenEnvironments.contains($0.environment.name) },
                                  definedEnvironments: environments.map(\.0.name), options: options).readChecks()
        }
        if !filePaths.isEmpty, checkCount == 0, errors.isEmpty, files.allSatisfy({ $0.reader.errors.isEmpty }) {
            errors.append(ConfigError("no checks defined: add a 'checks:' list to one of \(filePaths.joined(separator: ", "))", at: filePaths.first.map { SourceLocation(file: $0, line: 1, column: 1) }))
        }

        if !options.tags.isEmpty, !checks.isEmpty, !checks.contains(where: { !Set($0.tags).isDisjoint(with: options.tags) }) {
            let inUse = Set(checks.flatMap(\.tags)).sorted()
            errors.append(ConfigError("no check has tag \(options.tags.map { "'\($0)'" }.joined(separator: " or "))"
                + (inUse.isEmpty ? "; no check has tags" : "; tags in use: \(inUse.joined(separator: ", "))"), at: nil))
        }
        // JUnit identifies a test by (classname, name): two files with one `suite:` name may not reuse a check name.
        var seenNames: [String: SourceLocation] = [:]
        for check in checks {
            if let first = seenNames[check.qualifiedName], first.file != check.location.file {
                errors.append(ConfigError("check '\(check.name)' of suite '\(check.suite)' is also defined at \(first): give one of them another name", at: check.location))
            }
            seenNames[check.qualifiedName] = seenNames[check.qualifiedName] ?? check.location
        }

        var redactor = Redactor()
        for file in files {
            errors += file.reader.errors
            for secret in file.reader.secrets { redactor.add(secret) }
        }
        for (_, variables, _, reader) in environments {
            if !files.contains(where: { $0.reader === reader }) { errors += reader.errors }
            for value in variables.values where value.isSecret { redactor.add(value.text) }
        }
        for check in checks {
            for definition in check.definitions.values { redactor.addCredentials(of: definition.probe) }
        }
        guard errors.isEmpty else { throw ConfigErrors(deduplicated(errors)) }
        var suite = Suite(environments: selected.map(\.environment), checks: checks, gates: gates, files: filePaths, redactor: redactor)
        suite.comparison = policy
        suite.watch = watch?.settings
        return suite
    }

    /// The comparison this run makes: `--baseline`/`--candidate` over a `compare:` block; nil when neither names both.
    /// A problem with names from the block is located there; one from the command line has nothing to point at.
    static func comparisonPolicy(_ block: (settings: ComparisonSettings, node: Node, reader: ConfigReader)?, options: LoadOptions,
                                 defined: [String], errors: inout [ConfigError]) -> ComparisonPolicy? {
        let settings = block?.settings
        let baseline = options.baseline ?? settings?.baseline
        let candidate = options.candidate ?? settings?.candidate
        guard baseline != nil || candidate != nil else { return nil }
        func report(_ message: String, at key: String?) {
            guard let block, options.baseline == nil || options.candidate == nil else {
                errors.append(ConfigError(message, at: nil))
                return
            }
            block.reader.error(message, at: key.flatMap { block.node.mapping?[$0] } ?? block.node)
        }
        guard let baseline, let candidate else {
            report("a comparison needs both a baseline and a candidate (--baseline blue --candidate green, or compare: { baseline: …, candidate: … })", at: nil)
            return nil
        }
        guard baseline != candidate else {
            report("the baseline and the candidate are both '\(baseline)': compare two environments", at: options.candidate == nil ? "candidate" : "baseline")
            return nil
        }
        if !options.environments.isEmpty, Set(options.environments) != [baseline, candidate] {
            errors.append(ConfigError("--env \(options.environments.joined(separator: ", ")) does not match the comparison \(baseline) → \(candidate): leave --env out when comparing", at: nil))
        }
        // Names from the block are checked here, where they can be located; names from the command line are
        // checked with the other selected environments.
        var unknown = false
        for (key, name, fromCommandLine) in [("baseline", baseline, options.baseline != nil), ("candidate", candidate, options.candidate != nil)]
            where !fromCommandLine && !defined.contains(name) {
            guard let block, let node = block.node.mapping?[key] else { continue }
            let hint = Levenshtein.suggestion(for: name, among: defined).map { " (did you mean '\($0)'?)" } ?? ""
            block.reader.error("unknown environment '\(name)' in compare.\(key)\(hint)"
                + (defined.isEmpty ? "; the suites define no environments" : "; defined: \(defined.joined(separator: ", "))"), at: node)
            unknown = true
        }
        guard !unknown else { return nil }
        let policy = ComparisonPolicy(baseline: baseline, candidate: candidate)
        return settings?.applied(to: policy) ?? policy
    }

    /// Files named directly, plus every `*.yml` / `*.yaml` under named directories, in a stable order.
    static func discoverFiles(_ paths: [String], errors: inout [ConfigError]) -> [String] {
        var result: [String] = []
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(ConfigError("no such file or directory: \(path)", at: nil))
                continue
            }
            guard isDirectory.boolValue else {
                result.append(path)
                continue
            }
            let found = (fileManager.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
                .sorted()
                .map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
            if found.isEmpty {
                errors.append(ConfigError("no suites in \(path): expected *.yml or *.yaml files", at: SourceLocation(file: path, line: 1, column: 1)))
            }
            result += found
        }
        var seen = Set<String>()
        return result.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    static func parseYAML(path: String, errors: inout [ConfigError]) -> Node? {
        guard let data = FileManager.default.contents(atPath: path) else {
            errors.append(ConfigError("cannot read \(path)", at: nil))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            errors.append(ConfigError("\(path) is not UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1)))
            return nil
        }
        do {
            if let refusal = try YAMLAliasGuard.check(text) {
                let at = refusal.mark.map { SourceLocation(file: path, line: max(1, $0.line), column: max(1, $0.column)) }
                errors.append(ConfigError(refusal.message, at: at ?? SourceLocation(file: path, line: 1, column: 1)))
                return nil
            }
            guard let node = try Yams.compose(yaml: text) else {
                errors.append(ConfigError("the file is empty: a suite needs at least 'checks:'", at: SourceLocation(file: path, line: 1, column: 1)))
                return nil
            }
            return node
        } catch let error as YamlError {
            errors.append(yamlError(error, path: path))
            return nil
        } catch {
            errors.append(ConfigError("invalid YAML: \(error)", at: SourceLocation(file: path, line: 1, column: 1)))
            return nil
        }
    }

    static func yamlError(_ error: YamlError, path: String) -> ConfigError {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: path, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return ConfigError("invalid YAML: \(detail)", at: at(mark))
        case let .duplicatedKeysInMapping(duplicates, context):
            return ConfigError("duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping: each key may appear once", at: at(context.mark))
        case let .reader(problem, offset, _, _):
            return ConfigError("invalid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")", at: SourceLocation(file: path, line: 1, column: 1))
        default:
            return ConfigError("invalid YAML: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
        }
    }

    /// The same problem found once per environment is reported once.
    /// Each problem once, in file order (problems without a file first).
    static func deduplicated(_ errors: [ConfigError]) -> [ConfigError] {
        var seen = Set<ConfigError>()
        let unique = errors.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { a, b in
            let (l, r) = (a.element.location, b.element.location)
            if let l, let r, (l.file, l.line, l.column) != (r.file, r.line, r.column) { return (l.file, l.line, l.column) < (r.file, r.line, r.column) }
            if (l == nil) != (r == nil) { return l == nil }
            return a.offset < b.offset
        }.map(\.element)
    }
}
