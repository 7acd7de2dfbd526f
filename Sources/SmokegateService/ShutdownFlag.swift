import Synchronization

/// Set once a graceful shutdown has begun: `/readyz` then answers 503 at once, so a load balancer stops sending
/// work while the probes in flight still finish.
final class ShutdownFlag: Sendable {
    private let raised = Atomic(false)

    func raise() { raised.store(true, ordering: .relaxed) }

    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
