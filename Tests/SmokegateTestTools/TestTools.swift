import Foundation
import Testing

/// Where the tools of `scripts/test-tools` are and what a test does when one is missing.
///
/// A test that needs a tool and finds it missing cannot say anything about the code: with
/// `SMOKEGATE_REQUIRE_SERVICES=1` (CI, `make test`) that is recorded as a failure; otherwise the reason is
/// printed and `ifAvailable` returns nil so the test ends early, visibly.
public enum TestTools {
    /// The tools' exit status when a program or Python module they need is not installed.
    static let missingExitCode: Int32 = 127

    /// `scripts/test-tools` of this package, or `SMOKEGATE_TEST_TOOLS` when set.
    public static var directory: String {
        if let override = ProcessInfo.processInfo.environment["SMOKEGATE_TEST_TOOLS"], !override.isEmpty {
            return override
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/test-tools").path
    }

    /// A duration in seconds as the tools' options take it, e.g. `1.5`.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(Double(seconds) + Double(attoseconds) / 1e18)"
    }

    static func script(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// Runs `body` (which starts or runs a tool); when a tool is not installed, records that or prints it as
    /// explained above and returns nil. Other errors are thrown.
    public static func ifAvailable<T>(
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> T
    ) async throws -> T? {
        do {
            return try await body()
        } catch let error as TestToolError where error.isUnavailable {
            let reason = error.description  // it names the Debian package `make test-deps` installs
            if ProcessInfo.processInfo.environment["SMOKEGATE_REQUIRE_SERVICES"] == "1" {
                Issue.record(Comment(rawValue: reason + " (SMOKEGATE_REQUIRE_SERVICES=1)"), sourceLocation: sourceLocation)
            } else {
                print("skipped: \(reason)")
            }
            return nil
        }
    }

    /// Runs `body` with `resource`, then `stop`s it, whether `body` returned or threw.
    static func using<R, T>(_ resource: R, stop: (R) async -> Void, _ body: (R) async throws -> T) async throws -> T {
        do {
            let result = try await body(resource)
            await stop(resource)
            return result
        } catch {
            await stop(resource)
            throw error
        }
    }

    /// Decodes one JSON line a tool printed.
    static func decode<T: Decodable>(_ type: T.Type, from line: String, tool: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(line.utf8))
        } catch {
            throw TestToolError.broken(tool, "unexpected output \(line.prefix(2000)): \(error)")
        }
    }

    /// The message of the `{"event": "error", ...}` line a tool printed before failing, else its stderr.
    static func errorMessage(in result: ToolProcess.Result) -> String {
        for line in result.stdout.split(separator: "\n") {
            if let failure = try? JSONDecoder().decode(ToolFailure.self, from: Data(line.utf8)), failure.event == "error" {
                return failure.message + (failure.log.map { "\n--- log ---\n" + $0 } ?? "")
            }
        }
        return "exit status \(result.status); stderr: \(result.stderr)"
    }

    private struct ToolFailure: Decodable {
        var event: String?
        var message: String
        var log: String?
    }
}
