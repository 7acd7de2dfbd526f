import Foundation
import SmokegateFixtures
import Synchronization

/// A local receiver: a fixture HTTP server that records every request it gets (with when it arrived) and answers
/// as its script says, for tests that read back what alerts and pushes sent.
final class Receiver: Sendable {
    struct Received: Sendable {
        var request: FixtureRequest
        var at: ContinuousClock.Instant

        var body: String { String(decoding: request.body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:] }
    }

    private let log = Mutex<[Received]>([])
    private let waiters = Mutex<[(count: Int, continuation: CheckedContinuation<Void, Never>)]>([])

    var all: [Received] { log.withLock { $0 } }

    func record(_ request: FixtureRequest) {
        let count = log.withLock { log in
            log.append(Received(request: request, at: .now))
            return log.count
        }
        let ready = waiters.withLock { waiters in
            let ready = waiters.filter { $0.count <= count }
            waiters.removeAll { $0.count <= count }
            return ready
        }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// Returns once `count` requests have arrived, or after `timeout` (the caller then checks what came).
    func wait(for count: Int, timeout: Duration = .seconds(30)) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let now = self.log.withLock { $0.count }
                    if now >= count { continuation.resume() } else { self.waiters.withLock { $0.append((count, continuation)) } }
                }
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            // A waiter left behind by the timeout is resumed so its task can end.
            let left = self.waiters.withLock { waiters in
                defer { waiters.removeAll() }
                return waiters
            }
            for waiter in left { waiter.continuation.resume() }
        }
    }

    /// Starts a server answering every request with `behavior`, runs `body`, and shuts it down.
    static func with<T: Sendable>(answering behavior: @escaping @Sendable (FixtureRequest) -> FixtureBehavior = { _ in .respond(.text("ok")) },
                                  _ body: (FixtureHTTPServer, Receiver) async throws -> T) async throws -> T {
        let receiver = Receiver()
        return try await FixtureHTTPServer.withServer(answering: { request in
            receiver.record(request)
            return behavior(request)
        }) { server in try await body(server, receiver) }
    }
}
