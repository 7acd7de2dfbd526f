import SmokegateModel
import Yams

extension SuiteLoader {
    /// An environment ready for checks: its definition plus its own `vars:`.
    struct SelectedEnvironment {
        var environment: Environment
        var variables: [String: Template.Value]

        /// What a check in a file with `fileVariables` sees: the file's vars, overridden by the environment's,
        /// then the built-ins and `--var`.
        func variables(forFile fileVariables: [String: Template.Value], options: LoadOptions) -> [String: Template.Value] {
            SuiteLoader.withBuiltins(fileVariables.merging(variables) { $1 }, environment: environment.name, options: options)
        }
    }

    /// `vars:` blocks. Values may use `--var` values, the `visible` variables (a file's vars, for an environment's)
    /// and secrets (`${env:NAME}`); a value that contains a secret is a secret.
    static func readVariables(_ node: Node, reader: ConfigReader, options: LoadOptions, visible: [String: Template.Value] = [:],
                              owner: String) -> [String: Template.Value] {
        guard let mapping = node.mapping else {
            reader.error("vars\(owner) must map names to values, found \(reader.describe(node))", at: node)
            return [:]
        }
        let saved = reader.template
        defer { reader.template = saved }
        var context = visible
        for (key, value) in options.variables { context[key] = Template.Value(text: value, isSecret: false) }
        reader.template = Template(variables: context, processEnvironment: options.processEnvironment)
        var result: [String: Template.Value] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string, Template.isValidName(key) else {
                reader.error("invalid variable name '\(keyNode.scalar?.string ?? "")': use letters, digits, '_', '-' and '.'", at: keyNode)
                continue
            }
            let before = reader.secrets.count
            if let text = reader.string(valueNode, what: "variable '\(key)'\(owner)") {
                result[key] = Template.Value(text: text, isSecret: reader.secrets.count > before)
            }
        }
        return result
    }

    /// Environments whose base_url could not be rendered land in `broken`: their checks are not read, so one
    /// missing variable is one error, not one per check.
    static func readEnvironments(_ node: Node, reader: ConfigReader, fileVariables: [String: Template.Value], options: LoadOptions,
                                 broken: inout Set<String>, alerts: inout [String: AlertBlock]) -> [(Environment, [String: Template.Value], Node)] {
        guard let mapping = node.mapping else {
            reader.error("environments must map names to settings, e.g. 'green: { base_url: https://green.example.com }'", at: node)
            return []
        }
        var result: [(Environment, [String: Template.Value], Node)] = []
        for (nameNode, body) in mapping {
            guard let name = nameNode.scalar?.string, Template.isValidName(name) else {
                reader.error("environment names must be plain names such as 'blue' or 'green'", at: nameNode)
                continue
            }
            guard let fields = reader.table(body, allowed: environmentKeys, in: "environment '\(name)'") else { continue }
            let own = fields["vars"].map {
                readVariables($0, reader: reader, options: options, visible: fileVariables, owner: " of environment '\(name)'")
            } ?? [:]
            let visible = withBuiltins(fileVariables.merging(own) { $1 }, environment: name, options: options)
            reader.template = Template(variables: visible, processEnvironment: options.processEnvironment)
            defer { reader.template = nil }

            var environment = Environment(name: name, location: reader.location(nameNode))
            if let urlNode = fields["base_url"] {
                guard let url = reader.string(urlNode, what: "base_url") else {
                    broken.insert(name)
                    result.append((environment, own, nameNode))
                    continue
                }
                if url.hasPrefix("http://") || url.hasPrefix("https://") {
                    environment.baseURL = url
                } else {
                    reader.error("base_url must start with http:// or https://, found '\(urlNode.scalar?.string ?? url)'", at: urlNode)
                }
            }
            if let pinNode = fields["connect_to"] {
                environment.connectTo = readConnectTo(pinNode, reader: reader)
            }
            if let versionNode = fields["expect_version"] {
                environment.expectedVersion = reader.string(versionNode, what: "expect_version")
            }
            if let proxyNode = fields["proxy"] {
                environment.proxy = readProxy(proxyNode, reader: reader)
            }
            environment.tls = readTLS(fields, reader: reader)
            checkTLS(environment.tls, fields: fields, defaults: [:], reader: reader)
            if let headersNode = fields["headers"] {
                environment.headers = reader.stringPairs(headersNode, what: "headers").map { HeaderField(name: $0.key, value: $0.value) }
            }
            if let alertsNode = fields["alerts"], let block = AlertReader(reader: reader).read(alertsNode, where: "alerts of environment '\(name)'") {
                // An environment defined in several files keeps its first definition's block, as it keeps its first base URL.
                if alerts[name] == nil { alerts[name] = block }
            }
            result.append((environment, own, nameNode))
        }
        return result
    }

    /// `connect_to` as curl's `HOST:PORT:TO-HOST:TO-PORT` strings, or a mapping `"HOST:PORT": "TO-HOST:TO-PORT"`.
    static func readConnectTo(_ node: Node, reader: ConfigReader) -> [String] {
        var entries: [(String, Node)] = []
        if node.mapping != nil {
            entries = reader.stringPairs(node, what: "connect_to").map { ("\($0.key):\($0.value)", $0.node) }
        } else {
            entries = reader.stringList(node, what: "connect_to")
        }
        return entries.compactMap { entry, entryNode in
            let parts = splitHostPorts(entry)
            guard parts.count == 4, parts[1].isEmpty || Int(parts[1]) != nil, parts[3].isEmpty || Int(parts[3]) != nil, !parts[2].isEmpty else {
                reader.error("connect_to entries are 'HOST:PORT:TO-HOST:TO-PORT' (e.g. 'shop.example.com:443:10.0.0.7:8443'), found '\(entryNode.scalar?.string ?? entry)'", at: entryNode)
                return nil
            }
            return entry
        }
    }

    /// Splits on ':' outside IPv6 brackets.
    static func splitHostPorts(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for character in text {
            switch character {
            case "[": depth += 1; current.append(character)
            case "]": depth -= 1; current.append(character)
            case ":" where depth == 0: parts.append(current); current = ""
            default: current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    /// `--var` overrides win; `environment` names the environment being probed.
    static func withBuiltins(_ variables: [String: Template.Value], environment: String, options: LoadOptions) -> [String: Template.Value] {
        var result = variables
        result["environment"] = Template.Value(text: environment, isSecret: false)
        for (key, value) in options.variables { result[key] = Template.Value(text: value, isSecret: false) }
        return result
    }

    /// The environments this run probes: those named by `--env` in that order, else all defined, else an implicit one.
    static func selectEnvironments(_ defined: [(Environment, [String: Template.Value])], options: LoadOptions, errors: inout [ConfigError])
        -> [SelectedEnvironment] {
        let all = defined.map { SelectedEnvironment(environment: $0.0, variables: $0.1) }
        guard !options.environments.isEmpty else {
            if all.isEmpty {
                let implicit = Environment.implicitName
                return [SelectedEnvironment(environment: Environment(name: implicit), variables: [:])]
            }
            return all
        }
        var selected: [SelectedEnvironment] = []
        for name in options.environments {
            if let match = all.first(where: { $0.environment.name == name }) {
                if !selected.contains(where: { $0.environment.name == name }) { selected.append(match) }
                continue
            }
            let names = all.map(\.environment.name)
            var message = "unknown environment '\(name)'"
            if let suggestion = Levenshtein.suggestion(for: name, among: names) { message += " (did you mean '\(suggestion)'?)" }
            message += names.isEmpty ? "; the suites define no environments" : "; defined: \(names.joined(separator: ", "))"
            errors.append(ConfigError(message, at: nil))
        }
        return selected
    }

    static func readGates(_ node: Node, reader: ConfigReader) -> [Gate] {
        reader.stringList(node, what: "gates").compactMap { text, itemNode in
            switch Threshold.parse(text) {
            case .success(let threshold): return Gate(threshold: threshold, location: reader.location(itemNode))
            case .failure(let failure):
                reader.error(failure.message, at: itemNode, offset: failure.offset)
                return nil
            }
        }
    }
}
