/// What a message says about an incident or a run: it picks the built-in text, the template and the PagerDuty action.
public enum AlertMessageKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Targets started failing: an incident opens.
    case failing
    /// More targets of an open incident's environment started failing.
    case more
    /// The incident is still open after `reminder_every`.
    case reminder
    /// Every target of the incident recovered: it closes.
    case resolved
    /// A `run` or `watch` ended with a decision listed in `on:`.
    case run
}
