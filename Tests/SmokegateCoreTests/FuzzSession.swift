import Foundation
@testable import SmokegateConfig
@testable import SmokegateModel
import SmokegateTestSupport
import Yams

/// A time-bounded fuzzing session over `SuiteLoader.load`: every input is derived from (seed, execution index)
/// alone, written to a scratch directory, loaded, and judged by `ConfigFuzzOracle`.
struct FuzzSession: Sendable {
    /// What the environment asks for: `SMOKEGATE_FUZZ_SECONDS`, `SMOKEGATE_FUZZ_SEED`, `SMOKEGATE_FUZZ_EXECUTION`
    /// (replay that one input) and `SMOKEGATE_FUZZ_TIMEOUT` (seconds one load may take).
    struct Settings: Sendable {
        var seconds: Double = 15
        var seed = UInt64.random(in: 1...UInt64.max)
        var execution: Int?
        var deadline: Duration = .seconds(5)

        static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Settings {
            var settings = Settings()
            if let text = environment["SMOKEGATE_FUZZ_SECONDS"], let seconds = Double(text), seconds >= 0 { settings.seconds = seconds }
            if let text = environment["SMOKEGATE_FUZZ_SEED"], let seed = UInt64(text) { settings.seed = seed }
            if let text = environment["SMOKEGATE_FUZZ_EXECUTION"], let index = Int(text), index >= 0 { settings.execution = index }
            if let text = environment["SMOKEGATE_FUZZ_TIMEOUT"], let seconds = Double(text), seconds > 0 { settings.deadline = .seconds(seconds) }
            return settings
        }
    }

    /// One corpus file.
    struct Seed: Sendable {
        var name: String
        var bytes: [UInt8]
    }

    /// One execution's files and command-line options.
    struct Input: Sendable {
        var files: [[UInt8]]
        var options: LoadOptions
        /// How the input was made, for the failure report.
        var origin: String
    }

    /// A violated property, with everything needed to reproduce it.
    struct Failure: Sendable {
        var execution: Int
        var origin: String
        var problems: [String]
        var savedFiles: [String]
    }

    /// How the session went.
    struct Report: Sendable {
        var executions = 0
        var loaded = 0
        /// Rejected by the loader's own checks.
        var rejected = 0
        /// Rejected before the loader saw a value: not YAML, not UTF-8, duplicate keys, an alias bomb.
        var unparsable = 0
        var elapsed: Duration = .zero
        var slowest: (execution: Int, duration: Duration) = (0, .zero)
        var failure: Failure?
    }

    /// Secret values planted through `${env:…}`: random-looking so that any 8 characters of one in an error
    /// message can only be a leak.
    static let secrets = ["FUZZ_SECRET": "S3cr3tQ7vRk2pWx9Lm", "FUZZ_TOKEN": "T0kenZp4Nq8Jd2Hs6Y"]

    /// Whether `bytes` are a YAML document the loader will look into (alias bombs are refused before composing).
    static func parses(_ bytes: [UInt8]) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        do {
            return try YAMLAliasGuard.check(text) == nil && Yams.compose(yaml: text) != nil
        } catch {
            return false
        }
    }

    static func isUnparsable(_ message: String) -> Bool {
        ["invalid YAML", "duplicate key", "is not UTF-8", "aliases expand", "the file is empty"].contains { message.contains($0) }
    }

    let settings: Settings
    let seeds: [Seed]
    let scratch: URL

    /// The options the corpus expects: the demo's variables, secrets in the process environment.
    static func baseOptions() -> LoadOptions {
        var environment = secrets
        environment[FuzzValues.emptySecretName] = ""
        return LoadOptions(variables: [
            "demo_blue_url": "http://127.0.0.1:1", "demo_green_url": "http://127.0.0.1:2", "demo_route_url": "http://127.0.0.1:3",
            "demo_blue_cache": "127.0.0.1:4", "demo_green_cache": "127.0.0.1:5", "base": "http://127.0.0.1:6", "port": "80", "n": "3",
        ], processEnvironment: environment)
    }

    /// Execution `index`: the seeds as they are first, then mutated seeds, generated suites and pairs of files.
    func input(_ index: Int) -> Input {
        var random = FuzzRandom(seed: settings.seed, execution: index)
        var options = Self.baseOptions()
        switch random.int(0..<20) {
        case 0: options.environments = random.pick([["blue"], ["green", "blue"], ["purple"], ["default"]])
        case 1: options.tags = [random.pick(["smoke", "critical", "none"])]
        default: break
        }
        if index < seeds.count { return Input(files: [seeds[index].bytes], options: Self.baseOptions(), origin: "seed \(seeds[index].name)") }
        let mutator = YAMLMutator(corpus: seeds.map(\.bytes))
        func one(_ random: inout FuzzRandom) -> ([UInt8], String) {
            if random.chance(0.15) {
                var generator = YAMLGenerator(random: FuzzRandom(seed: random.next()))
                return (Array(generator.suite().utf8), "generated")
            }
            let seed = random.pick(seeds)
            var bytes = mutator.mutate(seed.bytes, random: &random)
            // Half the time, retry a mutation that broke the YAML itself, so more inputs reach the loader's own checks.
            if random.chance(0.5) {
                for _ in 0..<3 where !Self.parses(bytes) { bytes = mutator.mutate(seed.bytes, random: &random) }
            }
            return (bytes, "mutated \(seed.name)")
        }
        let (first, origin) = one(&random)
        if random.chance(0.1) {
            let (second, otherOrigin) = one(&random)
            return Input(files: [first, second], options: options, origin: "\(origin) + \(otherOrigin)")
        }
        return Input(files: [first], options: options, origin: origin)
    }

    /// Runs executions until the time budget is spent or a property fails; with `settings.execution`, runs that
    /// one execution only.
    func run(_ watchdog: FuzzWatchdog) -> Report {
        var report = Report()
        let clock = ContinuousClock()
        let start = clock.now
        let budget = Duration.seconds(settings.seconds)
        var index = settings.execution ?? 0
        repeat {
            // First, so that a crash anywhere in this execution (making the input, loading, judging) names it.
            try? Data("\(index)\n".utf8).write(to: scratch.appendingPathComponent("execution.txt"))
            let input = input(index)
            let paths: (load: [String], files: [String])
            do {
                paths = try write(input)
            } catch {
                // Not the loader's fault, but the session cannot go on: a failure that says why.
                report.failure = Failure(execution: index, origin: input.origin,
                                         problems: ["cannot write the input to \(scratch.path): \(error)"], savedFiles: [])
                break
            }
            let executionStart = clock.now
            watchdog.started(index, input: input)
            let result: Result<Suite, ConfigErrors>
            do throws(ConfigErrors) {
                result = .success(try SuiteLoader.loadOnCurrentThread(paths: paths.load, options: input.options))
            } catch {
                result = .failure(error)
            }
            watchdog.finished()
            let duration = executionStart.duration(to: clock.now)
            if duration > report.slowest.duration { report.slowest = (index, duration) }
            report.executions += 1
            switch result {
            case .success: report.loaded += 1
            case .failure(let failure) where failure.errors.contains(where: { Self.isUnparsable($0.message) }): report.unparsable += 1
            case .failure: report.rejected += 1
            }
            let oracle = ConfigFuzzOracle(files: paths.files, contents: input.files, options: input.options, secrets: Array(Self.secrets.values))
            let problems = oracle.problems(with: result)
            if !problems.isEmpty {
                report.failure = Failure(execution: index, origin: input.origin, problems: problems, savedFiles: save(input, execution: index))
                break
            }
            index += 1
        } while settings.execution == nil && start.duration(to: clock.now) < budget
        report.elapsed = start.duration(to: clock.now)
        return report
    }

    /// Writes the input's files into the scratch directory (overwriting the previous execution's, so after a crash
    /// the directory holds the input that crashed); returns what to load and the files' paths.
    private func write(_ input: Input) throws -> (load: [String], files: [String]) {
        if input.files.count == 1 {
            let path = scratch.appendingPathComponent("suite.yml")
            try Data(input.files[0]).write(to: path)
            return ([path.path], [path.path])
        }
        let directory = scratch.appendingPathComponent("pair")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let paths = input.files.indices.map { directory.appendingPathComponent("\($0).yml") }
        for (path, bytes) in zip(paths, input.files) { try Data(bytes).write(to: path) }
        return ([directory.path], paths.map(\.path))
    }

    /// Copies a failing input where it survives the test, for the report and for replaying it by hand.
    func save(_ input: Input, execution: Int) -> [String] {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-fuzz-failure-\(settings.seed)-\(execution)")
        return input.files.enumerated().compactMap { offset, bytes in
            let path = base.path + (input.files.count == 1 ? ".yml" : "-\(offset).yml")
            return (try? Data(bytes).write(to: URL(fileURLWithPath: path))) != nil ? path : nil
        }
    }
}
