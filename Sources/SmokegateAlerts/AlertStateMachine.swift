import Foundation
import SmokegateModel
import SmokegateVerdict

/// `serve`'s alert decisions, with no clock and no I/O of its own: probes and the time go in, the incidents to
/// store and the messages to send come out, so every rule is testable as a sequence.
///
/// - Hysteresis both ways: a target fails after `failure_threshold` failing probes in a row and recovers after
///   `success_threshold` passing ones; a flap shorter than that sends nothing.
/// - Grouping: targets of one environment (and one alert routing) that start failing within `group_within` of the
///   first make one message (`green: 5 of 12 checks failing`); those that start later while it is open make one
///   `more` message per span.
/// - An incident resolves when every target in it has recovered (or left the configuration): one `resolved`
///   message with the incident's dedup key.
/// - Reminders every `reminder_every` while it stays open.
/// - Restart-safe: built from the store's open incidents, their targets count as failing and already announced.
public struct AlertStateMachine: Sendable {
    /// One finished probe of a target, in start order per target.
    public struct Probe: Sendable {
        public var key: TargetKey
        public var at: Date
        public var passed: Bool
        /// The target's figures as the message should show them.
        public var figures: TargetAlertFigures

        public init(key: TargetKey, at: Date, passed: Bool, figures: TargetAlertFigures) {
            self.key = key
            self.at = at
            self.passed = passed
            self.figures = figures
        }
    }

    /// What to do: store the incident as it now is, then send the message to the destinations.
    public struct Action: Sendable, Hashable {
        public enum Change: Sendable, Hashable {
            case opened, updated, resolved
        }

        public var change: Change
        public var incident: Incident
        public var message: AlertMessage
        public var destinations: [AlertDestination]
    }

    struct Track: Sendable {
        var failures = 0
        var successes = 0
        var failing = false
        var figures: TargetAlertFigures
    }

    struct Pending: Sendable {
        var deadline: Date
        var targets: [TargetKey] = []
    }

    private(set) var routing: AlertRouting
    private var redactor: Redactor
    private var tracks: [TargetKey: Track] = [:]
    /// Targets that crossed the failure threshold and wait for their group's message, by incident key.
    private var pending: [String: Pending] = [:]
    private var incidents: [String: Incident] = [:]
    /// Every configured target, for `N of M` counts.
    private var configured: [TargetKey] = []

    /// Starts from `incidents` still open (from the store): their targets count as failing, nothing is sent for them
    /// again, and each resolves when its targets recover.
    public init(routing: AlertRouting, redactor: Redactor, restoring incidents: [Incident] = []) {
        self.routing = routing
        self.redactor = redactor
        for incident in incidents where incident.resolvedAt == nil {
            self.incidents[incident.dedupKey] = incident
            for key in incident.targets { tracks[key] = Track(failing: true, figures: TargetAlertFigures(key: key)) }
        }
    }

    /// The incidents open now.
    public var openIncidents: [Incident] { incidents.values.sorted { ($0.openedAt, $0.dedupKey) < ($1.openedAt, $1.dedupKey) } }

    /// The configuration now: its routing, and every target it probes. Targets that left it count as recovered.
    public mutating func configure(routing: AlertRouting, redactor: Redactor, targets: [TargetKey], at now: Date) -> [Action] {
        self.routing = routing
        self.redactor = redactor
        configured = targets
        let present = Set(targets)
        var actions: [Action] = []
        for key in tracks.keys where !present.contains(key) {
            tracks[key] = nil
            for dedupKey in pending.keys { pending[dedupKey]?.targets.removeAll { $0 == key } }
        }
        for dedupKey in incidents.keys.sorted() { actions += resolveIfRecovered(dedupKey, at: now) }
        return actions
    }

    /// Takes one probe; returns what it (and the time it carries) set off.
    public mutating func receive(_ probe: Probe) -> [Action] {
        let policy = routing.policy(for: probe.key)
        var track = tracks[probe.key] ?? Track(figures: probe.figures)
        track.figures = probe.figures
        if probe.passed {
            track.successes += 1
            track.failures = 0
        } else {
            track.failures += 1
            track.successes = 0
        }
        let dedupKey = Incident.dedupKey(for: probe.key, scope: policy.scope)
        var actions: [Action] = []
        if !track.failing, track.failures >= policy.failureThreshold, policy.sends {
            track.failing = true
            pending[dedupKey, default: Pending(deadline: probe.at.addingTimeInterval(policy.groupWithin.seconds))].targets.append(probe.key)
            tracks[probe.key] = track
        } else if track.failing, track.successes >= policy.successThreshold {
            track.failing = false
            tracks[probe.key] = track
            pending[dedupKey]?.targets.removeAll { $0 == probe.key }
            for key in incidents.keys.sorted() where incidents[key]?.targets.contains(probe.key) == true { actions += resolveIfRecovered(key, at: probe.at) }
        } else {
            tracks[probe.key] = track
        }
        return actions + tick(at: probe.at)
    }

    /// Sends what is due at `now`: groups whose span has passed, reminders.
    public mutating func tick(at now: Date) -> [Action] {
        var actions: [Action] = []
        for dedupKey in pending.keys.sorted() {
            guard let group = pending[dedupKey], group.deadline <= now else { continue }
            pending[dedupKey] = nil
            let failing = group.targets.filter { tracks[$0]?.failing == true }
            guard let first = failing.first else { continue }
            let policy = routing.policy(for: first)
            if var incident = incidents[dedupKey] {
                for key in failing where !incident.targets.contains(key) { incident.targets.append(key) }
                incident.lastNotifiedAt = now
                incidents[dedupKey] = incident
                actions.append(action(.updated, .more, incident, about: failing, policy: policy, at: now))
            } else {
                let incident = Incident(dedupKey: dedupKey, environment: first.environment, scope: policy.scope, targets: failing, openedAt: now, lastNotifiedAt: now)
                incidents[dedupKey] = incident
                actions.append(action(.opened, .failing, incident, about: failing, policy: policy, at: now))
            }
        }
        for dedupKey in incidents.keys.sorted() {
            guard var incident = incidents[dedupKey], let first = incident.targets.first else { continue }
            let policy = routing.policy(for: first)
            guard let every = policy.reminderEvery, now.timeIntervalSince(incident.lastNotifiedAt) >= every.seconds else { continue }
            incident.lastNotifiedAt = now
            incidents[dedupKey] = incident
            actions.append(action(.updated, .reminder, incident, about: incident.targets.filter { tracks[$0]?.failing == true }, policy: policy, at: now))
        }
        return actions
    }

    /// Resolves the incident when none of its targets fails any more and none of its environment waits to join it.
    private mutating func resolveIfRecovered(_ dedupKey: String, at now: Date) -> [Action] {
        guard var incident = incidents[dedupKey],
              !incident.targets.contains(where: { tracks[$0]?.failing == true }),
              !(pending[dedupKey]?.targets.contains { tracks[$0]?.failing == true } ?? false)
        else { return [] }
        incidents[dedupKey] = nil
        pending[dedupKey] = nil
        incident.resolvedAt = now
        let policy = incident.targets.first.map { routing.policy(for: $0) } ?? routing.policy(forRunIn: [incident.environment])
        return [action(.resolved, .resolved, incident, about: incident.targets, policy: policy, at: now)]
    }

    private func action(_ change: Action.Change, _ kind: AlertMessageKind, _ incident: Incident, about targets: [TargetKey], policy: AlertPolicy, at now: Date) -> Action {
        let environment = incident.environment
        let inEnvironment = configured.isEmpty ? Array(tracks.keys.filter { $0.environment == environment }) : configured.filter { $0.environment == environment }
        let failing = tracks.filter { $0.key.environment == environment && $0.value.failing }.count
        let total = max(inEnvironment.count, failing)
        let figures = targets.map { tracks[$0]?.figures ?? TargetAlertFigures(key: $0) }
        let names = targets.map { "\($0.suite)/\($0.check)" }
        let open = DurationText.format(.milliseconds(Int64(max(0, now.timeIntervalSince(incident.openedAt)) * 1000)))
        let title: String
        let builtIn: String
        switch kind {
        case .failing:
            title = targets.count == 1 ? "\(environment): \(names[0]) failing (\(failing) of \(total) checks)" : "\(environment): \(failing) of \(total) checks failing"
            builtIn = AlertText.list(figures, environment: false)
        case .more:
            title = "\(environment): \(failing) of \(total) checks failing, \(targets.count) more"
            builtIn = AlertText.list(figures, environment: false)
        case .reminder:
            title = "\(environment): still failing after \(open): \(failing) of \(total) checks"
            builtIn = AlertText.list(figures, environment: false)
        case .resolved:
            title = "\(environment): recovered after \(open)" + (names.count == 1 ? ": \(names[0])" : ", all \(names.count) checks")
            builtIn = "Recovered: " + names.prefix(AlertText.listedTargets).joined(separator: ", ") + (names.count > AlertText.listedTargets ? " and \(names.count - AlertText.listedTargets) more" : "")
        case .run:
            title = environment
            builtIn = ""
        }
        var message = AlertMessage(kind: kind, source: "serve", title: title, text: "", environment: environment, dedupKey: incident.dedupKey,
                                   link: policy.link, failing: failing, total: total, since: incident.openedAt.formatted(.iso8601), at: now, targets: figures)
        message.text = AlertText.text(message, template: policy.template, builtIn: builtIn)
        return Action(change: change, incident: incident, message: message.redacted(by: redactor), destinations: policy.destinations)
    }
}
