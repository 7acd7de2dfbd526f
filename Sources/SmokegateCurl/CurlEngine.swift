import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs HTTP transfers on one libcurl multi handle driven by a dedicated thread.
///
/// Tasks never touch curl: `perform` posts the request to a mailbox and wakes
/// the thread, which runs every transfer and resumes each task exactly once.
/// Cancelling the task abandons its transfer promptly.
public final class CurlEngine: Sendable {
    private let mailbox: CurlMailbox
    private let nextID = Atomic<UInt64>(0)
    /// The curl thread until it is joined; joining under the lock makes every
    /// concurrent `shutdown()` return only once the thread has ended.
    private let thread: Mutex<pthread_t?>

    /// Creates the multi handle and starts the thread that drives it.
    public init() throws {
        let initialized = CurlGlobal.initialization
        guard initialized == CURLE_OK else {
            throw HTTPTransferError(
                reason: .internal,
                message: "curl_global_init failed: \(String(cString: curl_easy_strerror(initialized)))",
                curlCode: Int32(bitPattern: initialized.rawValue)
            )
        }
        guard let multi = curl_multi_init() else {
            throw HTTPTransferError(reason: .internal, message: "libcurl could not create a multi handle")
        }
        let mailbox = CurlMailbox(multi: multi)
        let loop = CurlMultiLoop(multi: multi, mailbox: mailbox)
        self.thread = Mutex(try CurlThread.start(named: "smokegate-curl") { loop.run() })
        self.mailbox = mailbox
    }

    deinit {
        shutdown()
    }

    /// Performs one transfer.
    ///
    /// - Throws: `HTTPTransferError` when no usable response came back, `CancellationError`
    ///   when the task was cancelled or the engine shut down while the transfer was in flight.
    public func perform(_ request: HTTPTransferRequest) async throws -> HTTPTransferResponse {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        let mailbox = self.mailbox
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                switch mailbox.submit(CurlSubmission(id: id, request: request, continuation: continuation)) {
                case .accepted:
                    break
                case .cancelled:
                    continuation.resume(throwing: CancellationError())
                case .shutDown:
                    continuation.resume(throwing: HTTPTransferError(
                        reason: .internal, message: "the curl engine has been shut down"))
                }
            }
        } onCancel: {
            mailbox.cancel(id)
        }
    }

    /// Cancels in-flight transfers, stops the thread and frees the multi handle; safe to call more than once.
    ///
    /// Blocks until the curl thread has ended, which takes only as long as freeing the handles.
    public func shutdown() {
        mailbox.requestStop()
        thread.withLock { thread in
            guard let running = thread else { return }
            pthread_join(running, nil)
            thread = nil
        }
    }

    /// CPU time the curl thread has used so far, `nil` once it has ended; shows whether an idle engine stays idle.
    var threadCPUTime: Duration? {
        thread.withLock { thread in
            guard let thread else { return nil }
            var clock = clockid_t()
            var now = timespec()
            guard pthread_getcpuclockid(thread, &clock) == 0, clock_gettime(clock, &now) == 0 else { return nil }
            return .seconds(Int64(now.tv_sec)) + .nanoseconds(Int64(now.tv_nsec))
        }
    }

    /// Runs `body` with a new engine and shuts the engine down when `body` returns or throws.
    ///
    /// Runs on the caller's actor, so `body` may capture and return non-Sendable values.
    nonisolated(nonsending)
    public static func withEngine<T>(_ body: (CurlEngine) async throws -> T) async throws -> T {
        let engine = try CurlEngine()
        defer { engine.shutdown() }
        return try await body(engine)
    }
}
