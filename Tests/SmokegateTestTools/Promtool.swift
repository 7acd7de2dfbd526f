import Foundation

/// `promtool check metrics` (Debian's `prometheus` package) through `scripts/test-tools/promtool-check-metrics`.
public enum Promtool {
    /// promtool's verdict on a text, with its exact output.
    public struct Verdict: Sendable, Decodable {
        /// True when promtool exited 0.
        public var ok: Bool
        /// 0 valid, 1 unparsable, 3 lint problems (promtool 2.42).
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String

        enum CodingKeys: String, CodingKey {
            case ok, stdout, stderr
            case exitCode = "exit_code"
        }

        /// stdout and stderr together: where promtool says what is wrong.
        public var output: String { stdout + stderr }
    }

    /// Runs `promtool check metrics` on `text` (exposition format, as a `/metrics` endpoint serves it).
    public static func checkMetrics(_ text: String) async throws -> Verdict {
        let result = try await ToolProcess.run("promtool-check-metrics", [], input: Data(text.utf8), timeout: .seconds(90))
        guard let line = result.stdout.split(separator: "\n").last,
              let verdict = try? JSONDecoder().decode(Verdict.self, from: Data(line.utf8)), verdict.exitCode == result.status
        else {
            throw TestToolError.broken("promtool-check-metrics", TestTools.errorMessage(in: result))
        }
        return verdict
    }
}
