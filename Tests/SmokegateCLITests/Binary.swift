import Foundation
import Testing

/// The built `smokegate` binary, run as a user would, plus the validators its reports must pass.
enum Binary {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var path: String {
        ProcessInfo.processInfo.environment["SMOKEGATE_BIN"] ?? packageRoot.appendingPathComponent(".build/debug/smokegate").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// When the process was seen to exit.
        var exitedAt: ContinuousClock.Instant = .now
    }

    /// Runs the binary to completion (bounded: a hung binary fails the test instead of hanging it).
    /// `unprivileged` runs it as user `nobody` when the tests run as root (as in CI), so file permissions apply.
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, unprivileged: Bool = false,
                    timeout: Duration = .seconds(60), whileRunning: ((Process) async throws -> Void)? = nil) async throws -> Result {
        #expect(FileManager.default.isExecutableFile(atPath: path), "smokegate binary missing at \(path): run `swift build` first")
        let process = Process()
        if unprivileged, getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.merge(environment) { $1 }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let exited = AsyncStream<(status: Int32, at: ContinuousClock.Instant)> { continuation in
            process.terminationHandler = { continuation.yield(($0.terminationStatus, .now)); continuation.finish() }
        }
        try process.run()
        // Blocking reads run on dispatch threads: on the cooperative pool (2 threads on 2 cores) they would starve
        // the in-process fixture servers the binary is talking to.
        async let stdout = readToEnd(out.fileHandleForReading)
        async let stderr = readToEnd(err.fileHandleForReading)
        if let whileRunning { try await whileRunning(process) }
        let exit = try await withThrowingTaskGroup(of: (status: Int32, at: ContinuousClock.Instant)?.self) { group in
            group.addTask { await exited.first { _ in true } }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let exit else {
            process.terminate()
            Issue.record("smokegate \(arguments.joined(separator: " ")) did not finish within \(timeout)")
            return Result(status: -1, stdout: "", stderr: "")
        }
        return Result(status: exit.status, stdout: String(decoding: await stdout, as: UTF8.self),
                      stderr: String(decoding: await stderr, as: UTF8.self), exitedAt: exit.at)
    }

    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }

    /// `xmllint --schema` against the Jenkins xUnit JUnit schema; returns its complaints, empty when valid.
    static func junitSchemaProblems(_ file: String) async throws -> String {
        let schema = packageRoot.appendingPathComponent("Tests/Schemas/jenkins-xunit-junit-10.xsd").path
        #expect(FileManager.default.fileExists(atPath: schema), "JUnit schema missing at \(schema)")
        let result = try await tool("/usr/bin/xmllint", ["--noout", "--schema", schema, file])
        return result.status == 0 ? "" : result.output
    }

    /// The project's JSON Schema validator on `file`; returns its complaints, empty when valid.
    static func verdictSchemaProblems(_ file: String) async throws -> String {
        try await schemaProblems(file, schema: "docs/verdict.schema.json")
    }

    /// The project's JSON Schema validator on `file` against `schema` (a path in the package); its complaints, empty
    /// when valid.
    static func schemaProblems(_ file: String, schema name: String) async throws -> String {
        let python = ProcessInfo.processInfo.environment["SMOKEGATE_PYTHON"] ?? "/usr/bin/python3"
        let schema = packageRoot.appendingPathComponent(name).path
        let script = packageRoot.appendingPathComponent("scripts/validate-json").path
        let result = try await tool(python, [script, schema, file])
        return result.status == 0 ? "" : result.output
    }

    /// Facts about a JUnit file, parsed by Python's ElementTree: `root` and `suites` (tests, failures), `cases`
    /// (count, failed), `duplicates` ((classname, name) pairs seen twice), `too long` (cases longer than their suite).
    static func junitFacts(_ file: String) async throws -> (text: String, facts: [String: [String]]) {
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            suites = root.findall('testsuite')
            cases = [(s, c) for s in suites for c in s.findall('testcase')]
            failed = [c for _, c in cases if c.find('failure') is not None]
            ids = [(c.get('classname'), c.get('name')) for _, c in cases]
            print('root', root.get('tests'), root.get('failures'))
            print('suites', sum(int(s.get('tests')) for s in suites), sum(int(s.get('failures')) for s in suites))
            print('cases', len(cases), len(failed))
            print('duplicates', len(ids) - len(set(ids)))
            print('too long', sum(1 for s, c in cases if float(c.get('time')) > float(s.get('time'))))
            """
        let result = try await tool("/usr/bin/python3", ["-c", script, file])
        let facts = Dictionary(result.output.split(separator: "\n").map { line in
            (String(line.split(separator: " ").first ?? ""), line.split(separator: " ").dropFirst().map(String.init))
        }, uniquingKeysWith: { first, _ in first })
        return (result.output, facts)
    }

    static func tool(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = await readToEnd(pipe.fileHandleForReading)
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { process.waitUntilExit(); continuation.resume() }
        }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A scratch directory with suite files and a reports folder, removed afterwards.
struct Workspace {
    let directory: URL

    init(_ files: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("checks"), withIntermediateDirectories: true)
        for (name, text) in files {
            let file = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    func json(_ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path(name)))) as? [String: Any] ?? [:]
    }
    func remove() { try? FileManager.default.removeItem(at: directory) }
}
