/// Whether a PostgreSQL probe encrypts its connection, like libpq's `sslmode`.
public enum PostgresTLSMode: String, Sendable {
    /// Plain TCP; never asks the server for TLS.
    case disable
    /// TLS when the server offers it, plain TCP when it declines.
    case prefer
    /// TLS or fail: a server that declines fails the probe with `tls_handshake`.
    case require
}
