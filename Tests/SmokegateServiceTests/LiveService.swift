import Foundation
import Logging
import ServiceLifecycle
import SmokegateConfig
import SmokegateModel
import SmokegateService
import SmokegateTestSupport
import SmokegateTestTools
import Synchronization
import Testing

/// Log lines a service under test wrote, through the JSON handler `--log-format json` uses.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "smokegate") { label in JSONLogHandler(label: label) { line in self.lines.withLock { $0.append(line) } } }
    }

    var text: String { lines.withLock { $0.joined() } }

    /// Every line, parsed; a line that is not one JSON object fails the test.
    var objects: [[String: Any]] {
        lines.withLock { $0 }.map { line in
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(line)")
            return object ?? [:]
        }
    }

    var messages: [String] { objects.compactMap { $0["message"] as? String } }
}

/// A `ServeApplication` listening on 127.0.0.1 and a free port, its suite in a temporary directory that reloads
/// read again; stopped gracefully when the test body ends.
struct LiveService {
    let application: ServeApplication
    let url: String
    let files: TemporarySuite
    let log: LogCapture

    /// Serves `suite.yml` of `files` with `options` until `body` returns.
    static func with<T: Sendable>(_ files: TemporarySuite, options: LoadOptions = LoadOptions(), token: String? = nil,
                                  page: ServeEndpoints.PageRenderer? = nil, _ body: (LiveService) async throws -> T) async throws -> T {
        let paths = [files.path("suite.yml")]
        let suite = try await SuiteLoader.load(paths: paths, options: options)
        let log = LogCapture()
        let (addresses, listening) = AsyncStream.makeStream(of: ListenAddress.self)
        let application = ServeApplication(
            suite: suite, tags: options.tags, load: { () async throws(ConfigErrors) -> Suite in try await SuiteLoader.load(paths: paths, options: options) },
            address: ListenAddress(host: "127.0.0.1", port: 0), apiToken: token, page: page, toolVersion: "0.0.0-test", logger: log.logger,
            onListening: { listening.yield($0) })
        let group = await application.serviceGroup(gracefulShutdownSignals: [], reloadOnHangup: false)
        let running = Task { try await group.run() }
        let ended = Task {
            _ = try? await running.value
            listening.finish()
        }
        var iterator = addresses.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            try await running.value
            throw ServiceDidNotListen()
        }
        let service = LiveService(application: application, url: bound.url, files: files, log: log)
        do {
            let result = try await body(service)
            await group.triggerGracefulShutdown()
            try await running.value
            _ = await ended.value
            return result
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> HTTPAnswer {
        try await Curl.request(url + path, headers: headers)
    }

    func post(_ path: String, headers: [String: String] = [:]) async throws -> HTTPAnswer {
        try await Curl.request(url + path, method: "POST", headers: headers)
    }

    /// `/api/v1/status`'s target for `check` in `environment`.
    func target(_ check: String, in environment: String, headers: [String: String] = [:]) async throws -> [String: Any]? {
        let status = try await get("/api/v1/status", headers: headers).json
        return (status["targets"] as? [[String: Any]])?.first { $0["check"] as? String == check && $0["environment"] as? String == environment }
    }
}

struct ServiceDidNotListen: Error {}
