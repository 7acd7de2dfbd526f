import Foundation
import SmokegateTestTools
import Testing

/// The built binary serving (`smokegate serve … --listen 127.0.0.1:0`), found at the URL it prints.
struct ServedBinary {
    let process: BackgroundProcess
    /// `http://127.0.0.1:PORT`.
    let url: String
    let port: Int

    /// Starts `smokegate <arguments> --listen 127.0.0.1:0` and waits for the line that says where it listens.
    static func start(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) async throws -> ServedBinary {
        let process = try BackgroundProcess(Binary.path, arguments + ["--listen", "127.0.0.1:0"], environment: ["NO_COLOR": "1"].merging(environment) { $1 },
                                            directory: directory)
        guard let line = await process.line(matching: { $0.contains("listening on http://") }, within: .seconds(60)),
              let start = line.range(of: "http://")
        else {
            await process.end()
            throw ServeDidNotStart(stdout: process.stdout, stderr: process.stderr)
        }
        let url = String(line[start.lowerBound...])
        let port = Int(url.split(separator: ":").last ?? "") ?? 0
        return ServedBinary(process: process, url: url, port: port)
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> HTTPAnswer {
        try await Curl.request(url + path, headers: headers)
    }

    /// `/api/v1/status`'s target for `check` in `environment`.
    func target(_ check: String, in environment: String, headers: [String: String] = [:]) async throws -> [String: Any]? {
        let status = try await get("/api/v1/status", headers: headers).json
        return (status["targets"] as? [[String: Any]])?.first { $0["check"] as? String == check && $0["environment"] as? String == environment }
    }

    /// SIGTERM, then the exit status (nil if it did not exit within `limit`).
    func terminate(within limit: Duration = .seconds(30)) async -> Int32? {
        process.send(SIGTERM)
        return await process.waitForExit(within: limit)
    }
}

struct ServeDidNotStart: Error, CustomStringConvertible {
    var stdout: String
    var stderr: String
    var description: String { "smokegate serve printed no URL\nstdout: \(stdout)\nstderr: \(stderr)" }
}
