import Foundation

/// The stored form: a version byte, the number of non-empty buckets, then for each bucket in ascending order the
/// distance from the previous bucket's index and the count, all as LEB128 varints. Version 1 is the only one.
extension LatencyHistogram {
    static let encodingVersion: UInt8 = 1

    /// The compact bytes stored in the database (`BLOB` / `bytea`).
    public func encoded() -> Data {
        var bytes: [UInt8] = [Self.encodingVersion]
        let indices = counts.keys.sorted()
        Self.appendVarint(UInt64(indices.count), to: &bytes)
        var previous = 0
        for index in indices {
            Self.appendVarint(UInt64(index - previous), to: &bytes)
            Self.appendVarint(counts[index] ?? 0, to: &bytes)
            previous = index
        }
        return Data(bytes)
    }

    /// Reads bytes written by ``encoded()``; throws ``LatencyHistogram/DecodingFailure`` for anything else.
    public init(encoded data: Data) throws {
        var reader = VarintReader(bytes: [UInt8](data))
        guard let version = reader.byte(), version == Self.encodingVersion else {
            throw DecodingFailure(problem: "unknown encoding version")
        }
        guard let bucketCount = reader.varint(), bucketCount <= UInt64(Self.maxIndex + 1) else {
            throw DecodingFailure(problem: "bad bucket count")
        }
        var counts: [Int: UInt64] = [:]
        var index = 0
        for position in 0..<Int(bucketCount) {
            guard let delta = reader.varint(), let count = reader.varint(), count > 0,
                  position == 0 || delta > 0, delta <= UInt64(Self.maxIndex - index)
            else {
                throw DecodingFailure(problem: "bad bucket \(position)")
            }
            index += Int(delta)
            counts[index] = count
        }
        guard reader.atEnd else {
            throw DecodingFailure(problem: "trailing bytes")
        }
        self.init(validatedCounts: counts)
    }

    /// Bytes that are not a histogram ``encoded()`` wrote: a store's column damaged or written by something else.
    public struct DecodingFailure: Error, Sendable, CustomStringConvertible {
        /// What is wrong with the bytes, e.g. `trailing bytes`.
        public let problem: String
        public var description: String { "latency histogram: \(problem)" }
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private struct VarintReader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position == bytes.count }

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let byte = byte() {
                guard shift < 64, shift < 63 || byte <= 1 else { return nil }
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
    }
}

extension LatencyHistogram: Codable {
    /// Encodes as the base64 of ``encoded()``, so JSON exports carry the mergeable distribution.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(encoded().base64EncodedString())
    }

    /// Decodes the base64 form written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let data = Data(base64Encoded: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "latency histogram is not base64")
        }
        try self.init(encoded: data)
    }
}
