/// The two messages of `grpc.health.v1` in protobuf's wire format, by hand (the proto is two fields):
///
/// ```proto
/// message HealthCheckRequest { string service = 1; }
/// message HealthCheckResponse { ServingStatus status = 1; }
/// ```
enum GRPCHealthProtobuf {
    /// Why bytes are not a `HealthCheckResponse`.
    struct DecodingError: Error, Equatable {
        let message: String
    }

    /// A `HealthCheckRequest`; the empty service (the whole server) is the empty message, as proto3 omits defaults.
    static func request(service: String) -> [UInt8] {
        guard !service.isEmpty else { return [] }
        let name = Array(service.utf8)
        return [0x0A] + varint(UInt64(name.count)) + name
    }

    /// The `status` of a `HealthCheckResponse`: the last field 1 wins, unknown fields are skipped, and no field
    /// at all is `UNKNOWN`, all as protobuf parsers do.
    static func servingStatus(from bytes: [UInt8]) throws(DecodingError) -> GRPCServingStatus {
        var offset = 0
        var status = GRPCServingStatus.unknown
        while offset < bytes.count {
            let key = try readVarint(bytes, &offset)
            let field = key >> 3
            let wireType = key & 0x07
            switch (field, wireType) {
            case (0, _):
                throw DecodingError(message: "field number 0 at byte \(offset)")
            case (1, 0):
                // An enum is an int32: negative values arrive as ten-byte varints of their 64-bit form.
                status = GRPCServingStatus(rawValue: Int(Int32(truncatingIfNeeded: try readVarint(bytes, &offset))))
            case (1, _):
                throw DecodingError(message: "field 1 (status) has wire type \(wireType), not a varint")
            case (_, 0):
                _ = try readVarint(bytes, &offset)
            case (_, 1):
                try skip(8, in: bytes, &offset)
            case (_, 2):
                let length = try readVarint(bytes, &offset)
                guard length <= UInt64(bytes.count - offset) else {
                    throw DecodingError(message: "a field of \(length) bytes runs past the end")
                }
                try skip(Int(length), in: bytes, &offset)
            case (_, 5):
                try skip(4, in: bytes, &offset)
            default:
                throw DecodingError(message: "wire type \(wireType) is not one protobuf 3 writes")
            }
        }
        return status
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            let low = UInt8(value & 0x7F)
            value >>= 7
            bytes.append(value == 0 ? low : low | 0x80)
        } while value != 0
        return bytes
    }

    private static func readVarint(_ bytes: [UInt8], _ offset: inout Int) throws(DecodingError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            guard offset < bytes.count else { throw DecodingError(message: "a varint runs past the end") }
            let byte = bytes[offset]
            offset += 1
            guard shift < 63 || byte <= 1 else { throw DecodingError(message: "a varint is longer than 64 bits") }
            value |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return value }
        }
        throw DecodingError(message: "a varint is longer than ten bytes")
    }

    private static func skip(_ count: Int, in bytes: [UInt8], _ offset: inout Int) throws(DecodingError) {
        guard count <= bytes.count - offset else { throw DecodingError(message: "a field runs past the end") }
        offset += count
    }
}
