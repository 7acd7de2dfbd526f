import NIOCore

/// Renders a record's RDATA as `dig +short` prints it (BIND 9's text forms).
enum DNSRecordData {
    /// The text of the RDATA at `start..<start+length` of `message`; names in it may point anywhere before.
    ///
    /// - Throws: when the RDATA does not have the shape its type requires, or a name in it overruns it.
    static func text(of type: DNSRecordType, in message: [UInt8], at start: Int, length: Int) throws(DNSWireError) -> String {
        let end = start + length
        var reader = DNSWireReader(Array(message[..<end]), offset: start)
        func finished(_ text: String) throws(DNSWireError) -> String {
            guard reader.offset == end else {
                throw DNSWireError("the \(type) data at offset \(start) has \(end - reader.offset) bytes left over")
            }
            return text
        }
        switch type {
        case .a:
            guard length == 4 else { throw DNSWireError("an A record at offset \(start) has \(length) bytes, not 4") }
            return try finished(try reader.bytes(4).map(String.init).joined(separator: "."))
        case .aaaa:
            guard length == 16 else { throw DNSWireError("an AAAA record at offset \(start) has \(length) bytes, not 16") }
            return try finished(ipv6Text(Array(try reader.bytes(16))))
        case .ns, .cname, .ptr:
            return try finished(DNSName.text(try reader.name()))
        case .mx:
            let preference = try reader.uint16()
            return try finished("\(preference) \(DNSName.text(try reader.name()))")
        case .txt:
            var strings: [String] = []
            repeat {
                strings.append(quoted(try reader.bytes(Int(try reader.uint8()))))
            } while reader.offset < end
            return try finished(strings.joined(separator: " "))
        case .srv:
            let priority = try reader.uint16()
            let weight = try reader.uint16()
            let port = try reader.uint16()
            return try finished("\(priority) \(weight) \(port) \(DNSName.text(try reader.name()))")
        case .caa:
            let flags = try reader.uint8()
            let tag = try reader.bytes(Int(try reader.uint8()))
            let value = try reader.bytes(end - reader.offset)
            return try finished("\(flags) \(String(decoding: tag, as: UTF8.self)) \(quoted(value))")
        case .soa:
            let names = [DNSName.text(try reader.name()), DNSName.text(try reader.name())]
            let numbers = [try reader.uint32(), try reader.uint32(), try reader.uint32(), try reader.uint32(), try reader.uint32()]
            return try finished((names + numbers.map(String.init)).joined(separator: " "))
        default:
            // RFC 3597's generic form, hex in upper case as BIND writes it.
            let hex = try reader.bytes(length).map { byte in
                let digits = String(byte, radix: 16, uppercase: true)
                return byte < 0x10 ? "0" + digits : digits
            }.joined()
            return try finished(length == 0 ? "\\# 0" : "\\# \(length) \(hex)")
        }
    }

    /// A character-string in double quotes, `"` and `\` escaped, unprintable bytes as `\DDD`.
    private static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        var text = "\""
        for byte in bytes {
            DNSName.appendEscaped(byte, to: &text, specials: quotedSpecials)
        }
        return text + "\""
    }

    private static let quotedSpecials: Set<UInt8> = Set("\"\\".utf8)

    /// RFC 5952's canonical text (`2001:db8::1`), as inet_ntop writes it.
    private static func ipv6Text(_ bytes: [UInt8]) -> String {
        var buffer = ByteBuffer()
        buffer.writeBytes(bytes)
        return (try? SocketAddress(packedIPAddress: buffer, port: 0))?.ipAddress ?? bytes.map { String($0) }.joined(separator: ".")
    }
}
