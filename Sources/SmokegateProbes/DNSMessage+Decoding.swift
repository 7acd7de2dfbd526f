extension DNSMessage {
    /// The size of the fixed header every message starts with.
    static let headerLength = 12

    /// Decodes a whole message; every length and pointer is checked against the bytes, so hostile input
    /// fails with a sentence instead of reading out of bounds.
    init(decoding bytes: [UInt8]) throws(DNSWireError) {
        var reader = DNSWireReader(bytes)
        guard bytes.count >= Self.headerLength else {
            throw DNSWireError("the message has \(bytes.count) bytes, fewer than a 12-byte header")
        }
        let id = try reader.uint16()
        let flags = try reader.uint16()
        let counts = [try reader.uint16(), try reader.uint16(), try reader.uint16(), try reader.uint16()]
        var questions: [DNSQuestion] = []
        for _ in 0..<counts[0] {
            let name = try reader.name()
            questions.append(DNSQuestion(name: DNSName.text(name), type: DNSRecordType(rawValue: try reader.uint16()),
                                         recordClass: try reader.uint16()))
        }
        var sections: [[DNSRecord]] = [[], [], []]
        var extendedCode: UInt16 = 0
        var payloadSize: Int?
        for section in 0..<3 {
            for _ in 0..<counts[section + 1] {
                let owner = try reader.name()
                let type = DNSRecordType(rawValue: try reader.uint16())
                let recordClass = try reader.uint16()
                let ttl = try reader.uint32()
                let length = Int(try reader.uint16())
                let start = reader.offset
                try reader.skip(length)
                if type == .opt, section == 2 {
                    // The OPT pseudo-record (RFC 6891 §6.1.3): CLASS is the payload size, TTL's top byte the
                    // RCODE's upper 8 bits.
                    payloadSize = Int(recordClass)
                    extendedCode = UInt16(ttl >> 24)
                    continue
                }
                let data = try DNSRecordData.text(of: type, in: bytes, at: start, length: length)
                sections[section].append(DNSRecord(name: DNSName.text(owner), type: type, recordClass: recordClass,
                                                   ttl: ttl, data: data))
            }
        }
        self.init(
            id: id,
            isResponse: flags & 0x8000 != 0,
            opcode: UInt8((flags >> 11) & 0x0F),
            isAuthoritative: flags & 0x0400 != 0,
            isTruncated: flags & 0x0200 != 0,
            recursionDesired: flags & 0x0100 != 0,
            recursionAvailable: flags & 0x0080 != 0,
            authenticData: flags & 0x0020 != 0,
            checkingDisabled: flags & 0x0010 != 0,
            responseCode: DNSResponseCode(rawValue: extendedCode << 4 | flags & 0x000F),
            questions: questions,
            answers: sections[0],
            authority: sections[1],
            additional: sections[2],
            ednsPayloadSize: payloadSize
        )
    }

    /// The id of a message, or nil when there are not even two bytes: enough to ignore a stray datagram.
    static func id(of bytes: [UInt8]) -> UInt16? {
        bytes.count >= 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : nil
    }
}
