/// One resource record of a reply, its data rendered as text the way `dig +short` prints it.
public struct DNSRecord: Sendable, Hashable {
    /// The owner name, with a trailing dot: `www.example.com.`.
    public var name: String
    /// The record type.
    public var type: DNSRecordType
    /// The class; 1 is IN, the only one checks ask for.
    public var recordClass: UInt16
    /// Seconds the record may be cached.
    public var ttl: UInt32
    /// The data as `dig +short` shows it: `192.0.2.1`, `2001:db8::1`, `www.example.com.`, `10 mail.example.com.`,
    /// `"v=spf1 -all"`, `10 60 5060 sip.example.com.`, `0 issue "letsencrypt.org"`; RFC 3597's `\# 4 C0000201`
    /// for a type without a text form here.
    public var data: String

    /// A record as decoded from a reply.
    public init(name: String, type: DNSRecordType, recordClass: UInt16 = 1, ttl: UInt32, data: String) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
        self.ttl = ttl
        self.data = data
    }
}
