import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Process-wide libcurl setup, done once before the first engine starts.
enum CurlGlobal {
    /// The result of `curl_global_init`; a `static let` so Swift's once-initialisation makes it thread-safe.
    static let initialization: CURLcode = {
        // A peer closing a socket mid-write must surface as an error, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()
}
