import SmokegateFixtures
import Synchronization

/// Collects what a fixture server received, for tests that check what curl sent.
final class RequestLog: Sendable {
    private let requests = Mutex<[FixtureRequest]>([])

    func record(_ request: FixtureRequest) {
        requests.withLock { $0.append(request) }
    }

    var all: [FixtureRequest] {
        requests.withLock { $0 }
    }
}
