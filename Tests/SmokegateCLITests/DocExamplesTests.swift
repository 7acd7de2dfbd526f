import Foundation
import Testing

/// docs/config.md promises that every YAML example on it passes `smokegate validate`: each is validated here by the
/// built binary. Examples written as several files (each starting `# checks/NAME.yml`) are validated together; an
/// example of what fails is marked `<!-- not validated: … -->` on the line before it. Secrets the examples name are
/// set, and files they name (`ca_file: certs/ca.pem`) are created empty next to the suite.
@Suite("docs/config.md examples")
struct DocExamplesTests {
    struct Example {
        var line: Int
        var files: [(name: String, text: String)]
    }

    static func examples() throws -> [Example] {
        let text = try String(contentsOf: Binary.packageRoot.appendingPathComponent("docs/config.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        var examples: [Example] = []
        var index = 0
        // Files of one example may have prose between them; the next single-file example ends the set.
        var previousWasMultiFile = false
        while index < lines.count {
            guard lines[index] == "```yaml" else {
                index += 1
                continue
            }
            let start = index + 1
            let skipped = index > 0 && lines[index - 1].hasPrefix("<!-- not validated")
            var end = start
            while end < lines.count, lines[end] != "```" { end += 1 }
            let body = lines[start..<end].joined(separator: "\n") + "\n"
            index = end + 1
            if skipped { continue }
            if let first = lines[start...].first, first.hasPrefix("# checks/") {
                let name = String(first.dropFirst("# ".count))
                if previousWasMultiFile, !examples.isEmpty {
                    examples[examples.count - 1].files.append((name, body))
                } else {
                    examples.append(Example(line: start, files: [(name, body)]))
                }
                previousWasMultiFile = true
            } else {
                examples.append(Example(line: start, files: [("checks/example.yml", body)]))
                previousWasMultiFile = false
            }
        }
        return examples
    }

    @Test func everyYAMLExampleValidates() async throws {
        let examples = try Self.examples()
        #expect(examples.count >= 30, "found only \(examples.count) examples")
        for example in examples {
            let workspace = try Workspace(Dictionary(example.files.map { ($0.name, $0.text) }, uniquingKeysWith: { $1 }))
            defer { workspace.remove() }
            let text = example.files.map(\.text).joined(separator: "\n")
            var secrets: [String: String] = [:]
            for match in text.matches(of: /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/) {
                // A webhook secret is a URL, and is checked as one.
                secrets[String(match.1)] = match.1.contains("WEBHOOK") ? "https://hooks.example.com/doc-example-secret" : "doc-example-secret"
            }
            for match in text.matches(of: /(?:^|[\s{,])(ca_file|client_cert|client_key|file):\s*"?([^"\s},]+)/) {
                let path = workspace.directory.appendingPathComponent("checks").appendingPathComponent(String(match.2))
                try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data().write(to: path)
            }
            for match in text.matches(of: /(?:^|[\s{,])ca_path:\s*"?([^"\s},]+)/) {
                try FileManager.default.createDirectory(at: workspace.directory.appendingPathComponent("checks").appendingPathComponent(String(match.1)),
                                                        withIntermediateDirectories: true)
            }
            let result = try await Binary.run(["validate", "checks"], environment: secrets, directory: workspace.directory)
            #expect(result.status == 0, "docs/config.md line \(example.line): \(result.stderr)")
        }
    }
}
