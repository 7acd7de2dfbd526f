#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Starts the dedicated OS thread that drives curl; kept off the Swift cooperative pool
/// because `curl_multi_poll` blocks.
enum CurlThread {
    /// Runs `body` on a new joinable thread; the body is handed over to that thread.
    ///
    /// The name (at most 15 bytes) shows in `top -H`, `gdb` and /proc, to tell the thread apart.
    static func start(named name: String, _ body: sending @escaping () -> Void) throws(HTTPTransferError) -> pthread_t {
        let context = Unmanaged.passRetained(ThreadBody(name: name, run: body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let threadBody = Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue()
            nameCurrentThread(threadBody.name)
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

/// Names the calling thread through /proc: glibc's `pthread_setname_np` is not visible to Swift
/// without `_GNU_SOURCE`. A failure only costs the name.
private func nameCurrentThread(_ name: String) {
    let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    let bytes = Array(name.utf8.prefix(15))
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
}

/// Carries the thread's closure through pthread's `void *` argument.
private final class ThreadBody {
    let name: String
    let run: () -> Void

    init(name: String, run: @escaping () -> Void) {
        self.name = name
        self.run = run
    }
}
