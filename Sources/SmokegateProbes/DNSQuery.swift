/// A query as sent: one question, RD when asked, and an EDNS(0) OPT record when a payload size is given.
struct DNSQuery: Sendable {
    let id: UInt16
    let question: DNSQuestion
    /// The wire bytes, without TCP's length prefix.
    let bytes: [UInt8]

    /// Encodes a query; `name` must already be a valid DNS name (see `DNSName.wire`).
    ///
    /// - Parameters:
    ///   - ednsPayloadSize: the UDP payload size advertised in an OPT record (RFC 6891); nil sends none, and
    ///     the server then keeps UDP replies to 512 bytes.
    init(id: UInt16, name: String, type: DNSRecordType, recursionDesired: Bool, ednsPayloadSize: Int?) throws(ProbeFailure) {
        let wireName = try DNSName.wire(name)
        var bytes: [UInt8] = []
        func append(_ value: UInt16) {
            bytes.append(UInt8(value >> 8))
            bytes.append(UInt8(value & 0xFF))
        }
        append(id)
        append(recursionDesired ? 0x0100 : 0)
        append(1)  // QDCOUNT
        append(0)  // ANCOUNT
        append(0)  // NSCOUNT
        append(ednsPayloadSize == nil ? 0 : 1)  // ARCOUNT
        bytes.append(contentsOf: wireName)
        append(type.rawValue)
        append(1)  // IN
        if let ednsPayloadSize {
            // Root owner, TYPE OPT, CLASS = payload size, TTL 0 (no extended RCODE, version 0, DO clear), no options.
            bytes.append(0)
            append(DNSRecordType.opt.rawValue)
            append(UInt16(clamping: max(512, ednsPayloadSize)))
            bytes.append(contentsOf: [0, 0, 0, 0, 0, 0])
        }
        self.id = id
        self.question = DNSQuestion(name: DNSName.text(try Self.labels(of: wireName)), type: type)
        self.bytes = bytes
    }

    /// Whether `reply` answers this query: same id, marked as a reply, and the same question when it repeats
    /// one (a truncated reply may carry none).
    func isAnswered(by reply: DNSMessage) -> Bool {
        reply.id == id && reply.isResponse && (reply.questions.isEmpty || reply.questions.contains { $0.matches(question) })
    }

    private static func labels(of wireName: [UInt8]) throws(ProbeFailure) -> [[UInt8]] {
        do {
            return try DNSName.read(wireName, at: 0).labels
        } catch {
            throw ProbeFailure(.internal, "An encoded query name did not decode: \(error.message).")
        }
    }
}
