import Foundation
import SmokegateModel
import SmokegateVerdict
import SmokegateVocabulary

/// One alert, before any provider shapes it: what happened, to which targets, with the figures and the link. Every
/// text in it has been through the redactor, so no payload built from it can carry a secret.
public struct AlertMessage: Sendable, Hashable {
    public var kind: AlertMessageKind
    /// `serve`, `run` or `watch`.
    public var source: String
    /// One line: `green: 5 of 12 checks failing`.
    public var title: String
    /// The message: the template's, or the built-in one.
    public var text: String
    /// The environment it is about; nil for a run across several.
    public var environment: String?
    /// What makes repeated messages about one incident (or one run) one PagerDuty incident.
    public var dedupKey: String
    public var link: String?
    /// A run's or watch's decision.
    public var decision: Decision?
    /// For `serve`: failing checks of the environment, and how many it has.
    public var failing: Int?
    public var total: Int?
    /// When the incident opened (serve) or the run started, ISO 8601 in UTC.
    public var since: String
    public var at: Date
    /// The targets the message is about, with their figures.
    public var targets: [TargetAlertFigures]

    /// Whether the message says something is wrong (PagerDuty triggers) or that it no longer is (resolves).
    public var resolves: Bool { kind == .resolved }

    public init(kind: AlertMessageKind, source: String, title: String, text: String, environment: String?, dedupKey: String, link: String?,
                decision: Decision? = nil, failing: Int? = nil, total: Int? = nil, since: String, at: Date, targets: [TargetAlertFigures]) {
        self.kind = kind
        self.source = source
        self.title = title
        self.text = text
        self.environment = environment
        self.dedupKey = dedupKey
        self.link = link
        self.decision = decision
        self.failing = failing
        self.total = total
        self.since = since
        self.at = at
        self.targets = targets
    }

    /// `self` with every text masked by `redactor`: titles, texts, links, versions and failure messages may quote
    /// what a probed server sent back, and a server can echo a secret.
    public func redacted(by redactor: Redactor) -> AlertMessage {
        var copy = self
        copy.title = redactor.redact(title)
        copy.text = redactor.redact(text)
        copy.link = link.map(redactor.redact)
        copy.dedupKey = redactor.redact(dedupKey)
        copy.environment = environment.map(redactor.redact)
        copy.targets = targets.map { target in
            var target = target
            target.suite = redactor.redact(target.suite)
            target.check = redactor.redact(target.check)
            target.environment = redactor.redact(target.environment)
            target.version = target.version.map(redactor.redact)
            target.message = target.message.map(redactor.redact)
            return target
        }
        return copy
    }
}
