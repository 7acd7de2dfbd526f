import Synchronization

/// Collects what a fixture server received, for tests that check what a probe sent.
public final class RequestLog: Sendable {
    private let requests = Mutex<[FixtureRequest]>([])

    public init() {}

    public func record(_ request: FixtureRequest) {
        requests.withLock { $0.append(request) }
    }

    /// Every request so far, in arrival order.
    public var all: [FixtureRequest] {
        requests.withLock { $0 }
    }
}
