/// What a DNS probe got back: the reply, who gave it, over what, and how long it took.
///
/// Any response code is a result, NXDOMAIN and SERVFAIL included: whether it passes is the check's expectation.
public struct DNSProbeResult: Sendable {
    /// What was asked: the name (fully qualified, with its trailing dot) and the type.
    public var question: DNSQuestion
    /// The decoded reply (the TCP one after a truncated UDP reply).
    public var reply: DNSMessage
    /// The server that answered, with the transport that carried the reply.
    public var server: DNSServerAddress
    /// Whether a truncated UDP reply was retried over TCP.
    public var retriedOverTCP: Bool
    /// Servers asked before this one that gave no answer (system resolvers only).
    public var silentServers: [DNSServerAddress]
    /// The TCP connect, when TCP was used (the retry's, after a truncated UDP reply).
    public var connectMicroseconds: Int64?
    /// The time spent waiting for replies: the whole probe but the TCP connect.
    public var queryMicroseconds: Int64
    /// The whole probe.
    public var totalMicroseconds: Int64

    /// A result; `DNSProbe.run` makes these.
    public init(
        question: DNSQuestion, reply: DNSMessage, server: DNSServerAddress, retriedOverTCP: Bool = false, silentServers: [DNSServerAddress] = [],
        connectMicroseconds: Int64? = nil, queryMicroseconds: Int64, totalMicroseconds: Int64
    ) {
        self.question = question
        self.reply = reply
        self.server = server
        self.retriedOverTCP = retriedOverTCP
        self.silentServers = silentServers
        self.connectMicroseconds = connectMicroseconds
        self.queryMicroseconds = queryMicroseconds
        self.totalMicroseconds = totalMicroseconds
    }

    /// The reply's response code: NOERROR, NXDOMAIN, SERVFAIL…
    public var responseCode: DNSResponseCode { reply.responseCode }
    /// AA: the answer came from an authority for the name.
    public var isAuthoritative: Bool { reply.isAuthoritative }
    /// The answer section, CNAME chain included.
    public var answers: [DNSRecord] { reply.answers }

    /// Which answer a version timeline follows: the data of the answers of the asked type (the addresses at the
    /// end of a CNAME chain), sorted and joined by spaces, so the same set in another order is the same version;
    /// empty when there are none.
    public var answerVersion: String {
        Set(answerData).sorted().joined(separator: " ")
    }

    /// The data of the answers of the asked type (the addresses at the end of a CNAME chain), in reply order; all
    /// answers' data when none is of that type (a CNAME alone).
    public var answerData: [String] {
        let wanted = answers.filter { $0.type == question.type }
        return (wanted.isEmpty ? answers : wanted).map(\.data)
    }
}
