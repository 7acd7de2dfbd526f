import ArgumentParser
import Foundation
import SmokegateCore
import SmokegateFixtures

/// `smokegate demo`: the embedded blue/green demo, needing no network and no other service.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start an in-process blue and green shop on loopback, run checks/demo.yml against both, write the reports."
    )

    @Option(help: "The demo suite; the built-in copy is used when this file does not exist.")
    var suite = "checks/demo.yml"

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let path = try demoSuitePath()
        let code = try await DemoServices.withServices { services in
            print("demo: blue (v1.4.2) on \(services.blue.baseURL), green (v1.5.0) on \(services.green.baseURL)\n")
            let options = LoadOptions(
                variables: ["demo_blue_url": services.blue.baseURL, "demo_green_url": services.green.baseURL,
                            "demo_blue_cache": DemoServices.address(of: services.blueCache),
                            "demo_green_cache": DemoServices.address(of: services.greenCache)],
                processEnvironment: ProcessInfo.processInfo.environment)
            let loaded: Suite
            do throws(ConfigErrors) {
                loaded = try SuiteLoader.load(paths: [path], options: options)
            } catch {
                for problem in error.errors { FileHandle.standardError.write(Data((problem.description + "\n").utf8)) }
                return ExitStatus.usage
            }
            return try await RunDriver(suite: loaded, tags: [], output: output).run()
        }
        // A demo that ran has done its job whatever it decided (its green is slower on purpose); the decision's
        // own exit code is in verdict.json. Only a demo that could not run fails.
        if code == ExitStatus.usage || code >= 128 { throw ExitCode(code) }
        if code != 0 { print("(smokegate run would exit \(code) here: docs/exit-codes.md)") }
    }

    /// `checks/demo.yml` when it exists (so edits to it show), else the copy built into the binary.
    private func demoSuitePath() throws -> String {
        if FileManager.default.fileExists(atPath: suite) { return suite }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-demo-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("demo.yml")
        try Data(DemoSuite.yaml.utf8).write(to: file)
        return file.path
    }
}
