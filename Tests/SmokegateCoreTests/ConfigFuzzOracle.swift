import Foundation
@testable import SmokegateConfig
@testable import SmokegateModel

/// What must hold for every config the fuzzer loads: a rejection is a list of located, non-empty errors that
/// never quote a secret; a loaded suite is located too, and every secret in it is known to its redactor.
struct ConfigFuzzOracle {
    /// The suite files loaded, as the loader names them in locations.
    let files: [String]
    /// Their bytes, to bound line numbers.
    let contents: [[UInt8]]
    let options: LoadOptions
    /// Secret values the process environment holds.
    let secrets: [String]

    /// Every violated property, in words; empty when the load behaved.
    func problems(with result: Result<Suite, ConfigErrors>) -> [String] {
        switch result {
        case .success(let suite): problems(loaded: suite)
        case .failure(let failure): problems(rejected: failure.errors)
        }
    }

    // MARK: Rejections

    private func problems(rejected errors: [ConfigError]) -> [String] {
        var problems: [String] = []
        if errors.isEmpty { problems.append("ConfigErrors thrown with no error in it") }
        for error in errors {
            if error.message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append("empty message: \(error)")
            }
            if let leaked = leakedSecret(in: error.message) { problems.append("secret '\(leaked)…' quoted in: \(error)") }
            guard let location = error.location else {
                if !isAboutCommandLine(error.message) { problems.append("no location: \(error)") }
                continue
            }
            problems += self.problems(with: location, what: "error '\(error.message)'")
        }
        return problems
    }

    /// Problems that come from the options, not from a file, have nothing to point at: an `--env` or `--tag` that
    /// names nothing the suites define.
    private func isAboutCommandLine(_ message: String) -> Bool {
        options.environments.contains { message.hasPrefix("unknown environment '\($0)'") }
            || (!options.environments.isEmpty && message.hasPrefix("--env "))
            || (!options.tags.isEmpty && message.hasPrefix("no check has tag"))
    }

    /// Any 8 characters of a secret: enough to tell a leak, including one cut short by a message's truncation.
    private func leakedSecret(in text: String) -> String? {
        for secret in secrets where secret.count >= 8 {
            let characters = Array(secret)
            for start in 0...(characters.count - 8) where text.contains(String(characters[start..<(start + 8)])) {
                return String(characters[start..<(start + 8)])
            }
        }
        return nil
    }

    private func problems(with location: SourceLocation, what: String) -> [String] {
        guard let index = files.firstIndex(of: location.file) else { return ["\(what) is located in '\(location.file)', not a loaded file \(files)"] }
        let lines = Self.lineCount(contents[index])
        guard location.line >= 1, location.column >= 1, location.line <= lines + 1 else {
            return ["\(what) is located at \(location), outside the file's \(lines) lines"]
        }
        return []
    }

    /// Lines as YAML counts them: CR, LF, CRLF, NEL, LS and PS all end one.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        var previous: Unicode.Scalar = " "
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar), !(scalar == "\n" && previous == "\r") { lines += 1 }
            previous = scalar
        }
        return lines
    }

    // MARK: Loaded suites

    private func problems(loaded suite: Suite) -> [String] {
        var problems: [String] = []
        for check in suite.checks {
            problems += self.problems(with: check.location, what: "check '\(check.name)'")
            for (environment, definition) in check.definitions {
                for expectation in definition.expectations {
                    problems += self.problems(with: expectation.location, what: "an expectation of '\(check.name)' in \(environment)")
                }
                for value in renderedValues(definition.probe) where value.contains("${env:") {
                    problems.append("check '\(check.name)' in \(environment) holds an unrendered secret reference: '\(value)'")
                }
            }
        }
        for gate in suite.gates { problems += self.problems(with: gate.location, what: "gate '\(gate.threshold)'") }
        for environment in suite.environments {
            let values = [environment.baseURL ?? ""] + environment.connectTo + environment.headers.map(\.value)
            for value in values where value.contains("${env:") {
                problems.append("environment '\(environment.name)' holds an unrendered secret reference: '\(value)'")
            }
        }
        // Everything a report could print from the suite, with the suite's own redactor applied.
        let shown = suite.redactor.redact(String(reflecting: suite.checks) + String(reflecting: suite.environments)
            + suite.checks.flatMap(\.definitions.values).compactMap { definition -> String? in
                guard case .http(let spec) = definition.probe, let body = spec.body else { return nil }
                return String(decoding: body, as: UTF8.self)
            }.joined())
        for secret in secrets where shown.contains(secret) {
            problems.append("secret '\(secret.prefix(8))…' is in the loaded suite but not known to its redactor")
        }
        return problems
    }

    /// The probe's values that pass through variable and secret substitution (names and keys are used as written).
    private func renderedValues(_ probe: ProbeSpec) -> [String] {
        switch probe {
        case .http(let spec): [spec.url] + spec.headers.map(\.value)
        case .tcp(let spec): [spec.host, spec.tls?.serverName ?? ""] + [spec.send.map { String(decoding: $0, as: UTF8.self) } ?? ""]
        case .postgres(let spec): [spec.host, spec.database, spec.user, spec.password ?? "", spec.query]
        case .redis(let spec): [spec.host, spec.username ?? "", spec.password ?? ""] + spec.command
        case .dns(let spec): [spec.query.name] + spec.servers.map(\.host)
        case .grpc(let request): [request.url, request.service] + request.metadata.map(\.value)
        }
    }
}
