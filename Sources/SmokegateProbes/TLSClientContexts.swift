import NIOSSL

/// The two client TLS contexts every probe shares: verifying against the system trust store, and not verifying.
///
/// Building a context loads the whole system CA bundle, far too slow to repeat per probe sample; NIOSSLContext
/// is thread-safe and meant to be shared.
enum TLSClientContexts {
    private static let verifying: Result<NIOSSLContext, ProbeFailure> = make(verify: true)
    private static let insecure: Result<NIOSSLContext, ProbeFailure> = make(verify: false)

    /// The shared context for `options`; fails only when NIOSSL cannot build one at all (no usable trust store).
    static func context(for options: TLSClientOptions) throws(ProbeFailure) -> NIOSSLContext {
        try (options.insecure ? insecure : verifying).get()
    }

    private static func make(verify: Bool) -> Result<NIOSSLContext, ProbeFailure> {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verify ? .fullVerification : .none
        // Closing waits this long for the server's close_notify; a probe that has its verdict has no use for it.
        configuration.shutdownTimeout = .milliseconds(500)
        do {
            return .success(try NIOSSLContext(configuration: configuration))
        } catch {
            return .failure(ProbeFailure(.internal, "Could not set up TLS (system trust store): \(error)."))
        }
    }
}
