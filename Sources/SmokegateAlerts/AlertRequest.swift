import Foundation
import SmokegateEngine
import SmokegateModel

/// A message shaped for one provider: the HTTP request that delivers it.
enum AlertRequest {
    /// The request for `message` at `destination`; nil when that provider gets nothing for this kind of message
    /// (PagerDuty and reminders).
    static func make(_ message: AlertMessage, to destination: AlertDestination, timeout: Duration) -> OutboundRequest? {
        let json = [HeaderField(name: "Content-Type", value: "application/json"), HeaderField(name: "User-Agent", value: "smokegate/\(SmokegateVersion.current)")]
        switch destination {
        case .slack(let slack):
            return OutboundRequest(url: slack.webhook, headers: json, body: encode(SlackPayload(message)), timeout: timeout)
        case .webhook(let webhook):
            let body = encode(WebhookPayload(message))
            // The user's headers may replace ours, but never the event, dedup key or signature headers a receiver verifies.
            var headers = json.overlaid(with: webhook.headers).filter { !$0.name.lowercased().hasPrefix("x-smokegate-") }
            headers += [HeaderField(name: "X-Smokegate-Event", value: message.kind.rawValue), HeaderField(name: "X-Smokegate-Dedup-Key", value: message.dedupKey)]
            if let secret = webhook.secret {
                headers.append(HeaderField(name: "X-Smokegate-Signature", value: "sha256=" + HMACSHA256.hex(for: body, key: Array(secret.utf8))))
            }
            return OutboundRequest(url: webhook.url, headers: headers, body: body, timeout: timeout)
        case .pagerDuty(let pagerDuty):
            guard let event = PagerDutyEvent(message, destination: pagerDuty) else { return nil }
            return OutboundRequest(url: pagerDuty.url, headers: json, body: encode(event), timeout: timeout)
        }
    }

    /// Compact JSON with snake_case keys in a stable order; slashes left as they are (links stay readable).
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain structs cannot fail: they hold strings, numbers and arrays of them only.
        return (try? encoder.encode(value)).map(Array.init) ?? Array("{}".utf8)
    }
}
