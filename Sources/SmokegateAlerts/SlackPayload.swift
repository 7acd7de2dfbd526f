import Foundation
import SmokegateVerdict

/// A Slack incoming-webhook body: `text` (what notifications and clients without blocks show) and `blocks` (a
/// header, the message, the figures as fields, the link). Slack's limits are kept: a header of 150 characters, a
/// section of 3,000, ten fields of 2,000.
struct SlackPayload: Encodable {
    struct Text: Encodable {
        var type: String
        var text: String
    }

    struct Block: Encodable {
        var type: String
        var text: Text?
        var fields: [Text]?
        var elements: [Text]?
    }

    var text: String
    var blocks: [Block]

    init(_ message: AlertMessage) {
        let icon = message.resolves ? "✅" : "🔴"
        text = "\(icon) \(message.title)" + (message.link.map { " — \($0)" } ?? "")
        var blocks = [
            Block(type: "header", text: Text(type: "plain_text", text: Self.cut("\(icon) \(message.title)", 150))),
            Block(type: "section", text: Text(type: "mrkdwn", text: Self.cut(Self.escaped(message.text), 3000))),
        ]
        var fields: [Text] = []
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty, fields.count < 10 else { return }
            fields.append(Text(type: "mrkdwn", text: Self.cut("*\(name)*\n\(Self.escaped(value))", 2000)))
        }
        let first = message.targets.first
        field("Environment", message.environment ?? Set(message.targets.map(\.environment)).sorted().joined(separator: ", "))
        field("Decision", message.decision?.rawValue)
        if let failing = message.failing, let total = message.total { field("Failing", "\(failing) of \(total) checks") }
        field(message.targets.count > 1 ? "Checks" : "Check", message.targets.prefix(AlertText.listedTargets).map(AlertText.name).joined(separator: ", "))
        field("Version", first?.version)
        field("Reason", first?.message ?? first?.reason?.rawValue)
        field("Error rate", AlertText.percentage(first?.errorRate))
        field("p95", AlertText.milliseconds(first?.p95Ms))
        field("Downtime", (first?.downtimeSeconds ?? 0) > 0 ? AlertText.seconds(first?.downtimeSeconds) : nil)
        if !fields.isEmpty { blocks.append(Block(type: "section", fields: fields)) }
        var context = "smokegate \(message.source) · \(message.dedupKey)"
        if let link = message.link { context = "<\(Self.escaped(link))|\(message.source == "serve" ? "Status page" : "Report")> · " + context }
        blocks.append(Block(type: "context", elements: [Text(type: "mrkdwn", text: Self.cut(context, 3000))]))
        self.blocks = blocks
    }

    /// Slack's mrkdwn treats `&`, `<` and `>` as markup; a failure message quoting HTML must show as written.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func cut(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
