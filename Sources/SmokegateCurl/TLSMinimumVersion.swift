/// The oldest TLS version a transfer accepts (CURLOPT_SSLVERSION); a server that offers only older fails the handshake.
public enum TLSMinimumVersion: String, Sendable, Hashable, CaseIterable {
    case tls1_0 = "1.0"
    case tls1_1 = "1.1"
    case tls1_2 = "1.2"
    case tls1_3 = "1.3"
}
