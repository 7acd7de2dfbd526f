/// A decoded DNS reply: header flags, response code and the records of each section.
public struct DNSMessage: Sendable, Hashable {
    /// The query id the reply repeats.
    public var id: UInt16
    /// QR: set in replies.
    public var isResponse: Bool
    /// 0 is a standard query.
    public var opcode: UInt8
    /// AA: the answering server is an authority for the name.
    public var isAuthoritative: Bool
    /// TC: the reply did not fit (over UDP); the full one needs TCP.
    public var isTruncated: Bool
    /// RD, echoed from the query.
    public var recursionDesired: Bool
    /// RA: the server offers recursion.
    public var recursionAvailable: Bool
    /// AD: the server validated the answer with DNSSEC.
    public var authenticData: Bool
    /// CD: checking disabled, echoed from the query.
    public var checkingDisabled: Bool
    /// The response code, including EDNS's extended bits when the reply had an OPT record.
    public var responseCode: DNSResponseCode
    /// The question section (a truncated reply may leave it empty).
    public var questions: [DNSQuestion]
    /// The answer section, in the order the server sent it.
    public var answers: [DNSRecord]
    /// The authority section: the SOA of an NXDOMAIN or empty answer, or delegation NS records.
    public var authority: [DNSRecord]
    /// The additional section without the OPT pseudo-record.
    public var additional: [DNSRecord]
    /// The UDP payload size the server advertised in its OPT record; nil when it sent none (no EDNS).
    public var ednsPayloadSize: Int?

    /// A message with every field given; replies come from decoding.
    public init(
        id: UInt16, isResponse: Bool = true, opcode: UInt8 = 0, isAuthoritative: Bool = false, isTruncated: Bool = false,
        recursionDesired: Bool = true, recursionAvailable: Bool = false, authenticData: Bool = false,
        checkingDisabled: Bool = false, responseCode: DNSResponseCode = .noError, questions: [DNSQuestion] = [],
        answers: [DNSRecord] = [], authority: [DNSRecord] = [], additional: [DNSRecord] = [], ednsPayloadSize: Int? = nil
    ) {
        self.id = id
        self.isResponse = isResponse
        self.opcode = opcode
        self.isAuthoritative = isAuthoritative
        self.isTruncated = isTruncated
        self.recursionDesired = recursionDesired
        self.recursionAvailable = recursionAvailable
        self.authenticData = authenticData
        self.checkingDisabled = checkingDisabled
        self.responseCode = responseCode
        self.questions = questions
        self.answers = answers
        self.authority = authority
        self.additional = additional
        self.ednsPayloadSize = ednsPayloadSize
    }
}
