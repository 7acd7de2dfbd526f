import SmokegateModel
import Yams

/// Reads `alerts:` blocks (the suite's, an environment's, a check's): providers, when to send, hysteresis, grouping,
/// reminders and the message template. Provider credentials join the secrets, so they are masked wherever text
/// could carry them, whether they came from `${env:…}` or were written in the file.
struct AlertReader {
    static let keys = ["enabled", "on", "failure_threshold", "success_threshold", "reminder_every", "group_within", "link", "template",
                       "slack", "webhook", "pagerduty"]
    static let slackKeys = ["webhook"]
    static let webhookKeys = ["url", "secret", "headers"]
    static let pagerDutyKeys = ["routing_key", "severity", "url"]

    let reader: ConfigReader

    /// `where` names the block in messages: `alerts`, `alerts of environment 'green'`.
    func read(_ node: Node, where context: String = "alerts") -> AlertBlock? {
        guard let fields = reader.table(node, allowed: Self.keys, in: context) else { return nil }
        var block = AlertBlock(location: reader.location(node))
        block.enabled = fields["enabled"].flatMap { reader.bool($0, what: "alerts.enabled") }
        if let node = fields["on"] {
            block.on = reader.stringList(node, what: "alerts.on").compactMap { text, item in
                guard let trigger = AlertTrigger(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
                    reader.error("unknown decision '\(text)' in alerts.on: use \(AlertTrigger.allCases.map(\.rawValue).joined(separator: ", "))", at: item)
                    return nil
                }
                return trigger
            }
        }
        block.failureThreshold = fields["failure_threshold"].flatMap { reader.int($0, what: "alerts.failure_threshold", range: 1...1_000) }
        block.successThreshold = fields["success_threshold"].flatMap { reader.int($0, what: "alerts.success_threshold", range: 1...1_000) }
        block.reminderEvery = fields["reminder_every"].flatMap { node in
            reader.duration(node, what: "alerts.reminder_every").flatMap { every in
                guard every == .zero || every >= .seconds(1) else {
                    reader.error("alerts.reminder_every must be at least 1s, or 0s for no reminders, found '\(node.scalar?.string ?? "")'", at: node)
                    return nil
                }
                return every
            }
        }
        block.groupWithin = fields["group_within"].flatMap { reader.duration($0, what: "alerts.group_within") }
        block.link = fields["link"].flatMap { node in reader.string(node, what: "alerts.link").flatMap { url(node, $0, what: "alerts.link") } }
        block.template = fields["template"].flatMap(template)
        block.slack = fields["slack"].flatMap(slack)
        block.webhook = fields["webhook"].flatMap(webhook)
        block.pagerDuty = fields["pagerduty"].flatMap(pagerDuty)
        return block
    }

    private func slack(_ node: Node) -> SlackDestination? {
        guard let fields = reader.table(node, allowed: Self.slackKeys, in: "alerts.slack") else { return nil }
        guard let urlNode = fields["webhook"] else {
            reader.error("alerts.slack needs 'webhook:', the incoming-webhook URL (e.g. webhook: \"${env:SLACK_WEBHOOK}\")", at: node)
            return nil
        }
        guard let webhook = credential(urlNode, what: "alerts.slack.webhook").flatMap({ url(urlNode, $0, what: "alerts.slack.webhook") }) else { return nil }
        return SlackDestination(webhook: webhook)
    }

    private func webhook(_ node: Node) -> WebhookDestination? {
        guard let fields = reader.table(node, allowed: Self.webhookKeys, in: "alerts.webhook") else { return nil }
        guard let urlNode = fields["url"] else {
            reader.error("alerts.webhook needs 'url:', where the JSON payload is posted", at: node)
            return nil
        }
        guard let address = reader.string(urlNode, what: "alerts.webhook.url").flatMap({ url(urlNode, $0, what: "alerts.webhook.url") }) else { return nil }
        var destination = WebhookDestination(url: address)
        destination.secret = fields["secret"].flatMap { credential($0, what: "alerts.webhook.secret") }
        if let headersNode = fields["headers"] {
            destination.headers = reader.stringPairs(headersNode, what: "alerts.webhook.headers").map { HeaderField(name: $0.key, value: $0.value) }
            for header in destination.headers where Redactor.sensitiveHeaders.contains(header.name.lowercased()) { reader.secrets.append(header.value) }
        }
        return destination
    }

    private func pagerDuty(_ node: Node) -> PagerDutyDestination? {
        guard let fields = reader.table(node, allowed: Self.pagerDutyKeys, in: "alerts.pagerduty") else { return nil }
        guard let keyNode = fields["routing_key"] else {
            reader.error("alerts.pagerduty needs 'routing_key:', the integration's Events API v2 key (e.g. routing_key: \"${env:PAGERDUTY_ROUTING_KEY}\")", at: node)
            return nil
        }
        guard let routingKey = credential(keyNode, what: "alerts.pagerduty.routing_key") else { return nil }
        var destination = PagerDutyDestination(routingKey: routingKey)
        if let node = fields["severity"], let text = reader.string(node, what: "alerts.pagerduty.severity") {
            if let severity = PagerDutySeverity(rawValue: text) { destination.severity = severity } else {
                reader.error("alerts.pagerduty.severity must be one of \(PagerDutySeverity.allCases.map(\.rawValue).joined(separator: ", ")), found '\(node.scalar?.string ?? text)'", at: node)
            }
        }
        if let node = fields["url"], let text = reader.string(node, what: "alerts.pagerduty.url") { destination.url = url(node, text, what: "alerts.pagerduty.url") ?? destination.url }
        return destination
    }

    /// A value that is a credential: rendered, non-empty, and remembered as a secret.
    private func credential(_ node: Node, what: String) -> String? {
        guard let value = reader.string(node, what: what) else { return nil }
        guard !value.isEmpty else {
            reader.error("\(what) is empty\(node.scalar?.string.contains("${env:") == true ? ": its environment variable is set but empty" : "")", at: node)
            return nil
        }
        reader.secrets.append(value)
        return value
    }

    /// An http(s) URL, or an error that quotes what was written (never the rendered value, which may hold a secret).
    private func url(_ node: Node, _ value: String, what: String) -> String? {
        guard value.hasPrefix("http://") || value.hasPrefix("https://"), value.count > 8 else {
            reader.error("\(what) must be an http:// or https:// URL, found '\(node.scalar?.string ?? "")'", at: node)
            return nil
        }
        return value
    }

    /// `template:` as one text, or a mapping of kinds to texts; placeholders checked against the known variables.
    /// Texts are read as written: `{{…}}` here are the message's placeholders, filled when a message is sent.
    private func template(_ node: Node) -> AlertTemplate? {
        if node.scalar != nil {
            return reader.rawScalar(node, what: "alerts.template").flatMap { checked($0, at: node) }.map { AlertTemplate(text: $0) }
        }
        guard let fields = reader.fields(node, allowed: AlertMessageKind.allCases.map(\.rawValue), in: "alerts.template") else { return nil }
        var template = AlertTemplate()
        for field in fields {
            guard let kind = AlertMessageKind(rawValue: field.key),
                  let text = reader.rawScalar(field.value, what: "alerts.template.\(field.key)").flatMap({ checked($0, at: field.value) })
            else { continue }
            template.byKind[kind] = text
        }
        return template
    }

    /// `text` when every `{{name}}` in it is a known variable; otherwise each unknown one is an error at its column.
    private func checked(_ text: String, at node: Node) -> String? {
        var valid = true
        for placeholder in AlertTemplateSyntax.placeholders(in: text) {
            guard let name = placeholder.name else {
                reader.error("unclosed '{{' in alerts.template: write {{name}}", at: node, offset: placeholder.offset)
                valid = false
                continue
            }
            guard AlertTemplate.variables[name] == nil else { continue }
            let hint = Levenshtein.suggestion(for: name, among: AlertTemplate.variables.keys).map { " (did you mean '\($0)'?)" } ?? ""
            reader.error("unknown placeholder '{{\(name)}}' in alerts.template\(hint): use \(AlertTemplate.variables.keys.sorted().joined(separator: ", "))",
                         at: node, offset: placeholder.offset)
            valid = false
        }
        return valid ? text : nil
    }
}
