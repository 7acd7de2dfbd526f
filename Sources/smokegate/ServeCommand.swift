import ArgumentParser
import Foundation
import Logging
import SmokegateConfig
import SmokegateCore
import SmokegateModel
import SmokegateService
import SmokegateVocabulary

/// `smokegate serve`: probe every target on its own schedule, for ever, and answer over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Probe every check in every environment on its own schedule, for ever, and serve metrics, status and verdicts over HTTP.",
        discussion: """
            Each target (a check in an environment) is probed every `every:` (the check's, the file's defaults:, the \
            suite's serve: block, else 30s). Endpoints: /metrics (Prometheus), /healthz, /readyz, /api/v1/status, \
            /api/v1/verdict?environment=E[&span=5m], POST /-/reload, / (status page). SIGHUP or POST /-/reload \
            reloads the configuration (a broken one keeps the old running); SIGTERM / SIGINT stop scheduling, let the \
            probes in flight finish or time out, and exit 0. docs/serve.md has the details.

            Examples:
              smokegate serve checks/
              smokegate serve checks/ --listen 0.0.0.0:9470 --api-token-file /etc/smokegate/token --log-format json
            """
    )

    @OptionGroup var suiteOptions: SuiteOptions
    @OptionGroup var serveOptions: ServeOptions
    @OptionGroup var historyOptions: ServeHistoryOptions

    func run() async throws {
        let (address, token) = try serveOptions.resolved()
        ServeOptions.bootstrapLogging(serveOptions.logFormat)
        let suite = try await suiteOptions.load(comparing: nil)
        var options = suiteOptions.loadOptions
        options.comparing = false
        let (paths, loadOptions) = (suiteOptions.paths, options)
        try await serveOptions.serve(suite, tags: suiteOptions.tags, address: address, token: token, history: try historyOptions.resolved(),
                                     incidents: historyOptions.incidentStore()) { () async throws(ConfigErrors) -> Suite in
            try await SuiteLoader.load(paths: paths, options: loadOptions)
        }
    }
}
