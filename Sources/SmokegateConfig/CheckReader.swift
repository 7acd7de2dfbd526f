import Foundation
import SmokegateCurl
import SmokegateDocuments
import SmokegateModel
import Yams

/// Reads a file's checks, once per environment each runs in, with that environment's variables substituted.
struct CheckReader {
    static let checkKeys = ["name", "tags", "environments", "samples", "interval", "every", "retries", "retry_delay", "http", "tcp", "postgres", "redis", "dns", "grpc", "expect", "compare", "version_from", "watch",
                            "capture", "needs", "alerts"]
    /// The probe kinds; a check has exactly one.
    static let probeKeys = ["http", "tcp", "postgres", "redis", "dns", "grpc"]
    static let httpKeys = ["method", "url", "headers", "body", "json", "timeout", "connect_timeout", "follow_redirects",
                           "max_redirects", "insecure", "max_body", "reuse_connections", "proxy",
                           "query", "form", "multipart", "basic_auth", "bearer", "http_version"] + SuiteLoader.tlsKeys
    /// Keys a file's `defaults:` may set for all its checks.
    static let defaultKeys = ["samples", "interval", "every", "retries", "retry_delay", "headers", "timeout", "connect_timeout",
                              "follow_redirects", "max_redirects", "insecure", "max_body", "reuse_connections", "http_version"] + SuiteLoader.tlsKeys
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    let file: SuiteLoader.File
    let environments: [SuiteLoader.SelectedEnvironment]
    /// Every environment defined in any file, selected or not, for validating a check's `environments:`.
    let definedEnvironments: [String]
    let options: LoadOptions
    /// Where this file's first check will stand in `Suite.checks`: dependencies are indices there.
    var firstIndex = 0
    var reader: ConfigReader { file.reader }

    func readChecks() -> [Check] {
        var checks: [Check] = []
        // Where each check stands in the file and what it waits for, to resolve dependencies once all are read.
        var positions: [Int] = []
        var waits: [[(name: String, node: Node, isNeed: Bool)]] = []
        var names: [String: SourceLocation] = [:]
        let producers = captureProducers()
        for (position, node) in file.checks.enumerated() {
            guard let fields = reader.table(node, allowed: Self.checkKeys, in: "a check") else { continue }
            reader.template = nil
            guard let nameNode = fields["name"], let name = reader.rawScalar(nameNode, what: "name"), !name.isEmpty else {
                reader.error("every check needs a 'name:'", at: node)
                continue
            }
            if let first = names[name] {
                reader.error("duplicate check name '\(name)' in suite '\(file.suiteName)': the first is at \(first)", at: nameNode)
                continue
            }
            names[name] = reader.location(nameNode)
            let tags = fields["tags"].map { reader.stringList($0, what: "tags").map(\.0) } ?? []
            let wanted = fields["environments"].map { restrict($0) }
            let probes = Self.probeKeys.filter { fields[$0] != nil }
            guard probes.count == 1 else {
                reader.error(probes.isEmpty
                    ? "check '\(name)' needs a probe: add one of http:, tcp:, postgres:, redis:, dns:, grpc: (e.g. 'http: GET /health')"
                    : "check '\(name)' has \(probes.joined(separator: " and ")): give exactly one probe per check", at: nameNode)
                continue
            }

            var definitions: [String: CheckDefinition] = [:]
            reader.usedCaptures = []
            for selected in environments where wanted?.contains(selected.environment.name) ?? true {
                var template = Template(variables: selected.variables(forFile: file.variables, options: options),
                                        processEnvironment: options.processEnvironment)
                template.captures = Set(producers.keys)
                reader.template = template
                reportCapturesNamedLikeVariables(producers, variables: template.variables)
                if let definition = readDefinition(fields, environment: selected.environment) {
                    definitions[selected.environment.name] = definition
                }
            }
            reader.template = nil
            var waitsFor = reader.usedCaptures.map { (name: $0.name, node: $0.node, isNeed: false) }
            if let node = fields["needs"] { waitsFor += reader.stringList(node, what: "needs").map { (name: $0.0, node: $0.1, isNeed: true) } }
            reader.usedCaptures = []
            if let command = options.chainingUnsupportedBy, let node = fields["capture"] ?? fields["needs"] ?? waitsFor.first?.node {
                reader.error("\(command) probes every check on its own schedule, so checks cannot pass values or cookies to each other: "
                    + "'capture:', 'needs:' and captured values work in smokegate run (leave this check out with --check, or run it)", at: node)
            }
            var check = Check(name: name, suite: file.suiteName, location: reader.location(node), tags: tags, definitions: definitions)
            check.comparison = fields["compare"].flatMap { ComparisonReader(reader: reader).read($0, allowEnvironments: false) }
            check.watchGates = fields["watch"].flatMap { WatchReader(reader: reader).read($0, suiteLevel: false)?.gates }
            if let node = fields["alerts"] {
                reader.template = Template(variables: SuiteLoader.withBuiltins(file.variables, environment: "", options: options).filter { $0.key != "environment" },
                                           processEnvironment: options.processEnvironment)
                check.alerts = AlertReader(reader: reader).read(node, where: "alerts of check '\(name)'")
                reader.template = nil
            }
            checks.append(check)
            positions.append(position)
            waits.append(waitsFor)
        }
        resolveDependencies(&checks, positions: positions, waits: waits, producers: producers)
        return checks
    }

    /// A check's `environments:` list, validated against every defined environment (selected or not).
    private func restrict(_ node: Node) -> Set<String> {
        let known = definedEnvironments
        var result = Set<String>()
        for (name, itemNode) in reader.stringList(node, what: "environments") {
            result.insert(name)
            if !known.contains(name) {
                let hint = Levenshtein.suggestion(for: name, among: known).map { "; did you mean '\($0)'?" } ?? "; defined: \(known.joined(separator: ", "))"
                reader.error("check refers to unknown environment '\(name)'\(hint)", at: itemNode)
            }
        }
        return result
    }

    /// A setting from the check, else the file's defaults.
    func setting(_ key: String, _ fields: [String: Node], _ http: [String: Node] = [:]) -> Node? {
        http[key] ?? fields[key] ?? file.defaults[key]
    }

    private func readDefinition(_ fields: [String: Node], environment: Environment) -> CheckDefinition? {
        let errorsBefore = reader.errors.count
        let samples = setting("samples", fields).flatMap { reader.int($0, what: "samples", range: 1...1_000_000) } ?? 1
        let interval = setting("interval", fields).flatMap { reader.duration($0, what: "interval") } ?? .zero
        let every = setting("every", fields).flatMap { reader.every($0) }
        let retries = setting("retries", fields).flatMap { reader.int($0, what: "retries", range: 0...100) } ?? 0
        let retryDelay = setting("retry_delay", fields).flatMap { reader.duration($0, what: "retry_delay") } ?? .milliseconds(200)
        let probe: ProbeSpec
        let probeNode: Node
        if let node = fields["http"], let spec = readHTTP(node, environment: environment) {
            (probe, probeNode) = (.http(spec), node)
        } else if let node = fields["tcp"], let spec = readTCP(node) {
            (probe, probeNode) = (.tcp(spec), node)
        } else if let node = fields["postgres"], let spec = readPostgres(node) {
            (probe, probeNode) = (.postgres(spec), node)
        } else if let node = fields["redis"], let spec = readRedis(node) {
            (probe, probeNode) = (.redis(spec), node)
        } else if let node = fields["dns"], let spec = readDNS(node) {
            (probe, probeNode) = (.dns(spec), node)
        } else if let node = fields["grpc"], let spec = readGRPC(node, environment: environment) {
            (probe, probeNode) = (.grpc(spec), node)
        } else {
            return nil
        }
        var expectations: [Expectation] = []
        var latency: [Threshold] = []
        if let expectNode = fields["expect"] {
            (expectations, latency) = ExpectationReader(reader: reader, kind: probe.kind).read(expectNode)
        }
        expectations = ExpectationReader.withDefaults(expectations, for: probe, at: reader.location(probeNode))
        var versionSource: VersionSource?
        if let node = fields["version_from"] {
            versionSource = readVersionSource(node, kind: probe.kind)
        }
        let captures = fields["capture"].map { readCaptures($0, kind: probe.kind) } ?? []
        guard reader.errors.count == errorsBefore else { return nil }
        var definition = CheckDefinition(probe: probe, expectations: expectations, latency: latency, samples: samples,
                                         interval: interval, retries: retries, retryDelay: retryDelay)
        definition.every = every
        definition.versionSource = versionSource
        definition.expectedVersion = versionSource == nil ? nil : environment.expectedVersion
        definition.captures = captures
        return definition
    }

    /// `header X-Version` or `json $.version`; `answers` for a DNS check.
    private func readVersionSource(_ node: Node, kind: String) -> VersionSource? {
        guard let text = reader.string(node, what: "version_from") else { return nil }
        if kind == "dns" {
            guard text.trimmingCharacters(in: .whitespaces) == "answers" else {
                reader.error("version_from of a dns check is 'answers' (the sorted answer set), found '\(node.scalar?.string ?? text)'", at: node)
                return nil
            }
            return .answers
        }
        guard kind == "http" else {
            reader.error("version_from applies to http checks ('header NAME', 'json PATH') and dns checks ('answers'), not \(kind)", at: node)
            return nil
        }
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("header", 2):
            return .header(parts[1].trimmingCharacters(in: .whitespaces))
        case ("json", 2):
            do throws(JSONPathError) {
                return .json(try JSONPath(parts[1].trimmingCharacters(in: .whitespaces)))
            } catch {
                reader.error("invalid JSON path in version_from: \(error.message)", at: node, offset: 5 + error.offset)
                return nil
            }
        default:
            reader.error("version_from is 'header NAME' or 'json PATH', e.g. 'header X-Version' or 'json $.version'; found '\(node.scalar?.string ?? text)'", at: node)
            return nil
        }
    }

    private func readHTTP(_ node: Node, environment: Environment) -> HTTPProbeSpec? {
        var fields: [String: Node] = [:]
        var method = "GET"
        var urlNode = node
        if node.scalar != nil {
            // Shorthand: `http: GET /health` or `http: /health`.
            guard let text = request({ reader.string(node, what: "http") }) else { return nil }
            let words = text.split(separator: " ", maxSplits: 1).map(String.init)
            if words.count == 2 { method = words[0].uppercased() }
            return buildHTTP(method: method, url: words.last ?? "", urlNode: node, methodNode: node, fields: [:], environment: environment)
        }
        guard let table = reader.table(node, allowed: Self.httpKeys, in: "http") else { return nil }
        fields = table
        guard let found = fields["url"] else {
            reader.error("http needs a 'url:' (absolute, or relative to the environment's base_url)", at: node)
            return nil
        }
        urlNode = found
        if let methodNode = fields["method"], let text = reader.string(methodNode, what: "method") { method = text.uppercased() }
        guard let url = request({ reader.string(urlNode, what: "url") }) else { return nil }
        return buildHTTP(method: method, url: url, urlNode: urlNode, methodNode: fields["method"] ?? node, fields: fields, environment: environment)
    }

    private func buildHTTP(method: String, url: String, urlNode: Node, methodNode: Node, fields: [String: Node], environment: Environment) -> HTTPProbeSpec? {
        if !Self.methods.contains(method), method.contains(where: { !$0.isLetter }) {
            reader.error("invalid HTTP method '\(method)'", at: methodNode)
        }
        guard let absolute = absoluteURL(url, node: urlNode, environment: environment) else { return nil }
        var headers = environment.headers
        if let node = file.defaults["headers"] {
            headers = headers.overlaid(with: request { reader.stringPairs(node, what: "headers") }.map { HeaderField(name: $0.key, value: $0.value) })
        }
        if let node = fields["headers"] {
            headers = headers.overlaid(with: request { reader.stringPairs(node, what: "headers") }.map { HeaderField(name: $0.key, value: $0.value) })
        }
        var body: [UInt8]?
        if let node = fields["body"] { body = request { reader.string(node, what: "body") }.map { Array($0.utf8) } }
        if let node = fields["json"] {
            if body != nil { reader.error("give either 'body:' or 'json:', not both", at: node) }
            body = Array(request { YAMLJSON.serialize(node, reader: reader) }.utf8)
            if !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headers.append(HeaderField(name: "Content-Type", value: "application/json"))
            }
        }
        let bodyKey = ["body", "json", "form", "multipart"].first { fields[$0] != nil }
        if method == "HEAD", let bodyKey, let node = fields[bodyKey] {
            // curl would send it as a GET-like request with a body and then wait for a body the answer never has.
            reader.error("a HEAD request has no body: remove '\(bodyKey)', or use another method", at: node)
        }
        var extras = readRequestExtras(fields, headers: &headers)
        func value<T>(_ key: String, _ read: (Node, String) -> T?) -> T? { setting(key, [:], fields).flatMap { read($0, key) } }
        let timeout = value("timeout") { reader.timeout($0, what: $1) } ?? .seconds(10)
        let connectTimeout = value("connect_timeout") { reader.timeout($0, what: $1) } ?? min(timeout, .seconds(5))
        // The check's own proxy wins over its environment's; without either, a direct connection.
        let proxy = fields["proxy"].flatMap { SuiteLoader.readProxy($0, reader: reader) } ?? environment.proxy ?? .direct
        extras.tls = environment.tls.overlaid(with: SuiteLoader.readTLS(file.defaults, reader: reader))
            .overlaid(with: SuiteLoader.readTLS(fields, reader: reader))
        SuiteLoader.checkTLS(extras.tls, fields: fields, defaults: file.defaults, reader: reader)
        extras.httpVersion = value("http_version") { readHTTPVersion($0, what: $1) }
        var spec = HTTPProbeSpec(
            method: method, url: absolute, headers: headers, body: body,
            connectTimeout: connectTimeout, timeout: timeout,
            followRedirects: value("follow_redirects") { redirectPolicy($0, what: $1) } ?? .never,
            maxRedirects: value("max_redirects") { reader.int($0, what: $1, range: 0...50) } ?? 5,
            insecure: value("insecure") { reader.bool($0, what: $1) } ?? false,
            connectTo: environment.connectTo,
            maxBody: value("max_body") { reader.size($0, what: $1) } ?? (1 << 20),
            reuseConnections: value("reuse_connections") { reader.bool($0, what: $1) } ?? false,
            proxy: proxy.resolve(forURL: absolute, environment: options.processEnvironment)
        )
        spec.apply(extras)
        return spec
    }

    /// Reads what `body` reads with captured values allowed: only a request's own fields may wait for them.
    func request<T>(_ read: () -> T) -> T {
        let saved = reader.capturesAllowed
        reader.capturesAllowed = true
        defer { reader.capturesAllowed = saved }
        return read()
    }

    /// `follow_redirects`: a boolean, or `same_host` to follow only redirects that keep the scheme, host and port.
    private func redirectPolicy(_ node: Node, what: String) -> HTTPRedirectPolicy? {
        guard let text = reader.string(node, what: what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return .anyHost
        case "false", "no", "off": return .never
        case "same_host": return .sameHost
        default:
            reader.error("\(what) must be true, false or same_host, found '\(node.scalar?.string ?? text)'", at: node)
            return nil
        }
    }

    private func absoluteURL(_ url: String, node: Node, environment: Environment) -> String? {
        if url.hasPrefix("http://") || url.hasPrefix("https://") { return url }
        // Quote what the user wrote when it holds references, so a rendered secret never reaches the message.
        let raw = node.scalar?.string ?? url
        let shown = Template.hasReferences(raw) ? raw : url
        if url.contains("://") {
            reader.error("only http:// and https:// URLs are supported by http checks, found '\(shown)'", at: node)
            return nil
        }
        guard let base = environment.baseURL else {
            reader.error("relative url '\(shown)' needs a base_url in environment '\(environment.name)', or write an absolute URL", at: node)
            return nil
        }
        let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
        return url.hasPrefix("/") ? trimmedBase + url : trimmedBase + "/" + url
    }
}
