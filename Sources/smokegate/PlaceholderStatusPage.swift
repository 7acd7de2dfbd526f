import SmokegateStats
import SmokegateVerdict

/// PLACEHOLDER, to be replaced by `StatusPage.render` (branch `page`): a bare table of the targets' states so that
/// `/` shows something until the real status page is merged. Every text is HTML-escaped; nothing here computes.
enum PlaceholderStatusPage {
    static func render(_ snapshot: MonitorSnapshot, _ status: ServeStatus) -> String {
        let rows = status.targets.map { target in
            "<tr><td>\(escape(target.suite))/\(escape(target.check))</td><td>\(escape(target.environment))</td>"
                + "<td>\(escape(target.state.rawValue))</td><td>\(escape(target.since ?? ""))</td>"
                + "<td>\(escape(target.last?.message ?? ""))</td></tr>"
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>smokegate</title></head>
            <body><h1>smokegate</h1>
            <p>\(status.summary.up) up, \(status.summary.down) down, \(status.summary.unknown) unknown</p>
            <table><tr><th>check</th><th>environment</th><th>state</th><th>since</th><th>last failure</th></tr>
            \(rows.joined(separator: "\n"))
            </table></body></html>

            """
    }

    private static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
