import Foundation
import SmokegateModel
import Yams

/// Turns YAML files into a validated `Suite`, reporting every problem with `file:line:column`.
public enum SuiteLoader {
    static let rootKeys = ["suite", "vars", "environments", "defaults", "gates", "compare", "watch", "serve", "alerts", "checks"]
    static let environmentKeys = ["base_url", "connect_to", "headers", "vars", "expect_version", "proxy", "alerts"] + tlsKeys

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
        // Environments whose base_url could not be rendered, per file that defines them.
        var brokenEnvironments: [String: Set<String>] = [:]
        var comparison: (settings: ComparisonSettings, node: Node, reader: ConfigReader)?
        var watch: (settings: WatchSettings, node: Node, reader: ConfigReader)?
        var serve: (settings: ServeSettings, node: Node, reader: ConfigReader)?
        var alerts: (block: AlertBlock, node: Node, reader: ConfigReader)?
        var environmentAlerts: [String: AlertBlock] = [:]

        for path in filePaths {
            let reader = ConfigReader(file: path)
            guard let parsed = parseYAML(path: path, errors: &errors) else { continue }
            let root = withoutExtensionKeys(parsed)
            guard let fields = reader.table(root, allowed: rootKeys, in: "the suite") else {
                errors += reader.errors
                continue
            }
            let baseName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let suiteName = fields["suite"].flatMap { reader.string($0, what: "suite") } ?? baseName
            let variables = fields["vars"].map { readVariables($0, reader: reader, options: options, owner: "") } ?? [:]
            if let node = fields["environments"] {
                environments += readEnvironments(node, reader: reader, fileVariables: variables, options: options, broken: &brokenEnvironments[path, default: []],
                                                 alerts: &environmentAlerts)
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
            if let node = fields["serve"], let settings = readServe(node, reader: reader) {
                if let first = serve {
                    reader.error("serve: is already defined at \(first.reader.location(first.node)): a service has one serve block", at: node)
                } else {
                    serve = (settings, node, reader)
                }
            }
            if let node = fields["alerts"] {
                reader.template = Template(variables: withBuiltins(variables, environment: "", options: options).filter { $0.key != "environment" },
                                           processEnvironment: options.processEnvironment)
                if let block = AlertReader(reader: reader).read(node) {
                    if let first = alerts {
                        reader.error("alerts: is already defined at \(first.reader.location(first.node)): a configuration has one suite-wide alerts block; give environments and checks their own", at: node)
                    } else {
                        alerts = (block, node, reader)
                    }
                }
                reader.template = nil
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

        // An environment name means one deployment across files, but each file may define it for its own checks
        // (shop.yml's blue and payments.yml's blue are two services of one deployment). A file that defines
        // environments runs its checks in those (its blue is its own); a file that defines none runs them in every
        // selected environment, with the first file's definition. `--env blue` selects every file's blue.
        var firstDefinitions: [(Environment, variables: [String: Template.Value], node: Node, reader: ConfigReader)] = []
        for definition in environments where !firstDefinitions.contains(where: { $0.0.name == definition.0.name }) {
            firstDefinitions.append(definition)
        }
        let definedNames = firstDefinitions.map(\.0.name)
        let policy = comparisonPolicy(comparison, options: options, defined: definedNames, errors: &errors)
        var selection = options
        if let policy { selection.environments = [policy.baseline, policy.candidate] }
        let selected = selectEnvironments(firstDefinitions.map { ($0.0, $0.variables) }, options: selection, errors: &errors)

        var checks: [Check] = []
        var checkCount = 0
        for file in files {
            checkCount += file.checks.count
            let own = environments.filter { $0.reader === file.reader }
            let forFile = selected.compactMap { first -> SelectedEnvironment? in
                let name = first.environment.name
                if let mine = own.first(where: { $0.0.name == name }) {
                    return brokenEnvironments[file.path]?.contains(name) == true ? nil : SelectedEnvironment(environment: mine.0, variables: mine.variables)
                }
                guard own.isEmpty else { return nil }
                let definedIn = firstDefinitions.first { $0.0.name == name }?.reader.file
                return definedIn.flatMap { brokenEnvironments[$0] }?.contains(name) == true ? nil : first
            }
            var checkReader = CheckReader(file: file, environments: forFile, definedEnvironments: definedNames, options: options)
            checkReader.firstIndex = checks.count
            checks += checkReader.readChecks()
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

        checks = selectChecks(checks, patterns: options.checks, errors: &errors)

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
        // The run's view of an environment: where every file agrees on its base URL and pins, those; otherwise none,
        // since no single one is true for every check.
        let runEnvironments = selected.map { first in
            var environment = first.environment
            let all = environments.map(\.0).filter { $0.name == environment.name }
            if all.contains(where: { $0.baseURL != environment.baseURL }) { environment.baseURL = nil }
            if all.contains(where: { $0.connectTo != environment.connectTo }) { environment.connectTo = [] }
            return environment
        }
        var suite = Suite(environments: runEnvironments, checks: checks, gates: gates, files: filePaths, redactor: redactor)
        suite.comparison = policy
        suite.watch = watch?.settings
        suite.serve = serve?.settings
        suite.alerts = AlertRouting(suite: alerts?.block, environments: environmentAlerts,
                                    checks: Dictionary(checks.compactMap { check in check.alerts.map { (check.qualifiedName, $0) } }) { first, _ in first })
        if let policy { suite.warnings = comparisonWarnings(checks, policy: policy) }
        return suite
    }

    /// The root without its `x-` keys: places for anchors (`x-defaults: &defaults`), as in Docker Compose files.
    static func withoutExtensionKeys(_ root: Node) -> Node {
        guard let mapping = root.mapping else { return root }
        let pairs = mapping.filter { !($0.key.scalar?.string.hasPrefix("x-") ?? false) }.map { ($0.key, $0.value) }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    /// `serve: { every: 30s, verdict_span: 5m }`.
    static func readServe(_ node: Node, reader: ConfigReader) -> ServeSettings? {
        guard let fields = reader.table(node, allowed: ["every", "verdict_span"], in: "serve") else { return nil }
        return ServeSettings(every: fields["every"].flatMap { reader.every($0) },
                             verdictSpan: fields["verdict_span"].flatMap { reader.duration($0, what: "verdict_span") })
    }

    /// Percentiles listed in `compare.metrics` that a check takes too few samples to compare: the run would hold.
    static func comparisonWarnings(_ checks: [Check], policy suitePolicy: ComparisonPolicy) -> [ConfigError] {
        checks.compactMap { check in
            let policy = check.comparison?.applied(to: suitePolicy) ?? suitePolicy
            guard policy.metricsRequested, let base = check.definitions[policy.baseline], let candidate = check.definitions[policy.candidate] else { return nil }
            let samples = min(base.samples, candidate.samples)
            let short = policy.metrics.compactMap { metric in metric.samplesToCompare.flatMap { samples < $0 ? (metric, $0) : nil } }
            guard let most = short.map(\.1).max() else { return nil }
            return ConfigError("check '\(check.name)' takes \(samples) sample\(samples == 1 ? "" : "s") per environment, but compare.metrics lists "
                + short.map { "\($0.0.rawValue) (needs \($0.1))" }.joined(separator: ", ")
                + ", which it cannot compare: unless another metric shows a significant regression, the comparison will hold; raise samples to \(most)"
                + " or take \(short.count == 1 ? "it" : "them") out of compare.metrics", at: check.location, severity: .warning)
        }
    }

    /// The comparison this run makes: `--baseline`/`--candidate` over a `compare:` block; nil when neither names both.
    /// A problem with names from the block is located there; one from the command line has nothing to point at.
    static func comparisonPolicy(_ block: (settings: ComparisonSettings, node: Node, reader: ConfigReader)?, options: LoadOptions,
                                 defined: [String], errors: inout [ConfigError]) -> ComparisonPolicy? {
        guard options.comparing else { return nil }
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

    /// Files named directly, plus every `*.yml` / `*.yaml` under named directories, in a stable order. A directory
    /// that cannot be read is an error with the system's reason, never skipped: its suites would silently not run.
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
            var visited = Set<String>()
            let before = errors.count
            let found = suiteFiles(in: path, visited: &visited, errors: &errors)
            if found.isEmpty, errors.count == before {
                errors.append(ConfigError("no suites in \(path): expected *.yml or *.yaml files", at: SourceLocation(file: path, line: 1, column: 1)))
            }
            result += found
        }
        var seen = Set<String>()
        return result.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    /// `*.yml` / `*.yaml` under `directory`, depth first in name order; a symbolic link back up the tree is followed once.
    private static func suiteFiles(in directory: String, visited: inout Set<String>, errors: inout [ConfigError]) -> [String] {
        guard visited.insert(URL(fileURLWithPath: directory).resolvingSymlinksInPath().path).inserted else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            errors.append(ConfigError("cannot read directory \(directory): \(systemReason(of: error))", at: SourceLocation(file: directory, line: 1, column: 1)))
            return []
        }
        var found: [String] = []
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                found += suiteFiles(in: path, visited: &visited, errors: &errors)
            } else if name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
                found.append(path)
            }
        }
        return found
    }

    /// The operating system's words for a file error ("permission denied"), not Foundation's error number.
    static func systemReason(of error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.domain == NSPOSIXErrorDomain ? underlying?.code : nil {
            return SystemError.describe(Int32(code))
        }
        let cocoa = error as NSError
        if cocoa.domain == NSCocoaErrorDomain, cocoa.code == NSFileReadNoPermissionError { return "permission denied" }
        return "\(error)"
    }

    /// The file's bytes, or the system's reason it cannot be read.
    static func readFile(_ path: String) -> Result<[UInt8], ConfigError> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(ConfigError("cannot read \(path): \(SystemError.describe(errno))", at: SourceLocation(file: path, line: 1, column: 1)))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                return .failure(ConfigError("cannot read \(path): \(SystemError.describe(errno))", at: SourceLocation(file: path, line: 1, column: 1)))
            }
            if count == 0 { return .success(bytes) }
            bytes += buffer[0..<count]
        }
    }

    static func parseYAML(path: String, errors: inout [ConfigError]) -> Node? {
        let data: [UInt8]
        switch readFile(path) {
        case .success(let bytes): data = bytes
        case .failure(let error):
            errors.append(error)
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            errors.append(ConfigError("\(path) is not UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1)))
            return nil
        }
        do {
            var refused: ConfigError?
            let composed = try YAMLDuplicateKeys.compose(text) { text in
                if let refusal = try YAMLAliasGuard.check(text) {
                    let at = refusal.mark.map { SourceLocation(file: path, line: max(1, $0.line), column: max(1, $0.column)) }
                    refused = ConfigError(refusal.message, at: at ?? SourceLocation(file: path, line: 1, column: 1))
                    return nil
                }
                return try Yams.compose(yaml: text)
            }
            if let refused {
                errors.append(refused)
                return nil
            }
            switch composed {
            case .duplicates(let duplicates):
                errors += duplicates.map { duplicate in
                    ConfigError("duplicate key '\(duplicate.key)'\(duplicate.first.line == duplicate.mark.line && duplicate.first.column == duplicate.mark.column ? "" : " (first at line \(duplicate.first.line), column \(duplicate.first.column))"): each key may appear once in a mapping",
                                at: SourceLocation(file: path, line: duplicate.mark.line, column: duplicate.mark.column))
                }
                return nil
            case .composed(let node?):
                return YAMLMerge.resolve(node, path: path, errors: &errors)
            case .composed(nil):
                errors.append(ConfigError("the file is empty: a suite needs at least 'checks:'", at: SourceLocation(file: path, line: 1, column: 1)))
                return nil
            }
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
