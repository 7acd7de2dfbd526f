import SmokegateTestSupport

/// YAML snippets the config fuzzer plants in suites: values of the wrong type, edge-case numbers, broken
/// templates, regexes, JSON paths, durations and thresholds, plus generators for long strings, deep nesting and
/// alias bombs. Each snippet is YAML text that fits after `key: ` on one line.
enum FuzzValues {
    /// Environment variables the fuzzer's suites may reference as secrets; values are made per session.
    static let secretNames = ["FUZZ_SECRET", "FUZZ_TOKEN"]
    /// Set to the empty string: an empty secret counts as set and is not masked.
    static let emptySecretName = "FUZZ_EMPTY"

    static let numbers = [
        "0", "-1", "1", "42", "65535", "65536", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999999999999", "1e308", "1e400", "-1e400", "1e-400", ".inf", "-.inf", ".nan",
        "0x1F", "0o17", "1_000", "+1", "3.14", "-0", "00", "1.", ".5",
    ]

    static let types = [
        "", "~", "null", "true", "no", "off", "[]", "{}", "[a, b]", "{a: 1}", "[[[]]]", "{x: {y: {z: 1}}}", "[1, [2, [3]]]",
        "{a: [1, {b: ~}]}", "!!binary aGVsbG8=", "!!str 5", "!!int x", "!custom 1", "&anchor value", "*undefined", "? a",
        "''", "\"\"", "' '", "\"\\t\"", "|", ">", "|-", "|+\n  kept\n", "- a\n  - b",
    ]

    static let text = [
        "\"ünïcødé ✓ 🚀\"", "\"\\u0000\\u001b[31mred\\u007f\"", "\"\\x80\\xff\"", "\"a\\nb\\tc\\r\"", "\"\\uD800\"", "\"\\U0010FFFF\"",
        "\"\\\"\"", "'it''s'", "\"trailing \\\\\"", "日本語", "ελληνικά", "\"\u{202E}rtl\"", "\"zero\u{200B}width\"", "a: b", "a #comment",
        "\"#\"", "'@at'", "`tick`", "%percent", "\"line\\u2028sep\"", "\"\\u0085\"", "\"\u{FEFF}bom\"",
    ]

    static let templates = [
        "\"{{environment}}\"", "\"{{ environment }}\"", "{{x}}", "\"{{undefined_var}}\"", "\"{{}}\"", "\"{{\"", "\"}}\"",
        "\"{{ 1bad }}\"", "\"{{a}}{{b}}{{c}}\"", "\"{{{{x}}}}\"", "\"{{ a b }}\"", "\"{{\\u0000}}\"", "\"{{demo_blue_url}}\"",
        "\"${env:FUZZ_SECRET}\"", "\"${env:FUZZ_TOKEN}\"", "\"${env:FUZZ_EMPTY}\"", "\"${env:FUZZ_UNSET}\"", "\"${env:}\"", "\"${}\"",
        "\"${\"", "\"${env:FUZZ_SECRET\"", "\"$${env:FUZZ_SECRET}}\"", "\"{{${env:FUZZ_SECRET}}}\"", "\"${env:{{environment}}}\"",
        "\"${env:FUZZ_SECRET}{{environment}}\"", "\"${ENV:FUZZ_SECRET}\"", "\"${env:FUZZ SECRET}\"", "\"${vault:x}\"",
        "\"prefix-${env:FUZZ_TOKEN}-suffix\"", "\"https://u:${env:FUZZ_SECRET}@h.example/\"", "\"${env:FUZZ_SECRET}ms\"",
        "\"p95 < ${env:FUZZ_SECRET}\"", "\"${env:FUZZ_TOKEN}%\"", "\"GET ${env:FUZZ_SECRET}\"",
    ]

    static let durations = [
        "5", "5 s", "-1s", "1m 30s", "1m30s", "1.5.5s", "1e400s", "99999999999999999999h", "0s", "0", "0.0000001ns", "1µs",
        "1us", "fast", "10 parsecs", "1d1d1d1d", "s", ".s", "1S", "1sec", "1ms1", "∞s", "١s", "½s",
    ]

    static let thresholds = [
        "p95 < fast", "p95 <", "p95", "< 1s", "p95 < 1e400s", "error_rate < 200%", "error_rate < -1%", "error_rate < nan%",
        "error_rate < 1", "p95 <= >= 1s", "P95<1S", "mean > 0s", "p59 < 300ms", "p95 < 1s extra", "error_rate<1 %",
        "[p95 < 1s, p99 < fast]", "max >= 0s", "min<1ns", "p95 << 1s", "p95 =< 1s",
    ]

    static let sizes = [
        "1e300KB", "infKiB", "nanMB", "-1KB", "0.0000001B", "9999999999999999999", "1e18GiB", "12 parsecs", "1.5MiB", "1e19B",
        "0B", "18446744073709551615", "1.8e19", "9e18KB", "KB", "1 KB", "1kb",
    ]

    static let regexes = [
        "\"([\"", "\"a{2,1}\"", "\"(?<n\"", "\"\\\\\"", "\"[z-a]\"", "\"(?i\"", "\"*\"", "\"a**\"", "\"\\\\p{Nope}\"",
        "\"(a|b\"", "\"((((((((((((((((((((a))))))))))))))))))))\"", "\"(a+)+$\"", "\"\\\\1\"", "\"[[:alpha:]]\"", "\"\"",
    ]

    static let jsonPaths = [
        "$..[", "\"$[?(@.a <)]\"", "$.a[1:2:0]", "\"$['x\"", "$.", "$..", "$[999999999999999999999]",
        "$[-9223372036854775808]", "\"$[?(@.a == 'x' && )]\"", "$.a[?(", "$[0:99999999999999999999:1]", "a.b", "$$",
        "$[?@.a]", "$.*.*.*..*", "\"$[?(@.a == @.b)]\"", "\"$[?(!(@.a))]\"", "$[::-1]", "\"$['\\uD800']\"", "$.a b",
    ]

    static let xpaths = ["//[", "count(", "//a[", "@@", "1 div 0", "//*", "\"\"", "/", "//a[@b='c", "string(//x)", "..//..//"]

    static let statuses = ["600", "99", "0xx", "6xx", "2xx", "[200, 2xx, 700]", "abc", "1xxx", "[]", "2XX", "200.0", "[[200]]"]

    static let urls = [
        "http://", "https://", "ftp://x", "//x", "http://[::1", "\"http://u:${env:FUZZ_SECRET}@h/\"", "\"/\\u0000\"",
        "relative/path", "GET", "GET /a /b", "BREW coffee://pot", "G E T /x", "get http://x", "POST", "\"\"", "/health",
        "http://127.0.0.1:1/", "https://[::1]:443/x", "\"{{base}}/x\"", "\"GET\\t/tab\"",
    ]

    static let addresses = [":", "host:", ":80", "[::1]", "[::1]:99999", "h:0", "h:-1", "a:b:c", "[", "]:80", "h:65535", "\"[::1]:6379\""]

    static let others = [
        "version for", "up for 0s", "version v1 for -1s", "up for", "down for 1s", "version 1.5.0 for 30s", "a:b", "a:1:b:2:c",
        "::b:", ":::", "postgres://", "\"postgres://u:${env:FUZZ_SECRET}@h/db\"", "postgresql://u@h:99999/db",
        "postgres://[::1/db", "mysql://x", "header", "header X-Version extra", "json", "json $..[", "json $.version",
        "disable", "prefer", "require", "verify-full", "blue", "green", "gren", "[blue, green, purple]", "PING", "[]",
    ]

    /// The family a key's values come from, so a swapped value is often the right kind but wrong (a duration that
    /// is not one) and the loader gets past the YAML to the value's own checks.
    static func family(for key: String) -> [String]? {
        switch key {
        case "timeout", "connect_timeout", "read_timeout", "interval", "retry_delay", "max_latency", "max_query_time",
             "absolute_margin", "duration", "checkpoint", "downtime", "max_window", "cutover_window":
            durations
        case "max_body": sizes
        case "samples", "retries", "max_redirects", "port", "length", "min_samples", "max_in_flight", "rows", "lt", "lte", "gt", "gte",
             "significance":
            numbers
        case "latency", "gates", "p95", "p99", "p50": thresholds
        case "matches", "expect", "not_contains", "contains": regexes + text
        case "status": statuses
        case "url", "http", "base_url", "method": urls
        case "address", "host", "server_name": addresses
        case "relative_margin", "error_margin", "availability", "error_rate": ["20%", "-1%", "1e400%", "100.0001%", "1", "%", "50 %", "nan%"]
        case "follow_redirects", "insecure", "tls", "exists", "reuse_connections": types + ["maybe", "TRUE", "Yes", "0", "1"]
        case "version_from", "until", "connect_to", "dsn", "baseline", "candidate", "environments", "command", "metrics": others
        default: nil
        }
    }

    /// Every scalar family, for picking without caring which.
    static let all = numbers + types + text + templates + durations + thresholds + sizes + regexes + jsonPaths + xpaths
        + statuses + urls + addresses + others

    /// `text` as a double-quoted scalar when YAML would not read it as a plain one (`a: b`, `%x`, `[::1]`), so a
    /// hostile value reaches the loader instead of stopping the parser; collections and quoted text stay as they are.
    static func quotedIfNeeded(_ text: String) -> String {
        guard let first = text.first, !"\"'[{".contains(first) else { return text }
        let plain = !text.contains { ":#`%@&*!|>?,[]{}\n\t\"'\\".contains($0) } && first != "-" && first != " " && text.last != " "
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t") + "\""
    }

    /// A value in one of the families, or a generated monster (long, deep, bomb) now and then.
    static func any(_ random: inout FuzzRandom) -> String {
        switch random.int(0..<100) {
        case 0..<4: longString(&random)
        case 4..<7: deepNesting(&random)
        case 7..<9: aliasBomb(&random)
        default: random.pick(all)
        }
    }

    /// Long enough to show quadratic work in anything that scans a value repeatedly.
    static func longString(_ random: inout FuzzRandom) -> String {
        let length = random.pick([1_000, 10_000, 60_000])
        let unit = random.pick(["a", "é", "🚀", "{{", "${", "ab:", "x "])
        let body = String(repeating: unit, count: length / unit.count)
        switch random.int(0..<4) {
        case 0: return "\"\(body)\""
        case 1: return "\"\(body){{environment}}\""
        case 2: return "\"${env:FUZZ_SECRET}\(body)\""
        default: return body.replacingOccurrences(of: "{{", with: "((").replacingOccurrences(of: "${", with: "$(")
        }
    }

    /// Flow collections nested up to a bit past libyaml's limit of 1000 levels.
    static func deepNesting(_ random: inout FuzzRandom) -> String {
        let depth = random.pick([10, 100, 500, 999, 1_001, 2_000])
        return random.chance(0.5)
            ? String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth)
            : String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth)
    }

    /// "Billion laughs": each level is a list of aliases to the level below, so `levels` levels of `width` aliases
    /// stand for width^levels values while the text stays small.
    static func aliasBomb(_ random: inout FuzzRandom, levels: Int? = nil, width: Int? = nil) -> String {
        let levels = levels ?? random.pick([3, 6, 9, 12])
        let width = width ?? random.pick([2, 5, 9])
        let tag = "b\(random.int(0..<1000))x"
        var parts = ["&\(tag)0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]"]
        for level in 1..<levels {
            parts.append("&\(tag)\(level) [" + Array(repeating: "*\(tag)\(level - 1)", count: width).joined(separator: ", ") + "]")
        }
        // As a flow mapping the last level is also a key, which YAML parsers hash to find duplicates.
        return random.chance(0.3)
            ? "{[" + parts.joined(separator: ", ") + "]: *\(tag)\(levels - 1)}"
            : "[" + parts.joined(separator: ", ") + "]"
    }
}
