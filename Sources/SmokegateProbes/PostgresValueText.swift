import NIOCore
import PostgresNIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders a result cell as the text PostgreSQL itself sends for it, for expectations on query results.
///
/// postgres-nio asks for every result column in binary (its Bind message requests format 1 for all columns),
/// so the text form has to be rebuilt from the binary one. This follows the server's output functions for the
/// common types in the session the probe opens (`DateStyle=ISO`, `IntervalStyle=postgres`, `TimeZone=UTC`,
/// `extra_float_digits=1`, `bytea_output=hex`), arrays of them included. A type it does not know is shown as
/// its bytes when they are printable UTF-8 (enums, citext, domains over text send exactly that) and as
/// bytea-style hex otherwise.
enum PostgresValueText {
    /// The cell's text, or `nil` for SQL NULL.
    static func text(of cell: PostgresCell) -> String? {
        guard let bytes = cell.bytes else { return nil }
        if cell.format == .text { return String(buffer: bytes) }
        return render(bytes, oid: cell.dataType.rawValue)
    }

    /// The text of one binary value of the type `oid`.
    static func render(_ bytes: ByteBuffer, oid: UInt32) -> String {
        var reader = bytes
        if let text = decode(&reader, oid: oid), reader.readableBytes == 0 { return text }
        var arrayReader = bytes
        if !knownScalars.contains(oid), let text = decodeArray(&arrayReader), arrayReader.readableBytes == 0 {
            return text
        }
        return fallback(bytes)
    }

    /// The scalar types `decode` handles; anything else may be an array.
    private static let knownScalars: Set<UInt32> = [
        16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 28, 29, 114, 142, 650, 700, 701, 705, 869, 1042, 1043,
        1082, 1083, 1114, 1184, 1186, 1266, 1700, 2205, 2206, 2950, 3802,
    ]

    /// The text of a value of a type this knows, consuming its bytes; `nil` when the type is unknown or
    /// the bytes do not fit it.
    private static func decode(_ buffer: inout ByteBuffer, oid: UInt32) -> String? {
        switch oid {
        case 16:  // bool
            return buffer.readInteger(as: UInt8.self).map { $0 == 0 ? "f" : "t" }
        case 21:  // int2
            return buffer.readInteger(as: Int16.self).map { String($0) }
        case 23:  // int4
            return buffer.readInteger(as: Int32.self).map { String($0) }
        case 20:  // int8
            return buffer.readInteger(as: Int64.self).map { String($0) }
        case 24, 26, 28, 29, 2205, 2206:  // regproc, oid, xid, cid, regclass, regtype: the number, not the name
            return buffer.readInteger(as: UInt32.self).map { String($0) }
        case 700:  // float4
            return buffer.readInteger(as: UInt32.self).map { floatText(Float(bitPattern: $0)) }
        case 701:  // float8
            return buffer.readInteger(as: UInt64.self).map { floatText(Double(bitPattern: $0)) }
        case 1700:
            return numericText(&buffer)
        case 18, 19, 25, 114, 142, 705, 1042, 1043:  // "char", name, text, json, xml, unknown, bpchar, varchar
            return buffer.readString(length: buffer.readableBytes)
        case 3802:  // jsonb: a version byte, then the JSON text
            guard buffer.readInteger(as: UInt8.self) == 1 else { return nil }
            return buffer.readString(length: buffer.readableBytes)
        case 17:  // bytea
            return hex(buffer.readBytes(length: buffer.readableBytes) ?? [])
        case 2950:
            return uuidText(&buffer)
        case 650, 869:  // cidr, inet
            return inetText(&buffer, cidr: oid == 650)
        case 1082, 1083, 1114, 1184, 1186, 1266:
            return dateTimeText(&buffer, oid: oid)
        default:
            return nil
        }
    }

    /// Printable UTF-8 as is, anything else as `\x…` hex like bytea.
    private static func fallback(_ bytes: ByteBuffer) -> String {
        let raw = Array(bytes.readableBytesView)
        if let text = String(validating: raw, as: UTF8.self),
           text.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            return text
        }
        return hex(raw)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func uuidText(_ buffer: inout ByteBuffer) -> String? {
        guard let bytes = buffer.readBytes(length: 16) else { return nil }
        let hexText = String(hex(bytes).dropFirst(2))
        var result = ""
        for (index, character) in hexText.enumerated() {
            if [8, 12, 16, 20].contains(index) { result.append("-") }
            result.append(character)
        }
        return result
    }

    /// `inet` / `cidr`: family, prefix bits, is-cidr flag, address length, address.
    private static func inetText(_ buffer: inout ByteBuffer, cidr: Bool) -> String? {
        guard let (family, bits, _, length) = buffer.readMultipleIntegers(as: (UInt8, UInt8, UInt8, UInt8).self),
              let address = buffer.readBytes(length: Int(length))
        else { return nil }
        let text: String
        let maxBits: UInt8
        switch (family, address.count) {
        case (2, 4):
            text = address.map(String.init).joined(separator: ".")
            maxBits = 32
        case (3, 16):
            var storage = in6_addr()
            withUnsafeMutableBytes(of: &storage) { $0.copyBytes(from: address) }
            var output = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(AF_INET6, &storage, &output, socklen_t(output.count)) != nil else { return nil }
            text = String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            maxBits = 128
        default:
            return nil
        }
        return cidr || bits != maxBits ? "\(text)/\(bits)" : text
    }

    /// `float4` / `float8` like `float4out` / `float8out` with `extra_float_digits=1`: the shortest digits that
    /// read back exactly, in fixed notation when the decimal exponent is in [-4, 6) for float4 or [-4, 15) for float8.
    static func floatText<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let sign = value.sign == .minus ? "-" : ""
        // Swift's description is already the shortest round-trip digit string; only its layout differs.
        let description = String(value.magnitude.description)
        let parts = description.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponentShift = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let integerDigits = mantissa.prefix { $0 != "." }
        var digits = Array(mantissa.filter { $0 != "." })
        var pointPosition = integerDigits.count
        while digits.first == "0", digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0", digits.count > 1 { digits.removeLast() }
        if digits == ["0"] { return sign + "0" }
        let exponent = pointPosition - 1 + exponentShift
        let fixedLimit = F.significandBitCount > 23 ? 15 : 6
        if exponent >= -4, exponent < fixedLimit {
            if exponent < 0 {
                return sign + "0." + String(repeating: "0", count: -exponent - 1) + String(digits)
            }
            let whole = digits.count > exponent + 1 ? digits[...exponent] : digits[...]
            let integer = String(whole) + String(repeating: "0", count: max(0, exponent + 1 - digits.count))
            let fraction = digits.count > exponent + 1 ? "." + String(digits[(exponent + 1)...]) : ""
            return sign + integer + fraction
        }
        let fraction = digits.count > 1 ? "." + String(digits.dropFirst()) : ""
        let exponentDigits = String(abs(exponent))
        let paddedExponent = exponentDigits.count < 2 ? "0" + exponentDigits : exponentDigits
        return sign + String(digits[0]) + fraction + "e" + (exponent < 0 ? "-" : "+") + paddedExponent
    }
}
