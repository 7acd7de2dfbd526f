/// Why bytes are not a DNS message: one sentence naming the offset, for the `malformed_reply` failure.
struct DNSWireError: Error, Sendable, Equatable {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
