import Foundation
@testable import SmokegateConfig
@testable import SmokegateModel
import Testing

extension RunsAlone {
    /// Fuzzes `SuiteLoader.load` with mutated and generated suites for a bounded time (`SMOKEGATE_FUZZ_SECONDS`,
    /// 15 s by default; `make fuzz` runs longer): no crash, no hang, every rejection located, no secret leaked.
    @Suite("Config fuzzing")
    struct ConfigFuzzTests {
        /// Tests/Corpus/config, found from this file so no package resource is needed.
        static let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus/config")
        /// The repository's example suites, also used as seeds.
        static let examplesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("checks")

        /// Stack for the session's thread. `SuiteLoader.load` runs on a thread of its own whatever the caller's stack
        /// (ConfigLoaderFuzzRegressionTests checks it from 512 KiB), but checking that an input parses and describing
        /// a loaded suite recurse through 1000 levels of nesting here too.
        static let stackSize = 8 << 20

        static func files(in directory: URL) throws -> [URL] {
            try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "yml" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        }

        static func seeds() throws -> [FuzzSession.Seed] {
            try (files(in: corpusDirectory) + files(in: examplesDirectory)).map { url in
                FuzzSession.Seed(name: url.lastPathComponent, bytes: Array(try Data(contentsOf: url)))
            }
        }

        @Test func corpusHasEveryKindOfSuite() throws {
            let names = try Self.files(in: Self.corpusDirectory).map(\.lastPathComponent)
            #expect(names.count >= 20)
            #expect(names.contains { $0.hasPrefix("valid-") } && names.contains { $0.hasPrefix("invalid-") })
            let text = try Self.seeds().map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
            for key in ["http:", "tcp:", "postgres:", "redis:", "expect:", "gates:", "compare:", "watch:", "environments:", "vars:", "defaults:"] {
                #expect(text.contains(key), "no corpus file uses \(key)")
            }
        }

        /// Each corpus file does what its name says (`valid-*` loads, `invalid-*` is rejected), and either way the
        /// fuzzer's properties hold for it as written.
        @Test(arguments: try ConfigFuzzTests.files(in: ConfigFuzzTests.corpusDirectory) + ConfigFuzzTests.files(in: ConfigFuzzTests.examplesDirectory))
        func seedBehavesAsNamed(_ url: URL) async throws {
            let bytes = Array(try Data(contentsOf: url))
            let result: Result<Suite, ConfigErrors>
            do throws(ConfigErrors) {
                result = .success(try await SuiteLoader.load(paths: [url.path], options: FuzzSession.baseOptions()))
            } catch {
                result = .failure(error)
            }
            let oracle = ConfigFuzzOracle(files: [url.path], contents: [bytes], options: FuzzSession.baseOptions(), secrets: Array(FuzzSession.secrets.values))
            #expect(oracle.problems(with: result) == [])
            switch result {
            case .success: #expect(!url.lastPathComponent.hasPrefix("invalid-"), "\(url.lastPathComponent) loaded")
            case .failure(let errors): #expect(url.lastPathComponent.hasPrefix("invalid-"), "\(url.lastPathComponent): \(errors)")
            }
        }

        /// The properties can fail: an unlocated error, one located outside the file, an empty message and a
        /// quoted secret are each caught.
        @Test func oracleCatchesEachBrokenProperty() {
            let file = "/tmp/suite.yml"
            let oracle = ConfigFuzzOracle(files: [file], contents: [Array("a: 1\n".utf8)], options: FuzzSession.baseOptions(), secrets: ["S3cr3tQ7vRk2pWx9Lm"])
            let cases: [ConfigError] = [
                ConfigError("no location", at: nil),
                ConfigError("past the end", at: SourceLocation(file: file, line: 9, column: 1)),
                ConfigError("column zero", at: SourceLocation(file: file, line: 1, column: 0)),
                ConfigError("another file", at: SourceLocation(file: "/tmp/other.yml", line: 1, column: 1)),
                ConfigError(" ", at: SourceLocation(file: file, line: 1, column: 1)),
                ConfigError("bad value 'xxQ7vRk2pWx9'", at: SourceLocation(file: file, line: 1, column: 1)),
            ]
            for error in cases {
                #expect(oracle.problems(with: .failure(ConfigErrors([error]))).count == 1, "\(error)")
            }
            #expect(oracle.problems(with: .failure(ConfigErrors([]))).count == 1)
            #expect(oracle.problems(with: .failure(ConfigErrors([ConfigError("fine", at: SourceLocation(file: file, line: 2, column: 1))]))) == [])
        }

        @Test func watchdogReportsAnExecutionPastItsDeadline() async {
            let session = FuzzSession(settings: FuzzSession.Settings(), seeds: [FuzzSession.Seed(name: "x", bytes: [])], scratch: FileManager.default.temporaryDirectory)
            let outcome = await FuzzWatchdog().run(stackSize: Self.stackSize, deadline: .milliseconds(200)) { watchdog in
                watchdog.started(7, input: session.input(7))
                Thread.sleep(forTimeInterval: 1)
                watchdog.finished()
                return FuzzSession.Report()
            }
            guard case .hung(let current, _) = outcome else {
                Issue.record("a one-second execution passed a 200 ms deadline")
                return
            }
            #expect(current.execution == 7)
        }

        @Test func inputsDependOnlyOnSeedAndExecution() throws {
            let seeds = try Self.seeds()
            let scratch = FileManager.default.temporaryDirectory
            let one = FuzzSession(settings: FuzzSession.Settings(seed: 42), seeds: seeds, scratch: scratch)
            let other = FuzzSession(settings: FuzzSession.Settings(seed: 42), seeds: seeds, scratch: scratch)
            for index in [seeds.count, seeds.count + 1, 5_000, 123_456] {
                #expect(one.input(index).files == other.input(index).files)
                #expect(one.input(index).options.environments == other.input(index).options.environments)
            }
            #expect(one.input(5_000).files != FuzzSession(settings: FuzzSession.Settings(seed: 43), seeds: seeds, scratch: scratch).input(5_000).files)
        }

        @Test func loaderSurvivesMutatedAndGeneratedSuites() async throws {
            let settings = FuzzSession.Settings.fromEnvironment()
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-fuzz-\(settings.seed)-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let session = FuzzSession(settings: settings, seeds: try Self.seeds(), scratch: scratch)
            let replay = "SMOKEGATE_FUZZ_SEED=\(settings.seed) SMOKEGATE_FUZZ_EXECUTION=<n> swift test --skip-build --filter ConfigFuzzTests"
            print("config fuzz: seed \(settings.seed), \(settings.seconds) s, \(session.seeds.count) seeds; inputs are written to \(scratch.path)"
                + " (after a crash, execution.txt there names the input that crashed: replay with \(replay))")

            switch await FuzzWatchdog().run(stackSize: Self.stackSize, deadline: settings.deadline, body: { session.run($0) }) {
            case .finished(let report):
                let seconds = Double(report.elapsed.components.seconds) + Double(report.elapsed.components.attoseconds) / 1e18
                print("config fuzz: \(report.executions) executions in \(String(format: "%.1f", seconds)) s"
                    + " (\(Int(Double(report.executions) / max(seconds, 0.001)))/s), seed \(settings.seed):"
                    + " \(report.loaded) loaded, \(report.rejected) rejected by the loader, \(report.unparsable) not YAML; slowest: execution \(report.slowest.execution),"
                    + " \(report.slowest.duration.formatted(.units(allowed: [.milliseconds])))")
                if let failure = report.failure {
                    Issue.record("""
                        config fuzz: execution \(failure.execution) (\(failure.origin)) broke a property, seed \(settings.seed):
                        \(failure.problems.prefix(10).joined(separator: "\n"))
                        input saved to \(failure.savedFiles.joined(separator: ", "))
                        replay: \(replay.replacingOccurrences(of: "<n>", with: "\(failure.execution)"))
                        """)
                } else {
                    try? FileManager.default.removeItem(at: scratch)
                }
                #expect(report.executions > 0)
            case .hung(let current, let elapsed):
                let saved = session.save(current.input, execution: current.execution)
                Issue.record("""
                    config fuzz: execution \(current.execution) (\(current.input.origin)) still loading after \(elapsed), seed \(settings.seed)
                    input saved to \(saved.joined(separator: ", "))
                    replay: \(replay.replacingOccurrences(of: "<n>", with: "\(current.execution)"))
                    """)
            }
        }
    }
}
