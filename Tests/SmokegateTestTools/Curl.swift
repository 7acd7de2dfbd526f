import Foundation

/// The curl command-line tool (Debian's `curl`), for tests that push or fetch over HTTP themselves: Foundation's
/// URLSession needs FoundationNetworking on Linux.
public enum Curl {
    /// A finished curl run: its exit status (0 success, 7 connection refused, 22 HTTP error with `--fail`), output.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `/usr/bin/curl <arguments>` with `input` on its stdin (`--data-binary @-` reads it).
    public static func run(_ arguments: [String], input: Data = Data(), timeout: Duration = .seconds(60)) async throws -> Result {
        let process = try ToolProcess(tool: "curl", executable: "/usr/bin/curl", arguments: arguments,
                                      missing: "`make test-deps` installs it (Debian package curl)")
        let result = try await process.finish(input: input, timeout: timeout)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}
