@testable import SmokegateConfig
import SmokegateTestSupport

/// Random suites built from the config's own key vocabulary, mostly well-shaped with plausible values, so the
/// fuzzer reaches the checks of deep keys (a matcher block under `expect.json`) that byte mutations rarely form.
struct YAMLGenerator {
    /// A YAML value before rendering.
    indirect enum Tree {
        case scalar(String)
        case list([Tree])
        case map([(String, Tree)])
    }

    /// Values that make sense for a key, tried before anything hostile.
    static let plausible: [String: [String]] = [
        "suite": ["shop", "\"{{environment}}\"", "ünï"],
        "name": ["health", "cart", "health", "\"a b\"", "\"${env:FUZZ_SECRET}\""],
        "tags": ["smoke", "[smoke, critical]", "[]"],
        "environments": ["blue", "[blue, green]", "[green]", "purple"],
        "samples": ["1", "20", "0", "1000001", "\"{{n}}\""],
        "interval": ["10ms", "0s", "1m30s"], "retries": ["0", "3", "101"], "retry_delay": ["200ms", "1s"],
        "method": ["GET", "post", "PURGE", "G3T", "\"\""], "url": ["/health", "http://127.0.0.1:1/x", "\"{{base}}/x\"", "health"],
        "body": ["hello", "\"${env:FUZZ_SECRET}\""], "timeout": ["1s", "10ms", "2"], "connect_timeout": ["500ms"],
        "follow_redirects": ["true", "no", "maybe"], "max_redirects": ["5", "51", "-1"], "insecure": ["false", "yes"],
        "max_body": ["1MiB", "512KB", "0", "1e300KB"], "reuse_connections": ["on", "off"],
        "address": ["\"127.0.0.1:6379\"", "\"[::1]:1\"", "localhost", ":"], "host": ["127.0.0.1", "db.internal", "\"\""],
        "port": ["5432", "0", "65536", "\"{{port}}\""], "tls": ["true", "require", "disable", "bogus"],
        "server_name": ["shop.example.com"], "send": ["\"PING\\r\\n\""], "read_timeout": ["1s"],
        "dsn": ["\"postgres://u:${env:FUZZ_TOKEN}@h:5432/db?sslmode=require\"", "mysql://x"],
        "database": ["orders"], "user": ["probe"], "password": ["\"${env:FUZZ_SECRET}\"", "hunter2"], "username": ["probe"],
        "query": ["SELECT 1"], "command": ["PING", "[INFO, replication]", "\"\""],
        "base_url": ["http://127.0.0.1:8080", "\"https://{{domain}}/\"", "ftp://x", "\"https://u:${env:FUZZ_SECRET}@h/\""],
        "connect_to": ["[\"a:443:b:8443\"]", "{\"a:443\": \"b:8443\"}", "a:b"], "expect_version": ["1.5.0"],
        "version_from": ["header X-Version", "json $.version", "json $..[", "body"],
        "status": ["200", "2xx", "[200, 3xx]", "600"], "reply": ["PONG", "{contains: PONG}"],
        "max_latency": ["250ms"], "latency": ["p95 < 300ms", "[p95 < 1s, p99 < 2s]", "p95 < fast", "error_rate < 1%"],
        "max_query_time": ["50ms"], "rows": ["1", "{gte: 1}"], "cert_expires_in": ["\"> 14d\"", "soon"],
        "cert_subject": ["CN=shop"], "cert_issuer": ["{contains: CA}"], "cert_san": ["shop.example.com", "[a, b]"],
        "baseline": ["blue", "purple"], "candidate": ["green", "blue"], "metrics": ["[p50, p95]", "[p42]", "[]"],
        "relative_margin": ["20%", "0.2"], "absolute_margin": ["10ms"], "error_margin": ["1%"],
        "significance": ["0.05", "5%", "1"], "min_samples": ["5", "1"], "duration": ["5m", "0s"],
        "until": ["version 1.5.0 for 30s", "up for 10s", "soon"], "max_in_flight": ["8", "0"], "checkpoint": ["5s", "1ms"],
        "equals": ["UP", "{a: 1}", "[1, 2]", "~"], "not_equals": ["DOWN"], "exists": ["true", "false", "maybe"],
        "contains": ["x", "[a, b]"], "not_contains": ["y"], "matches": ["\"^v\\\\d+$\"", "\"([\""], "length": ["3", "-1"],
        "lt": ["10"], "lte": ["1.5"], "gt": ["x"], "gte": ["0"],
    ]

    static let environmentNames = ["blue", "green", "route", "default", "\"bad name\"", "_x", "a.b-c", "ünï"]

    var random: FuzzRandom

    init(random: FuzzRandom) { self.random = random }

    mutating func suite() -> String {
        var root: [(String, Tree)] = []
        if random.chance(0.3) { root.append(("suite", value(for: "suite"))) }
        if random.chance(0.4) { root.append(("vars", variables())) }
        if random.chance(0.6) { root.append(("environments", environments())) }
        if random.chance(0.3) { root.append(("defaults", table(CheckReader.defaultKeys, headers: true))) }
        if random.chance(0.3) { root.append(("gates", list { $0.thresholdText() })) }
        if random.chance(0.2) { root.append(("compare", table(ComparisonReader.suiteKeys))) }
        if random.chance(0.2) { root.append(("watch", watch())) }
        if random.chance(0.9) { root.append(("checks", .list((0..<random.geometric(max: 6, p: 0.6)).map { _ in check() }))) }
        if random.chance(0.05) { root.append((random.pick(YAMLMutator.vocabulary), value(for: "?"))) }
        if random.chance(0.2) { root.shuffle(using: &random) }
        return render(.map(root), indent: 0, flow: random.chance(0.1)) + "\n"
    }

    // MARK: Parts

    private mutating func check() -> Tree {
        var fields: [(String, Tree)] = [("name", value(for: "name"))]
        let kind = random.pick(CheckReader.probeKeys)
        fields.append((kind, probe(kind)))
        if random.chance(0.05) { fields.append((random.pick(CheckReader.probeKeys), probe("http"))) }
        if random.chance(0.6) { fields.append(("expect", expect(kind))) }
        for key in ["tags", "environments", "samples", "interval", "retries", "retry_delay", "version_from"] where random.chance(0.15) {
            fields.append((key, value(for: key)))
        }
        if random.chance(0.1) { fields.append(("compare", table(ComparisonReader.checkKeys))) }
        if random.chance(0.1) { fields.append(("watch", .map([("gates", watchGates())]))) }
        if random.chance(0.05) { fields.remove(at: 0) }
        if random.chance(0.1) { fields.shuffle(using: &random) }
        return .map(fields)
    }

    private mutating func probe(_ kind: String) -> Tree {
        switch kind {
        case "http" where random.chance(0.4):
            return .scalar(random.pick(["GET /health", "/x", "POST http://127.0.0.1/", "GET {{nope}}", "get  /a b"]))
        case "http":
            var fields = table(CheckReader.httpKeys, headers: true)
            if case .map(var pairs) = fields, random.chance(0.9) {
                pairs.insert(("url", value(for: "url")), at: 0)
                if random.chance(0.2) { pairs.append(("json", nested(depth: 3))) }
                fields = .map(Self.unique(pairs))
            }
            return fields
        case "tcp": return table(CheckReader.tcpKeys)
        case "postgres": return table(CheckReader.postgresKeys)
        default: return table(CheckReader.redisKeys)
        }
    }

    private mutating func expect(_ kind: String) -> Tree {
        let keys = random.chance(0.9) ? ExpectationReader.expectKeys[kind] ?? [] : ExpectationReader.expectKeys.values.flatMap { $0 }
        var fields: [(String, Tree)] = []
        for key in keys where random.chance(0.3) {
            switch key {
            case "headers", "row":
                fields.append((key, .map([(random.pick(["X-Version", "Content-Type", "pending"]), matcher())])))
            case "json":
                fields.append((key, .map((0..<random.geometric(max: 4)).map { _ in
                    (random.chance(0.7) ? random.pick(["$.status", "$.items[*].name", "$..sku", "$.a[0]"]) : random.pick(FuzzValues.jsonPaths), matcher())
                })))
            case "xpath", "html":
                fields.append((key, .map([(random.chance(0.7) ? "//title" : random.pick(FuzzValues.xpaths), matcher())])))
            case "body", "reply", "cert_subject", "cert_issuer", "rows":
                fields.append((key, random.chance(0.5) ? value(for: key) : matcher()))
            default:
                fields.append((key, value(for: key)))
            }
        }
        return .map(Self.unique(fields))
    }

    private mutating func matcher() -> Tree {
        guard random.chance(0.6) else { return value(for: "equals") }
        let keys = ExpectationReader.matcherKeys.filter { _ in random.chance(0.25) }
        return .map(keys.map { ($0, value(for: $0)) })
    }

    private mutating func variables() -> Tree {
        .map((0..<random.geometric(max: 4)).map { index in
            (random.pick(["domain", "token", "base", "port", "n", "v\(index)", "1bad", "region"]), value(for: random.pick(["url", "password", "port", "samples"])))
        }.reduce(into: [(String, Tree)]()) { pairs, pair in if !pairs.contains(where: { $0.0 == pair.0 }) { pairs.append(pair) } })
    }

    private mutating func environments() -> Tree {
        let names = Self.environmentNames.filter { _ in random.chance(0.35) }
        return .map(names.map { name in
            var fields = table(SuiteLoader.environmentKeys, headers: true)
            if case .map(let pairs) = fields, !pairs.contains(where: { $0.0 == "vars" }), random.chance(0.3) {
                fields = .map(pairs + [("vars", variables())])
            }
            return (name, fields)
        })
    }

    private mutating func watch() -> Tree {
        var fields = table(WatchReader.suiteKeys.filter { $0 != "gates" })
        if case .map(let pairs) = fields, random.chance(0.6) { fields = .map(pairs + [("gates", watchGates())]) }
        return fields
    }

    private mutating func watchGates() -> Tree {
        if random.chance(0.5) {
            return .map(["downtime", "max_window", "availability", "cutover_window", "error_rate", "p95", "uptime"].filter { _ in random.chance(0.3) }
                .map { ($0, .scalar(random.pick(["0s", "1s", "\">= 99.9%\"", "\"< 30s\"", "5%", "fast", "0"]))) })
        }
        return list { $0.random.pick(["availability >= 99.9%", "downtime < 1s", "p99 < 2s", "nonsense", "downtime"]) }
    }

    /// A mapping over a random subset of `keys` (headers as a nested mapping when `headers`).
    private mutating func table(_ keys: [String], headers: Bool = false) -> Tree {
        var pairs: [(String, Tree)] = []
        for key in keys where random.chance(0.3) {
            if key == "headers" && headers {
                pairs.append((key, .map([("X-Token", value(for: "password")), ("Authorization", .scalar("\"Bearer {{token}}\""))])))
            } else if key == "vars" {
                pairs.append((key, variables()))
            } else {
                pairs.append((key, value(for: key)))
            }
        }
        return .map(pairs)
    }

    private mutating func list(_ item: (inout YAMLGenerator) -> String) -> Tree {
        .list((0..<random.geometric(max: 4)).map { _ in .scalar(item(&self)) })
    }

    private mutating func thresholdText() -> String {
        random.chance(0.7) ? random.pick(["error_rate < 1%", "p95 < 500ms", "p99 <= 1s", "max < 2s"]) : random.pick(FuzzValues.thresholds)
    }

    /// A plausible value for `key` most of the time; otherwise anything.
    private mutating func value(for key: String) -> Tree {
        if let options = Self.plausible[key], random.chance(0.75) { return .scalar(random.pick(options)) }
        if random.chance(0.1) { return nested(depth: 2) }
        let text = FuzzValues.any(&random)
        return .scalar(random.chance(0.7) ? FuzzValues.quotedIfNeeded(text) : text)
    }

    private mutating func nested(depth: Int) -> Tree {
        guard depth > 0, random.chance(0.7) else { return .scalar(random.pick(FuzzValues.numbers + FuzzValues.text + FuzzValues.templates)) }
        let count = random.int(0...3)
        return random.chance(0.5)
            ? .list((0..<count).map { _ in nested(depth: depth - 1) })
            : .map(Self.unique((0..<count).map { index in ("k\(index)", nested(depth: depth - 1)) }))
    }

    private static func unique(_ pairs: [(String, Tree)]) -> [(String, Tree)] {
        pairs.reduce(into: []) { result, pair in if !result.contains(where: { $0.0 == pair.0 }) { result.append(pair) } }
    }

    // MARK: Rendering

    /// Block style, or flow style (`{a: [1, 2]}`) for the whole subtree when `flow`.
    private mutating func render(_ tree: Tree, indent: Int, flow: Bool) -> String {
        let pad = String(repeating: " ", count: indent)
        switch tree {
        case .scalar(let text):
            // A multi-line snippet (a block list, a block scalar) only parses in block position.
            return flow && text.contains("\n") ? "\"\"" : text
        case .list(let items):
            if flow || items.isEmpty { return "[" + items.map { render($0, indent: 0, flow: true) }.joined(separator: ", ") + "]" }
            return items.map { item in
                let nestedFlow = random.chance(0.15)
                let text = render(item, indent: indent + 2, flow: nestedFlow)
                if case .map = item, !nestedFlow { return pad + "- " + text.drop { $0 == " " } }
                return pad + "- " + text
            }.joined(separator: "\n")
        case .map(let pairs):
            if flow || pairs.isEmpty {
                return "{" + pairs.map { "\($0.0): " + render($0.1, indent: 0, flow: true) }.joined(separator: ", ") + "}"
            }
            return pairs.map { key, value in
                switch value {
                case .scalar(let text):
                    if text.contains("\n") {
                        let reindented = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + pad + "  ")
                        return pad + key + ": " + reindented
                    }
                    return pad + key + ": " + text
                case .list(let items) where !items.isEmpty:
                    let nestedFlow = random.chance(0.15)
                    return pad + key + ":" + (nestedFlow ? " " : "\n") + render(value, indent: nestedFlow ? 0 : indent + 2, flow: nestedFlow)
                case .map(let inner) where !inner.isEmpty:
                    let nestedFlow = random.chance(0.15)
                    return pad + key + ":" + (nestedFlow ? " " : "\n") + render(value, indent: nestedFlow ? 0 : indent + 2, flow: nestedFlow)
                default:
                    return pad + key + ": " + render(value, indent: 0, flow: true)
                }
            }.joined(separator: "\n")
        }
    }
}
