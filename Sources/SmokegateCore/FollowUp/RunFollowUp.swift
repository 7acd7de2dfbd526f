import Foundation
import SmokegateAlerts
import SmokegateEngine
import SmokegateModel
import SmokegateVerdict

/// What a finished `run` or `watch` does once its reports are written: push its figures to a Pushgateway
/// (`--push-gateway`) and send its alert when its decision is one the suite's `alerts.on` lists. Neither can change
/// the verdict or the exit code: every failure is one warning line, and the whole takes at most `bound` (plus a
/// push's own timeouts) before it gives up, saying so.
public struct RunFollowUp: Sendable {
    public var push: PushgatewayTarget?
    /// The link a run's alert carries when the suite's `alerts.link` names none: where the verdict was written.
    public var reportLink: String?
    /// How long alert delivery may take in all, retries included.
    public var bound: Duration = .seconds(10)
    public var delivery = AlertDelivery.Settings()
    /// Hears each warning, one line, masked.
    public var warn: @Sendable (String) -> Void

    public init(push: PushgatewayTarget?, reportLink: String?, warn: @escaping @Sendable (String) -> Void) {
        self.push = push
        self.reportLink = reportLink
        self.warn = warn
        delivery.timeout = .seconds(5)
        delivery.retries = 2
    }

    /// Whether there is anything to do for `suite`: a push, or alerts configured.
    public func applies(to suite: Suite) -> Bool { push != nil || !suite.alerts.isEmpty }

    /// Pushes and alerts for `report`; returns when both are done or given up on. Nothing it does throws.
    public func perform(_ report: RunReport, suite: Suite) async {
        guard report.decision != .error else { return }
        let policy = suite.alerts.policy(forRunIn: suite.environments.map(\.name))
        let message = RunAlert.message(for: report, policy: policy, link: reportLink, redactor: suite.redactor)
        guard push != nil || message != nil else { return }
        do {
            try await Prober.with { prober in
                await withDiscardingTaskGroup { group in
                    if let push {
                        group.addTask {
                            if let problem = await PushgatewayPusher(target: push).push(report, prober: prober, redactor: suite.redactor) {
                                warn("smokegate: \(problem); the verdict stands")
                            }
                        }
                    }
                    if let message {
                        group.addTask { await deliver(message, to: policy.destinations, prober: prober, redactor: suite.redactor) }
                    }
                }
            }
        } catch {
            warn("smokegate: could not start the HTTP engine to push or alert: \(error); the verdict stands")
        }
    }

    /// Sends one message, waiting for it up to `bound`.
    private func deliver(_ message: AlertMessage, to destinations: [AlertDestination], prober: Prober, redactor: Redactor) async {
        let queue = AlertDelivery(prober: prober, settings: delivery, redactor: redactor, warn: warn)
        queue.enqueue(message, to: destinations)
        queue.finish()
        let sending = Task { await queue.run() }
        let timer = Task {
            try? await Task.sleep(for: bound)
            sending.cancel()
        }
        await sending.value
        timer.cancel()
    }
}
