/// Reads big-endian integers and names from a message, never past its end.
struct DNSWireReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    mutating func uint8() throws(DNSWireError) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16() throws(DNSWireError) -> UInt16 {
        try need(2)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func uint32() throws(DNSWireError) -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return (offset..<offset + 4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[$1]) }
    }

    mutating func bytes(_ count: Int) throws(DNSWireError) -> ArraySlice<UInt8> {
        try need(count)
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func skip(_ count: Int) throws(DNSWireError) {
        try need(count)
        offset += count
    }

    mutating func name() throws(DNSWireError) -> [[UInt8]] {
        let (labels, end) = try DNSName.read(bytes, at: offset)
        offset = end
        return labels
    }

    private func need(_ count: Int) throws(DNSWireError) {
        guard count >= 0, offset + count <= bytes.count else {
            throw DNSWireError("the message ends at byte \(bytes.count) where \(count) more were due at offset \(offset)")
        }
    }
}
