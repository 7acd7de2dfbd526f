/// Why a tool of `scripts/test-tools` could not be used: it is not installed, or it did not do its job.
public struct TestToolError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case unavailable
        case broken
    }

    private let code: Code
    /// The tool, e.g. `prometheus` or `chromium-check`.
    public let tool: String
    /// What went wrong, with the tool's own words and, when it has one, its log.
    public let message: String

    private init(_ code: Code, tool: String, message: String) {
        self.code = code
        self.tool = tool
        self.message = message
    }

    /// A program, Python module or script the tool needs is missing: `make test-deps` installs it.
    public static func unavailable(_ tool: String, _ message: String) -> TestToolError {
        TestToolError(.unavailable, tool: tool, message: message)
    }

    /// The tool ran but failed: a server that would not start, a browser that hung, output that is not JSON.
    public static func broken(_ tool: String, _ message: String) -> TestToolError {
        TestToolError(.broken, tool: tool, message: message)
    }

    /// True when the tool is not installed, which says nothing about the code under test.
    public var isUnavailable: Bool { code == .unavailable }

    public var description: String { "\(tool): \(message)" }
}
