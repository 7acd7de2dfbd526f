import Foundation
import SmokegateEngine
import SmokegateModel
import Synchronization

/// Sends alert messages on their own queue, so that whoever raises them (a run finishing, `serve`'s probing) never
/// waits on a receiver: `enqueue` returns at once. Each destination (provider and URL) has its own lane, sent in
/// order (a PagerDuty trigger before its resolve) and independently (a Slack webhook that hangs does not hold up
/// PagerDuty). Every request has a timeout; a refused, timed-out, 408, 429 or 5xx attempt is retried with exponential
/// backoff and jitter (or after the receiver's `Retry-After`); the backlog is bounded and drops its oldest message
/// when full. What happened is counted per provider (`counters`) and said once per lost message (`warn`), masked.
///
/// Run `run()` in a task for as long as messages may come; `finish()` lets it return once the backlog is sent.
public final class AlertDelivery: Sendable {
    public struct Settings: Sendable {
        /// Per attempt, connecting included.
        public var timeout: Duration = .seconds(10)
        /// Attempts after the first.
        public var retries = 3
        /// The wait before the first retry; each further one doubles it, up to `maxBackoff`.
        public var backoff: Duration = .seconds(1)
        public var maxBackoff: Duration = .seconds(60)
        /// Each wait is stretched or shrunk at random by up to this fraction, so retries from many places spread out.
        public var jitter = 0.2
        /// Messages that may wait; one more drops the oldest.
        public var backlogLimit = 500

        public init() {}
    }

    struct Item: Sendable {
        var sequence: UInt64
        var provider: String
        var kind: AlertMessageKind
        var request: OutboundRequest
    }

    private struct State {
        var lanes: [String: [Item]] = [:]
        var busy: Set<String> = []
        var counters = AlertDeliveryCounters()
        var nextSequence: UInt64 = 0
        var finishing = false
        var inFlight = 0
        var idleWaiters: [CheckedContinuation<Void, Never>] = []

        var queued: Int { lanes.values.reduce(0) { $0 + $1.count } }
        var idle: Bool { busy.isEmpty && lanes.values.allSatisfy(\.isEmpty) }
    }

    private let state: Mutex<State>
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>
    private let prober: Prober
    public let settings: Settings
    private let redactor: Redactor
    private let warn: @Sendable (String) -> Void

    /// `redactor` masks warnings (a receiver's error body may echo what it got); `warn` hears one line per lost message.
    public init(prober: Prober, settings: Settings = Settings(), redactor: Redactor, warn: @escaping @Sendable (String) -> Void) {
        var initial = State()
        initial.counters.backlogLimit = settings.backlogLimit
        state = Mutex(initial)
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.prober = prober
        self.settings = settings
        self.redactor = redactor
        self.warn = warn
    }

    /// Queues `message` for every destination (those that take this kind of message); returns at once.
    public func enqueue(_ message: AlertMessage, to destinations: [AlertDestination]) {
        let requests = destinations.compactMap { destination in
            AlertRequest.make(message, to: destination, timeout: settings.timeout).map { (destination.provider, $0) }
        }
        guard !requests.isEmpty else { return }
        let dropped = state.withLock { state -> [Item] in
            var dropped: [Item] = []
            for (provider, request) in requests {
                state.nextSequence += 1
                state.lanes["\(provider) \(request.url)", default: []].append(Item(sequence: state.nextSequence, provider: provider, kind: message.kind, request: request))
                state.counters.providers[provider, default: .init()] = state.counters.providers[provider] ?? .init()
                while state.queued > settings.backlogLimit,
                      let oldest = state.lanes.filter({ !$0.value.isEmpty }).min(by: { $0.value[0].sequence < $1.value[0].sequence }),
                      let item = state.lanes[oldest.key]?.removeFirst() {
                    state.counters.providers[item.provider, default: .init()].dropped += 1
                    dropped.append(item)
                }
            }
            state.counters.backlog = state.queued + state.inFlight
            return dropped
        }
        for item in dropped {
            warn("smokegate: alert backlog full (\(settings.backlogLimit) messages): dropped the oldest, a \(item.kind.rawValue) message for \(item.provider)")
        }
        wake.yield()
    }

    /// What delivery has done so far.
    public var counters: AlertDeliveryCounters { state.withLock { $0.counters } }

    /// Sends until `finish()` was called and the backlog is empty, or until the calling task is cancelled; messages
    /// still waiting then are counted as failed, and said so in one warning.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await _ in wakes {
                let (ready, done) = state.withLock { state -> ([String], Bool) in
                    let ready = state.lanes.filter { !$0.value.isEmpty && !state.busy.contains($0.key) }.map(\.key)
                    state.busy.formUnion(ready)
                    return (ready, state.finishing && state.idle)
                }
                if done { break }
                for lane in ready { group.addTask { await self.drain(lane) } }
            }
        }
        let abandoned = state.withLock { state -> Int in
            let items = state.lanes.values.flatMap { $0 }
            for item in items { state.counters.providers[item.provider, default: .init()].failed += 1 }
            state.lanes = [:]
            state.busy = []
            state.inFlight = 0
            state.counters.backlog = 0
            let waiters = state.idleWaiters
            state.idleWaiters = []
            for waiter in waiters { waiter.resume() }
            return items.count
        }
        if abandoned > 0 { warn("smokegate: gave up on \(abandoned) alert message\(abandoned == 1 ? "" : "s") not yet delivered") }
    }

    /// No more messages will come: `run()` returns once those queued are sent or given up on.
    public func finish() {
        state.withLock { $0.finishing = true }
        wake.yield()
    }

    /// Returns once nothing is queued or being sent (at once when idle); for shutdowns and tests.
    public func idle() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.idle { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Sends the lane's messages in order until it is empty.
    private func drain(_ lane: String) async {
        while !Task.isCancelled, let item = take(from: lane) {
            let outcome = await deliver(item)
            state.withLock { state in
                state.inFlight -= 1
                switch outcome {
                case .sent: state.counters.providers[item.provider, default: .init()].sent += 1
                case .failed: state.counters.providers[item.provider, default: .init()].failed += 1
                }
                state.counters.backlog = state.queued + state.inFlight
            }
        }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.busy.remove(lane)
            guard state.idle else { return [] }
            defer { state.idleWaiters = [] }
            return state.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
        wake.yield()
    }

    private func take(from lane: String) -> Item? {
        state.withLock { state in
            guard var items = state.lanes[lane], !items.isEmpty else { return nil }
            let item = items.removeFirst()
            state.lanes[lane] = items
            state.inFlight += 1
            return item
        }
    }

    private enum Outcome { case sent, failed }

    /// One message, with its retries.
    private func deliver(_ item: Item) async -> Outcome {
        var attempt = 0
        while true {
            attempt += 1
            var retryAfter: Double?
            let problem: String
            do {
                let response = try await prober.send(item.request)
                if response.accepted { return .sent }
                let answer = String(decoding: response.body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                problem = "HTTP \(response.status)" + (answer.isEmpty ? "" : " (\(answer))")
                guard [408, 429].contains(response.status) || response.status >= 500 else { return failed(item, problem, attempts: attempt) }
                retryAfter = response.retryAfterSeconds
            } catch let error as OutboundError {
                problem = error.description
            } catch {
                return failed(item, "stopped waiting before an answer came", attempts: attempt)
            }
            guard attempt <= settings.retries, !Task.isCancelled else { return failed(item, problem, attempts: attempt) }
            state.withLock { $0.counters.providers[item.provider, default: .init()].retries += 1 }
            do { try await Task.sleep(for: wait(beforeRetry: attempt, retryAfter: retryAfter)) } catch { return failed(item, problem, attempts: attempt) }
        }
    }

    private func failed(_ item: Item, _ problem: String, attempts: Int) -> Outcome {
        warn(redactor.redact("smokegate: alert not delivered: \(item.kind.rawValue) message to \(item.provider)"
            + (attempts > 1 ? " failed \(attempts) times" : " failed") + ", last: \(problem)"))
        return .failed
    }

    /// `backoff × 2^(retry-1)`, capped, stretched by the jitter; a receiver's `Retry-After` wins, capped alike.
    func wait(beforeRetry retry: Int, retryAfter: Double?) -> Duration {
        if let retryAfter, retryAfter >= 0 { return min(.milliseconds(Int64(retryAfter * 1000)), settings.maxBackoff) }
        let base = min(settings.backoff * (1 << min(retry - 1, 30)), settings.maxBackoff)
        let factor = 1 + Double.random(in: -settings.jitter...settings.jitter)
        return base * factor
    }
}
