#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Starts the dedicated OS thread that drives curl; kept off the Swift cooperative pool
/// because `curl_multi_poll` blocks.
enum CurlThread {
    /// Runs `body` on a new joinable thread; the body is handed over to that thread.
    static func start(_ body: sending @escaping () -> Void) throws(HTTPTransferError) -> pthread_t {
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let threadBody = Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue()
            threadBody.run()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            throw HTTPTransferError(
                reason: .internal, message: "could not start the curl thread: \(String(cString: strerror(created)))")
        }
        return thread
    }
}

/// Carries the thread's closure through pthread's `void *` argument.
private final class ThreadBody {
    let run: () -> Void

    init(_ run: @escaping () -> Void) {
        self.run = run
    }
}
