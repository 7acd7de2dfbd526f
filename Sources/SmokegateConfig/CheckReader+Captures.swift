import SmokegateDocuments
import SmokegateModel
import Yams

extension CheckReader {
    /// Where each capture of the file is made: a name belongs to one check.
    struct Producer {
        var position: Int
        var check: String
        var node: Node
    }

    static let captureSources = ["json", "header", "cookie", "regex", "xpath"]

    /// Every capture name the file's checks declare, read before any check so a reference can be told from an
    /// undefined variable wherever it stands.
    func captureProducers() -> [String: Producer] {
        var producers: [String: Producer] = [:]
        for (position, node) in file.checks.enumerated() {
            guard let mapping = node.mapping?["capture"]?.mapping else { continue }
            let check = node.mapping?["name"]?.scalar?.string ?? "?"
            for keyNode in mapping.keys {
                guard let name = keyNode.scalar?.string, Template.isValidName(name) else {
                    reader.error("capture names are variable names: letters, digits, '_', '-' and '.', starting with a letter or '_'", at: keyNode)
                    continue
                }
                if let first = producers[name] {
                    reader.error("capture '\(name)' is already made by check '\(first.check)' at \(reader.location(first.node)): give it another name", at: keyNode)
                    continue
                }
                producers[name] = Producer(position: position, check: check, node: keyNode)
            }
        }
        return producers
    }

    /// A capture named like a variable would be ambiguous in `{{name}}`.
    func reportCapturesNamedLikeVariables(_ producers: [String: Producer], variables: [String: Template.Value]) {
        for (name, producer) in producers where variables[name] != nil {
            reader.error("capture '\(name)' has the name of a variable (vars:, an environment's vars:, --var or the built-in 'environment'): rename the capture", at: producer.node)
        }
    }

    /// `capture:` of one check: `name: json $.token`, or `name: { json: $.token, secret: false }`.
    func readCaptures(_ node: Node, kind: String) -> [Capture] {
        guard kind == "http" else {
            reader.error("capture applies to http checks, not \(kind)", at: node)
            return []
        }
        guard let mapping = node.mapping else {
            reader.error("capture must map names to where the value is, e.g. 'token: json $.token', found \(reader.describe(node))", at: node)
            return []
        }
        var captures: [Capture] = []
        for (keyNode, valueNode) in mapping {
            guard let name = keyNode.scalar?.string, Template.isValidName(name) else { continue }
            var secret = true
            var sourceKind: String?
            var expression: String?
            var expressionNode = valueNode
            if valueNode.scalar != nil {
                guard let text = reader.rawScalar(valueNode, what: "capture '\(name)'") else { continue }
                let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
                if parts.count == 2 { (sourceKind, expression) = (parts[0], parts[1].trimmingCharacters(in: .whitespaces)) }
            } else {
                guard let fields = reader.table(valueNode, allowed: Self.captureSources + ["secret"], in: "capture '\(name)'") else { continue }
                if let flag = fields["secret"] { secret = reader.bool(flag, what: "secret") ?? true }
                let given = Self.captureSources.filter { fields[$0] != nil }
                if given.count > 1 {
                    reader.error("capture '\(name)' takes one source, found \(given.joined(separator: " and "))", at: valueNode)
                    continue
                }
                if let key = given.first, let sourceNode = fields[key] {
                    sourceKind = key
                    expression = reader.rawScalar(sourceNode, what: key)
                    expressionNode = sourceNode
                }
            }
            guard let sourceKind, Self.captureSources.contains(sourceKind), let expression, !expression.isEmpty else {
                reader.error("capture '\(name)' is 'json PATH', 'header NAME', 'cookie NAME', 'regex PATTERN' or 'xpath EXPRESSION' "
                    + "(e.g. 'json $.token'), or a mapping with one of them and 'secret:'", at: valueNode)
                continue
            }
            // In the short form the expression starts after the source's name and a space.
            let offset = valueNode.scalar != nil ? sourceKind.count + 1 : 0
            if let source = captureSource(sourceKind, expression, node: expressionNode, offset: offset) {
                captures.append(Capture(name: name, source: source, secret: secret, location: reader.location(keyNode)))
            }
        }
        return captures
    }

    private func captureSource(_ kind: String, _ expression: String, node: Node, offset: Int) -> Capture.Source? {
        switch kind {
        case "json":
            do throws(JSONPathError) {
                return .json(try JSONPath(expression))
            } catch {
                reader.error("invalid JSON path '\(expression)': \(error.message)", at: node, offset: offset + error.offset)
            }
        case "xpath":
            do throws(XPathError) {
                return .xpath(try XPathExpression(expression))
            } catch {
                reader.error("invalid XPath '\(expression)': \(error.message)", at: node, offset: offset)
            }
        case "regex":
            do {
                return .regex(try Pattern(expression))
            } catch {
                reader.error("invalid regular expression '\(expression)'", at: node, offset: offset)
            }
        case "header":
            return .header(expression)
        default:
            return .cookie(expression)
        }
        return nil
    }

    /// Turns the captures each check uses (and its `needs:`) into dependencies on earlier checks, reporting a
    /// capture used by its own check, a cycle, a capture used before the check that makes it, and an environment
    /// where the dependant runs and the check it waits for does not.
    func resolveDependencies(_ checks: inout [Check], positions: [Int], waits: [[(name: String, node: Node, isNeed: Bool)]],
                             producers: [String: Producer]) {
        let names = file.checks.map { $0.mapping?["name"]?.scalar?.string ?? "" }
        // Edges by file position: who waits for whom, and through which captures.
        var edges: [Int: [(to: Int, name: String, node: Node, isNeed: Bool)]] = [:]
        for (index, position) in positions.enumerated() {
            for wait in waits[index] {
                let target: Int
                if wait.isNeed {
                    guard let found = names.firstIndex(of: wait.name) else {
                        let hint = Levenshtein.suggestion(for: wait.name, among: names.filter { !$0.isEmpty }).map { "; did you mean '\($0)'?" } ?? ""
                        reader.error("needs '\(wait.name)': no check of that name in this file\(hint)", at: wait.node)
                        continue
                    }
                    target = found
                } else {
                    guard let producer = producers[wait.name] else { continue }
                    target = producer.position
                }
                if target == position {
                    reader.error(wait.isNeed ? "check '\(names[position])' needs itself"
                        : "check '\(names[position])' uses its own capture '\(wait.name)': a capture is for the checks after it", at: wait.node)
                    continue
                }
                edges[position, default: []].append((target, wait.name, wait.node, wait.isNeed))
            }
        }
        let cyclic = reportCycles(edges, names: names)
        for (index, position) in positions.enumerated() {
            var dependencies: [CheckDependency] = []
            for edge in edges[position] ?? [] where !cyclic.contains(position) {
                guard edge.to < position else {
                    reader.error(edge.isNeed
                        ? "needs '\(edge.name)', which comes later in the file: move '\(edge.name)' above '\(names[position])'"
                        : "capture '\(edge.name)' is used before it is made: check '\(names[edge.to])' (line \(reader.location(file.checks[edge.to]).line)) makes it; "
                            + "move '\(names[edge.to])' above '\(names[position])'", at: edge.node)
                    continue
                }
                guard let producerIndex = positions.firstIndex(of: edge.to) else { continue }
                let producer = checks[producerIndex]
                for environment in checks[index].definitions.keys.sorted() where producer.definitions[environment] == nil {
                    reader.error("check '\(names[position])' runs in \(environment), where '\(producer.name)'"
                        + (edge.isNeed ? "" : " (which captures '\(edge.name)')") + " does not: give both the same environments", at: edge.node)
                }
                let global = firstIndex + producerIndex
                if let existing = dependencies.firstIndex(where: { $0.check == global }) {
                    if !edge.isNeed, !dependencies[existing].captures.contains(edge.name) { dependencies[existing].captures.append(edge.name) }
                } else {
                    dependencies.append(CheckDependency(check: global, captures: edge.isNeed ? [] : [edge.name]))
                }
            }
            // In file order: the first that failed is the one a not-run dependant names.
            checks[index].dependencies = dependencies.sorted { $0.check < $1.check }
        }
    }

    /// Each cycle once, named by the captures that make it; returns the positions in one.
    private func reportCycles(_ edges: [Int: [(to: Int, name: String, node: Node, isNeed: Bool)]], names: [String]) -> Set<Int> {
        var inCycle = Set<Int>()
        var state: [Int: Bool] = [:]   // false: on the current path, true: done
        var path: [(position: Int, via: (name: String, node: Node, isNeed: Bool)?)] = []
        func visit(_ position: Int) {
            state[position] = false
            for edge in edges[position] ?? [] {
                path.append((position, (edge.name, edge.node, edge.isNeed)))
                if state[edge.to] == false, let start = path.firstIndex(where: { $0.position == edge.to }) {
                    let loop = path[start...]
                    let described = loop.map { step in
                        guard let via = step.via else { return "" }
                        return via.isNeed ? "'\(names[step.position])' needs '\(via.name)'" : "'\(names[step.position])' uses '\(via.name)'"
                    }.joined(separator: ", ")
                    if let via = loop.first?.via {
                        reader.error("checks wait for each other in a cycle: \(described); a chain must start with a check that waits for none", at: via.node)
                    }
                    for step in loop { inCycle.insert(step.position) }
                } else if state[edge.to] == nil {
                    visit(edge.to)
                }
                path.removeLast()
            }
            state[position] = true
        }
        for position in edges.keys.sorted() where state[position] == nil { visit(position) }
        return inCycle
    }
}
