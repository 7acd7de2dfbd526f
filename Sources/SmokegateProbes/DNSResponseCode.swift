/// A DNS response code (RCODE), with EDNS's extended bits when the reply carried an OPT record.
public struct DNSResponseCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The 4-bit header RCODE, or the 12-bit extended one (RFC 6891).
    public let rawValue: UInt16

    /// Any code.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The query succeeded (possibly with no answers).
    public static let noError = DNSResponseCode(rawValue: 0)
    /// The server could not parse the query.
    public static let formErr = DNSResponseCode(rawValue: 1)
    /// The server failed (a broken zone, an unreachable upstream, a DNSSEC validation failure).
    public static let servFail = DNSResponseCode(rawValue: 2)
    /// The name does not exist.
    public static let nxDomain = DNSResponseCode(rawValue: 3)
    /// The server does not implement this kind of query.
    public static let notImp = DNSResponseCode(rawValue: 4)
    /// The server refuses to answer (e.g. recursion for an outside client).
    public static let refused = DNSResponseCode(rawValue: 5)

    private static let names = CodeNames(names: [
        "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET",
        "NOTAUTH", "NOTZONE", "DSOTYPENI", "RESERVED12", "RESERVED13", "RESERVED14", "RESERVED15", "BADVERS",
        "BADKEY", "BADTIME", "BADMODE", "BADNAME", "BADALG", "BADTRUNC", "BADCOOKIE",
    ], unnamedPrefix: "RCODE")

    /// Reads `NXDOMAIN`, `servfail`… (any case); nil for an unknown name.
    public init?(name: String) {
        guard let code = Self.names.code(named: name) else { return nil }
        self.init(rawValue: UInt16(code))
    }

    /// `NOERROR`, `NXDOMAIN`…, or `RCODE` and the number for a code without a name.
    public var name: String {
        Self.names.name(of: Int(rawValue))
    }

    /// The name.
    public var description: String { name }
}
