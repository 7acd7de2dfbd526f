import Foundation

/// Python, as an independent second opinion: HMAC from its `hmac` module, JSON Schema validation through the
/// project's `scripts/validate-json` (python3-jsonschema).
enum Python {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var interpreter: String { ProcessInfo.processInfo.environment["SMOKEGATE_PYTHON"] ?? "/usr/bin/python3" }

    static func hmacSHA256(key: String, body: [UInt8]) async throws -> String {
        let script = "import hashlib, hmac, sys; print(hmac.new(sys.argv[1].encode(), sys.stdin.buffer.read(), hashlib.sha256).hexdigest())"
        let result = try await run("/usr/bin/python3", ["-c", script, key], input: Data(body))
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the validator says is wrong with `document` under `schema` (a path from the package root); empty when valid.
    static func schemaProblems(schema: String, document: [UInt8]) async throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-doc-\(UUID().uuidString).json")
        try Data(document).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await run(interpreter, [packageRoot.appendingPathComponent("scripts/validate-json").path,
                                                 packageRoot.appendingPathComponent(schema).path, file.path])
        return result.status == 0 ? "" : result.output
    }

    static func run(_ executable: String, _ arguments: [String], input: Data? = nil) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let data = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: output.fileHandleForReading.readDataToEndOfFile()) }
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { process.waitUntilExit(); continuation.resume() }
        }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
