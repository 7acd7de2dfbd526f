import Foundation

/// A page loaded in real headless Chromium (Debian's `chromium`) by `scripts/test-tools/chromium-check`: what
/// it logged, threw and fetched, element counts, rendered text, a full-page screenshot. Each check starts and
/// ends its own browser (about 1–2 s here), so checks are independent and may run in parallel.
public enum Chromium {
    /// Loads `url` (http, https, file, data) or a local file path and reports what the page did. A page with
    /// console errors, exceptions, failed or external requests, an invalid selector or a missing text comes
    /// back with `ok == false` and the reasons in `problems`; a browser that fails or a page that has not
    /// loaded and been checked within `timeout` throws.
    ///
    /// - Parameters:
    ///   - selectors: CSS selectors to count, e.g. `svg`, `table tr`, `[data-target]`.
    ///   - texts: texts that must appear in the rendered page (its `innerText`: markup does not count).
    ///   - screenshot: where to save a full-page PNG.
    ///   - width: the viewport width in CSS pixels, e.g. 1280, or 390 with `mobile` for a phone.
    ///   - waitFor: after the load event, wait until an element matches this selector (pages that render
    ///     from a script).
    ///   - allowedOrigins: origins besides the page's own it may fetch from, e.g. `http://127.0.0.1:8080`.
    public static func check(
        url: String,
        selectors: [String] = [],
        texts: [String] = [],
        screenshot: String? = nil,
        width: Int = 1280,
        height: Int = 800,
        mobile: Bool = false,
        waitFor: String? = nil,
        allowedOrigins: [String] = [],
        timeout: Duration = .seconds(60)
    ) async throws -> ChromiumReport {
        var arguments = ["--width", "\(width)", "--height", "\(height)", "--timeout", TestTools.seconds(timeout)]
        arguments += selectors.flatMap { ["--selector", $0] } + texts.flatMap { ["--text", $0] }
        arguments += allowedOrigins.flatMap { ["--allow-origin", $0] }
        if let screenshot { arguments += ["--screenshot", screenshot] }
        if mobile { arguments.append("--mobile") }
        if let waitFor { arguments += ["--wait-for", waitFor] }
        // The tool bounds itself by `timeout`; the margin is for stopping the browser on a loaded machine.
        let result = try await ToolProcess.run("chromium-check", arguments + ["--", url], timeout: timeout + .seconds(30))
        guard [0, 1].contains(result.status), let line = result.stdout.split(separator: "\n").last,
              let report = try? JSONDecoder().decode(ChromiumReport.self, from: Data(line.utf8))
        else {
            let report = result.stdout.split(separator: "\n").last
                .flatMap { try? JSONDecoder().decode(ChromiumReport.self, from: Data($0.utf8)) }
            let detail = report.map { "\($0.error ?? "failed"); pending requests: \($0.pendingRequests); browser log: \($0.browserLog ?? "")" }
            throw TestToolError.broken("chromium-check", detail ?? TestTools.errorMessage(in: result))
        }
        return report
    }
}
