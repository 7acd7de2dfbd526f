import Crypto

/// HMAC-SHA256, what signs webhook payloads: swift-crypto's, which the build already compiles for PostgresNIO.
enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key`.
    static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// The code as lower-case hex, as `X-Smokegate-Signature: sha256=…` carries it.
    static func hex(for message: [UInt8], key: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return authenticationCode(for: message, key: key).map { String([digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]]) }.joined()
    }
}
