/// What `chromium-check` saw a page do (docs/test-tools.md describes every field).
public struct ChromiumReport: Sendable, Decodable {
    /// A console message, or a log entry of the browser's (`source` other than `console-api`).
    public struct ConsoleMessage: Sendable, Decodable {
        public var level: String
        public var source: String
        public var text: String
        public var url: String?
        public var line: Int?
    }

    /// An uncaught JavaScript exception.
    public struct Exception: Sendable, Decodable {
        public var text: String
        public var url: String?
        public var line: Int?
    }

    /// A request that failed (network error or HTTP status >= 400); `ignored` for the browser's own favicon.ico.
    public struct FailedRequest: Sendable, Decodable {
        public var url: String
        public var status: Int?
        public var error: String
        public var ignored: Bool
    }

    /// A request to an origin other than the page's own: `blocked` when the check stopped it before it left.
    public struct ExternalRequest: Sendable, Decodable {
        public var url: String
        public var type: String?
        public var blocked: Bool
    }

    public struct Size: Sendable, Decodable {
        public var width: Int
        public var height: Int
    }

    /// The saved PNG: its absolute path, size in bytes and pixels.
    public struct Screenshot: Sendable, Decodable {
        public var path: String
        public var bytes: Int
        public var width: Int?
        public var height: Int?
    }

    /// Seconds spent: starting the browser until its page accepted DevTools, loading, checking, stopping.
    public struct Timings: Sendable, Decodable {
        public var browserStart: Double?
        public var load: Double?
        public var total: Double?

        enum CodingKeys: String, CodingKey {
            case browserStart = "browser_start_seconds"
            case load = "load_seconds"
            case total = "total_seconds"
        }
    }

    /// True when the page had no problem.
    public var ok: Bool
    public var url: String
    public var finalURL: String?
    public var title: String?
    /// The number of elements each selector matched (nil for an invalid selector).
    public var counts: [String: Int?]
    /// Whether each text appeared in the rendered page.
    public var texts: [String: Bool]
    public var console: [ConsoleMessage]
    public var exceptions: [Exception]
    public var failedRequests: [FailedRequest]
    public var externalRequests: [ExternalRequest]
    /// Requests still unanswered when the check ended.
    public var pendingRequests: [String]
    /// How many requests the page made, its document included.
    public var requests: Int
    /// The page's full size in CSS pixels; wider than the viewport means it scrolls sideways.
    public var contentSize: Size?
    public var screenshot: Screenshot?
    public var timings: Timings
    /// Every reason the page failed, one sentence each.
    public var problems: [String]
    /// Why the check itself failed (only in reports of a failed check).
    public var error: String?
    var browserLog: String?

    enum CodingKeys: String, CodingKey {
        case ok, url, title, counts, texts, console, exceptions, requests, screenshot, timings, problems, error
        case finalURL = "final_url"
        case failedRequests = "failed_requests"
        case externalRequests = "external_requests"
        case pendingRequests = "pending_requests"
        case contentSize = "content_size"
        case browserLog = "browser_log"
    }

    /// Console messages at level error.
    public var consoleErrors: [ConsoleMessage] { console.filter { $0.level == "error" } }
}
