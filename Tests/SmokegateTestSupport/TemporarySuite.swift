import Foundation
import SmokegateConfig
import SmokegateModel

/// A directory of suite files for one test, removed afterwards.
public struct TemporarySuite {
    public let directory: URL

    public init(_ files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
    }

    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    public func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Loads the single file `suite.yml` (or the whole directory).
    public static func load(_ yaml: String, options: LoadOptions = LoadOptions()) async throws(ConfigErrors) -> Suite {
        let suite: TemporarySuite
        do { suite = try TemporarySuite(["suite.yml": yaml]) } catch {
            throw ConfigErrors([ConfigError("cannot write a temporary suite: \(error)", at: nil)])
        }
        defer { suite.remove() }
        return try await SuiteLoader.load(paths: [suite.path("suite.yml")], options: options)
    }

    /// The errors loading `yaml` produces, as `line:column: message` (the file name stripped).
    public static func errors(_ yaml: String, options: LoadOptions = LoadOptions()) async -> [String] {
        do {
            _ = try await load(yaml, options: options)
            return []
        } catch {
            return error.errors.map { error in
                guard let location = error.location else { return error.message }
                return "\(location.line):\(location.column): \(error.message)"
            }
        }
    }
}
