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

    /// Whether libcurl's built-in CA bundle is a readable file while it also has a CA directory, so verified
    /// transfers can be told to use the bundle alone.
    ///
    /// libcurl caches the parsed trust store in the multi handle (CURLOPT_CA_CACHE_TIMEOUT), but only when no CA
    /// directory is set, and Debian's libcurl sets one by default. Without the cache every verified handshake
    /// parses the whole bundle (some 140 certificates) on the curl thread, which stalls every other transfer:
    /// a few dozen HTTPS checks at once delay the rest by a second. On Debian and its derivatives the bundle is
    /// generated from the directory (update-ca-certificates), so they trust the same roots.
    static let usesCABundleOnly: Bool = {
        guard let raw = curl_easy_init() else { return false }
        defer { curl_easy_cleanup(raw) }
        let easy = CurlEasyHandle(raw: raw)
        let bundle = easy.string(CURLINFO_CAINFO)
        return !bundle.isEmpty && !easy.string(CURLINFO_CAPATH).isEmpty && access(bundle, R_OK) == 0
    }()
}
