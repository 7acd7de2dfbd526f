import ArgumentParser
import Foundation
import Logging
import SmokegateAlerts
import SmokegateCore
import SmokegateHTML
import SmokegateModel
import SmokegateHistory
import SmokegateService
import SmokegateVocabulary

/// How `serve` (and `demo --serve`) listen and log.
struct ServeOptions: ParsableArguments {
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: ArgumentHelp("Address to listen on. The default answers on this machine only; 0.0.0.0:9470 answers on every interface.",
                               valueName: "host:port"))
    var listen = ListenAddress.default.description

    @Option(help: ArgumentHelp("A file holding the bearer token that /api/... and /-/reload then require.", valueName: "file"))
    var apiTokenFile: String?

    @Option(help: "Log lines as text or as JSON objects, one per line (on standard error).")
    var logFormat: LogFormat = .text

    func validate() throws {
        if case .failure(let error) = ListenAddress.parse(listen) { throw ValidationError("--listen \(error.message)") }
        if let apiTokenFile, apiTokenFile.isEmpty { throw ValidationError("--api-token-file needs a file name") }
    }

    /// The address and the token (read from its file, surrounding whitespace removed).
    func resolved() throws -> (ListenAddress, String?) {
        let address = try ListenAddress.parse(listen).get()
        guard let apiTokenFile else { return (address, nil) }
        let text: String
        do {
            text = try String(contentsOfFile: apiTokenFile, encoding: .utf8)
        } catch {
            throw ValidationError("--api-token-file \(apiTokenFile): cannot read it (\((error as NSError).localizedDescription))")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw ValidationError("--api-token-file \(apiTokenFile) is empty: put the token in it") }
        guard !token.contains(where: \.isWhitespace) else { throw ValidationError("--api-token-file \(apiTokenFile): a token is one word, without spaces") }
        return (address, token)
    }

    /// swift-log's handler for the whole process, once, before anything logs.
    static func bootstrapLogging(_ format: LogFormat) {
        LoggingSystem.bootstrap { label -> any LogHandler in
            if format == .json { return JSONLogHandler.standardError(label: label) }
            return StreamLogHandler.standardError(label: label)
        }
    }

    /// Serves `suite` until SIGTERM or SIGINT, reloading with `load` on SIGHUP and `POST /-/reload`; prints the URL
    /// once listening. Exits 1 when the service cannot run (the address is taken, say).
    func serve(_ suite: Suite, tags: [String], address: ListenAddress, token: String?, history: (location: HistoryLocation, interval: Duration)? = nil,
               incidents: any IncidentStore = InMemoryIncidentStore(), load: @escaping ConfigReloader.Load) async throws {
        let logger = Logger(label: "smokegate")
        if !address.isLoopback, token == nil {
            logger.warning("listening on \(address), beyond this machine, without --api-token-file: anyone who reaches it can read the API and reload")
        }
        let selected = suite.selectedChecks(tags: tags)
        let targets = suite.checks.indices.filter(selected.contains).reduce(0) { $0 + suite.checks[$1].definitions.count }
        var application = ServeApplication(
            suite: suite, tags: tags, load: load, address: address, apiToken: token,
            page: { StatusPage.render(snapshot: $0, status: $1) }, incidents: incidents, logger: logger,
            onListening: { bound in
                SessionDriver.standardOutput("smokegate serve: \(targets) target\(targets == 1 ? "" : "s"), listening on \(bound.url)\n")
            })
        application.history = history
        do {
            try await application.run()
        } catch {
            FileHandle.standardError.write(Data("smokegate serve: \(error)\n".utf8))
            throw ExitCode(ExitStatus.fail.code)
        }
    }
}
