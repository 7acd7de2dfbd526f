/// The question of a query or a reply: which name, which type.
public struct DNSQuestion: Sendable, Hashable {
    /// With a trailing dot, escaped like record names.
    public var name: String
    /// The record type asked for.
    public var type: DNSRecordType
    /// 1 is IN.
    public var recordClass: UInt16

    /// A question; the class defaults to IN.
    public init(name: String, type: DNSRecordType, recordClass: UInt16 = 1) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
    }

    /// Whether a reply's question is this one: names compared without ASCII case (RFC 4343), which the
    /// escaped text allows since escapes hold only digits and punctuation.
    func matches(_ other: DNSQuestion) -> Bool {
        type == other.type && recordClass == other.recordClass && name.lowercased() == other.name.lowercased()
    }
}
