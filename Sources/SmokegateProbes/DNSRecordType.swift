/// A DNS resource record type (RFC 1035 TYPE / QTYPE), named the way zone files and `dig` name it.
public struct DNSRecordType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The 16-bit type code on the wire.
    public let rawValue: UInt16

    /// Any type code.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// IPv4 address.
    public static let a = DNSRecordType(rawValue: 1)
    /// Authoritative name server.
    public static let ns = DNSRecordType(rawValue: 2)
    /// Canonical name (alias).
    public static let cname = DNSRecordType(rawValue: 5)
    /// Start of authority; servers put it in the authority section of NXDOMAIN and empty answers.
    public static let soa = DNSRecordType(rawValue: 6)
    /// Pointer (reverse lookups).
    public static let ptr = DNSRecordType(rawValue: 12)
    /// Mail exchanger.
    public static let mx = DNSRecordType(rawValue: 15)
    /// Text strings.
    public static let txt = DNSRecordType(rawValue: 16)
    /// IPv6 address.
    public static let aaaa = DNSRecordType(rawValue: 28)
    /// Service location (RFC 2782).
    public static let srv = DNSRecordType(rawValue: 33)
    /// The EDNS(0) pseudo-record (RFC 6891); never an answer.
    public static let opt = DNSRecordType(rawValue: 41)
    /// Certification authority authorization (RFC 8659).
    public static let caa = DNSRecordType(rawValue: 257)

    /// The types a DNS check can ask for: the ones whose answers it renders as `dig +short` does.
    public static let queryable: [DNSRecordType] = [.a, .aaaa, .cname, .mx, .txt, .srv, .ns, .caa]

    private static let names: [(DNSRecordType, String)] = [
        (.a, "A"), (.ns, "NS"), (.cname, "CNAME"), (.soa, "SOA"), (.ptr, "PTR"), (.mx, "MX"), (.txt, "TXT"),
        (.aaaa, "AAAA"), (.srv, "SRV"), (.opt, "OPT"), (.caa, "CAA"),
    ]

    /// Reads `A`, `aaaa`, `Caa`… (any case) or the generic `TYPE257` form; nil for an unknown name.
    public init?(name: String) {
        let upper = name.uppercased()
        if let known = Self.names.first(where: { $0.1 == upper }) {
            self = known.0
        } else if upper.hasPrefix("TYPE"), let code = UInt16(upper.dropFirst(4)) {
            self.init(rawValue: code)
        } else {
            return nil
        }
    }

    /// `A`, `AAAA`…, or `TYPE65` (RFC 3597) for a type without a name here.
    public var name: String {
        Self.names.first(where: { $0.0 == self })?.1 ?? "TYPE\(rawValue)"
    }

    /// The name.
    public var description: String { name }
}
