@testable import SmokegateProbes
import Testing

/// The DNS codec against wire bytes made by another implementation: replies captured from
/// scripts/test-servers/dns_server.py (dnslib 0.9.26, which compresses names), queries built with dnslib, and
/// the expected texts as `dig +short` (BIND 9.18) printed them for the same replies.
@Suite struct DNSMessageTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    struct Capture: Sendable, CustomTestStringConvertible {
        let question: String
        let hex: String
        let dig: [String]
        let ttl: UInt32
        var testDescription: String { question }
    }

    static let captures = [
        Capture(question: "www.test. A",
                hex: "1000858000010002000000000377777704746573740000010001c00c000100010000012c0004c000020ac00c000100010000012c0004c000020b",
                dig: ["192.0.2.10", "192.0.2.11"], ttl: 300),
        Capture(question: "www.test. AAAA",
                hex: "10018580000100020000000003777777047465737400001c0001c00c001c00010000012c001020010db8000000000000000000000010c00c001c00010000012c001020010db8000000000001000000000001",
                dig: ["2001:db8::10", "2001:db8::1:0:0:1"], ttl: 300),
        Capture(question: "test. MX",
                hex: "100385800001000200000000047465737400000f0001c00c000f000100000e100008000a036d7831c00cc00c000f000100000e1000080014036d7832c00c",
                dig: ["10 mx1.test.", "20 mx2.test."], ttl: 3600),
        Capture(question: "test. NS",
                hex: "10048580000100020000000004746573740000020001c00c0002000100000e100006036e7331c00cc00c0002000100000e100006036e7332c00c",
                dig: ["ns1.test.", "ns2.test."], ttl: 3600),
        Capture(question: "test. CAA",
                hex: "10058580000100020000000004746573740001010001c00c0101000100000e100016000569737375656c657473656e63727970742e6f7267c00c0101000100000e10001b8005696f6465666d61696c746f3a73656375726974794074657374",
                dig: ["0 issue \"letsencrypt.org\"", "128 iodef \"mailto:security@test\""], ttl: 3600),
        Capture(question: "txt.test. TXT",
                hex: "1006858000010003000000000374787404746573740000100001c00c001000010000003c000c0b763d73706631202d616c6cc00c001000010000003c000c0568656c6c6f05776f726c64c00c001000010000003c001b1473617920226869223b206261636b5c736c61736805636166c3a9",
                dig: ["\"v=spf1 -all\"", "\"hello\" \"world\"", #""say \"hi\"; back\\slash" "caf\195\169""#], ttl: 60),
        Capture(question: "_sip._tcp.test. SRV",
                hex: "100785800001000200000000045f736970045f74637004746573740000210001c00c00210001000151800010000a003c13c403736970047465737400c00c002100010001518000110014000013c50473697032047465737400",
                dig: ["10 60 5060 sip.test.", "20 0 5061 sip2.test."], ttl: 86_400),
    ]

    @Test(arguments: captures)
    func eachRecordTypeDecodesAsDigShortPrintsIt(_ capture: Capture) throws {
        let message = try DNSMessage(decoding: Self.bytes(capture.hex))
        #expect(message.answers.map(\.data) == capture.dig)
        #expect(message.answers.allSatisfy { $0.ttl == capture.ttl && $0.recordClass == 1 })
        let question = try #require(message.questions.first)
        #expect("\(question.name) \(question.type)" == capture.question)
        #expect(message.answers.allSatisfy { $0.name == question.name && $0.type == question.type })
        #expect(message.isResponse && message.isAuthoritative && !message.isTruncated)
        #expect(message.responseCode == .noError)
    }

    @Test func cnameChainKeepsTheAliasAndTheAddresses() throws {
        // The CNAME's target is a pointer into the question; the A records' owners point into the CNAME's data.
        let message = try DNSMessage(decoding: Self.bytes(
            "10028580000100030000000005616c69617304746573740000010001c00c0005000100000078000603777777c012c028000100010000012c0004c000020ac028000100010000012c0004c000020b"))
        #expect(message.answers.map(\.data) == ["www.test.", "192.0.2.10", "192.0.2.11"])
        #expect(message.answers.map(\.name) == ["alias.test.", "www.test.", "www.test."])
        #expect(message.answers.map(\.type) == [.cname, .a, .a])
        #expect(message.answers.map(\.ttl) == [120, 300, 300])
    }

    @Test func nxdomainCarriesTheSOAInTheAuthoritySection() throws {
        let message = try DNSMessage(decoding: Self.bytes(
            "100885830001000000010000046e6f706504746573740000010001c0110006000100000e100027036e7331c0110a686f73746d6173746572c01178a3f17500000e1000000258000151800000012c"))
        #expect(message.responseCode == .nxDomain)
        #expect(message.responseCode.name == "NXDOMAIN")
        #expect(message.answers.isEmpty)
        #expect(message.authority == [DNSRecord(name: "test.", type: .soa, ttl: 3600,
                                                data: "ns1.test. hostmaster.test. 2024010101 3600 600 86400 300")])
        #expect(message.isAuthoritative)
    }

    @Test func servfailHasItsCode() throws {
        let message = try DNSMessage(decoding: Self.bytes("10098582000100000000000008736572766661696c04746573740000010001"))
        #expect(message.responseCode == .servFail)
        #expect(message.responseCode.name == "SERVFAIL")
        #expect(message.answers.isEmpty && message.authority.isEmpty)
    }

    @Test func nonAuthoritativeAnswerHasAAClear() throws {
        let message = try DNSMessage(decoding: Self.bytes(
            "100a8180000100010000000006636163686564076578616d706c650000010001c00c000100010000002d0004c6336407"))
        #expect(!message.isAuthoritative)
        #expect(message.recursionAvailable && message.recursionDesired)
        #expect(message.answers == [DNSRecord(name: "cached.example.", type: .a, ttl: 45, data: "198.51.100.7")])
    }

    @Test func ednsExtendsTheResponseCodeAndIsNotARecord() throws {
        // dnslib: a reply with EDNS0(udp_len=4096, ext_rcode=1), i.e. RCODE 16, BADVERS.
        let message = try DNSMessage(decoding: Self.bytes(
            "00078580000100000000000103777777047465737400000100010000291000010000000000"))
        #expect(message.responseCode == DNSResponseCode(rawValue: 16))
        #expect(message.responseCode.name == "BADVERS")
        #expect(message.ednsPayloadSize == 4096)
        #expect(message.additional.isEmpty)
    }

    @Test func queryWithEDNSIsByteForByteWhatDnslibBuilds() throws {
        // dnslib: DNSRecord.question("www.example.com", "AAAA"), id 0xBEEF, add_ar(EDNS0(udp_len=1232)).
        let query = try DNSQuery(id: 0xBEEF, name: "www.example.com", type: .aaaa, recursionDesired: true, ednsPayloadSize: 1232)
        #expect(query.bytes == Self.bytes("beef0100000100000000000103777777076578616d706c6503636f6d00001c000100002904d0000000000000"))
        #expect(query.question == DNSQuestion(name: "www.example.com.", type: .aaaa))
    }

    @Test func queryWithoutRecursionOrEDNSIsByteForByteWhatDnslibBuilds() throws {
        // dnslib: DNSRecord.question("_sip._tcp.example.com.", "SRV"), id 0x0102, rd = 0.
        let query = try DNSQuery(id: 0x0102, name: "_sip._tcp.example.com.", type: .srv, recursionDesired: false, ednsPayloadSize: nil)
        #expect(query.bytes == Self.bytes("010200000001000000000000045f736970045f746370076578616d706c6503636f6d0000210001"))
    }

    @Test func aReplyAnswersItsQueryOnlyWithTheSameIdAndQuestion() throws {
        let query = try DNSQuery(id: 0x1000, name: "WWW.Test", type: .a, recursionDesired: true, ednsPayloadSize: nil)
        let reply = try DNSMessage(decoding: Self.bytes(Self.captures[0].hex))
        #expect(query.isAnswered(by: reply))
        var otherID = reply
        otherID.id = 0x1001
        #expect(!query.isAnswered(by: otherID))
        var otherType = reply
        otherType.questions = [DNSQuestion(name: "www.test.", type: .aaaa)]
        #expect(!query.isAnswered(by: otherType))
        var noQuestion = reply
        noQuestion.questions = []
        #expect(query.isAnswered(by: noQuestion))
        var notAReply = reply
        notAReply.isResponse = false
        #expect(!query.isAnswered(by: notAReply))
    }

    @Test func compressionLoopsAndForwardPointersAreRejected() {
        // Header with one question whose name is a pointer to itself (offset 12).
        let selfLoop = Self.bytes("000181800001000000000000c00c00010001")
        #expect(throws: DNSWireError.self) { try DNSMessage(decoding: selfLoop) }
        // A label, then a pointer back to that label: a two-step loop.
        let twoStep = Self.bytes("000181800001000000000000" + "0161c00c" + "00010001")
        #expect(throws: DNSWireError.self) { try DNSMessage(decoding: twoStep) }
        // A pointer forward, past the name itself.
        let forward = Self.bytes("000181800001000000000000c0120001000100")
        #expect(throws: DNSWireError.self) { try DNSMessage(decoding: forward) }
    }

    @Test func cutMessagesAreRejectedWithTheOffset() throws {
        let whole = Self.bytes(Self.captures[0].hex)
        for length in [0, 5, 11, 20, whole.count - 1] {
            let error = #expect(throws: DNSWireError.self) { try DNSMessage(decoding: Array(whole.prefix(length))) }
            #expect(error?.message.isEmpty == false)
        }
        // An A record whose RDLENGTH says 5.
        var longA = whole
        longA[37] = 5
        #expect(throws: DNSWireError.self) { try DNSMessage(decoding: longA) }
    }

    @Test func overlongNamesAreRejected() {
        // 128 labels of one byte each: 256 bytes on the wire.
        let labels = String(repeating: "0161", count: 128)
        #expect(throws: DNSWireError.self) { try DNSMessage(decoding: Self.bytes("000181800001000000000000" + labels + "0000010001")) }
    }

    @Test func unknownTypesUseTheGenericForm() throws {
        // One answer of TYPE65280 with 3 bytes of data.
        let message = try DNSMessage(decoding: Self.bytes(
            "000181800000000100000000" + "016100" + "ff00" + "0001" + "00000e10" + "0003" + "c0ffee"))
        #expect(message.answers.first?.data == "\\# 3 C0FFEE")
        #expect(message.answers.first?.type.name == "TYPE65280")
    }

    @Test func namesAreEscapedLikeDig() {
        #expect(DNSName.text([Array("a.b".utf8), Array("c d".utf8), [0x07], Array("x".utf8)]) == "a\\.b.c\\032d.\\007.x.")
        #expect(DNSName.text([]) == ".")
    }

    @Test(arguments: [
        ("", "empty"), ("a..b", "empty label"), (String(repeating: "x", count: 64) + ".test", "longer than 63"),
        (Array(repeating: String(repeating: "y", count: 60), count: 5).joined(separator: "."), "longer than 255"),
        ("café.test", "xn--"), ("white space.test", "space"), ("back\\slash.test", "backslash"),
    ])
    func badQueryNamesAreInvalidRequests(name: String, why: String) {
        let failure = #expect(throws: ProbeFailure.self) { try DNSName.wire(name) }
        #expect(failure?.reason == .invalidRequest)
        #expect(failure?.message.contains(why) == true, "\(failure?.message ?? "")")
    }

    @Test func typesAndCodesReadTheirNames() {
        #expect(DNSRecordType(name: "aaaa") == .aaaa)
        #expect(DNSRecordType(name: "CAA")?.rawValue == 257)
        #expect(DNSRecordType(name: "TYPE99")?.rawValue == 99)
        #expect(DNSRecordType(name: "AXFR") == nil)
        #expect(DNSResponseCode(name: "nxdomain") == .nxDomain)
        #expect(DNSResponseCode(name: "REFUSED")?.rawValue == 5)
        #expect(DNSResponseCode(name: "NOPE") == nil)
        #expect(DNSResponseCode(rawValue: 4000).name == "RCODE4000")
    }
}
