import Foundation
@testable import SmokegateCore

/// A directory of suite files for one test, removed afterwards.
struct TemporarySuite {
    let directory: URL

    init(_ files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Loads the single file `suite.yml` (or the whole directory).
    static func load(_ yaml: String, options: LoadOptions = LoadOptions()) throws(ConfigErrors) -> Suite {
        let suite: TemporarySuite
        do { suite = try TemporarySuite(["suite.yml": yaml]) } catch { fatalError("cannot write a temporary suite: \(error)") }
        defer { suite.remove() }
        return try SuiteLoader.load(paths: [suite.path("suite.yml")], options: options)
    }

    /// The errors loading `yaml` produces, as `line:column: message` (the file name stripped).
    static func errors(_ yaml: String, options: LoadOptions = LoadOptions()) -> [String] {
        do {
            _ = try load(yaml, options: options)
            return []
        } catch {
            return error.errors.map { error in
                guard let location = error.location else { return error.message }
                return "\(location.line):\(location.column): \(error.message)"
            }
        }
    }
}
