@testable import SmokegateProbes
import SmokegateVocabulary
import Testing

/// gRPC's framing and the two health messages, against bytes from the reference implementation: Python's
/// protobuf 7.36 serializing grpcio-health-checking 1.85's generated `health_pb2` classes.
@Suite struct GRPCWireTests {
    @Test func requestsAreWhatProtobufWrites() {
        #expect(GRPCHealthProtobuf.request(service: "") == [])
        #expect(GRPCHealthProtobuf.request(service: "shop.Cart") == DNSMessageTests.bytes("0a0973686f702e43617274"))
        // 200 bytes: the length is a two-byte varint (0xc8 0x01).
        #expect(GRPCHealthProtobuf.request(service: String(repeating: "x", count: 200)).prefix(3) == [0x0A, 0xC8, 0x01])
    }

    @Test(arguments: [("", 0), ("0801", 1), ("0802", 2), ("0803", 3), ("08ffffffffffffffffff01", -1)])
    func responsesReadAsProtobufReadsThem(hex: String, status: Int) throws {
        #expect(try GRPCHealthProtobuf.servingStatus(from: DNSMessageTests.bytes(hex)) == GRPCServingStatus(rawValue: status))
    }

    @Test func unknownFieldsAreSkippedAndTheLastStatusWins() throws {
        // field 2 varint 150, field 3 bytes "ab", field 4 fixed32, field 5 fixed64, then status 2, then status 1.
        let bytes = DNSMessageTests.bytes("109601" + "1a026162" + "2501020304" + "290102030405060708" + "0802" + "0801")
        #expect(try GRPCHealthProtobuf.servingStatus(from: bytes) == .serving)
    }

    @Test(arguments: ["08", "0880", "0a0208", "1a05ab", "0b", "00", "08ffffffffffffffffff7f", "2501"])
    func brokenResponsesAreRejected(hex: String) {
        #expect(throws: GRPCHealthProtobuf.DecodingError.self) {
            try GRPCHealthProtobuf.servingStatus(from: DNSMessageTests.bytes(hex))
        }
    }

    @Test func framingPrefixesTheLength() throws {
        #expect(GRPCMessageFraming.frame([0x08, 0x01]) == [0, 0, 0, 0, 2, 0x08, 0x01])
        #expect(GRPCMessageFraming.frame([UInt8](repeating: 7, count: 300)).prefix(5) == [0, 0, 0, 1, 44])
        #expect(try GRPCMessageFraming.singleMessage(in: [0, 0, 0, 0, 2, 0x08, 0x01]) == [0x08, 0x01])
        #expect(try GRPCMessageFraming.singleMessage(in: [0, 0, 0, 0, 0]) == [])
    }

    @Test(arguments: [
        ([UInt8](), "no message"), ([0, 0, 0], "shorter than a message prefix"), ([1, 0, 0, 0, 1, 0], "compressed"),
        ([0, 0, 0, 0, 3, 8, 1], "says 3 bytes"), ([0, 0, 0, 0, 1, 8, 1], "follow the response message"),
    ])
    func badFramesSayWhy(body: [UInt8], why: String) {
        let error = #expect(throws: GRPCMessageFraming.DecodingError.self) { try GRPCMessageFraming.singleMessage(in: body) }
        #expect(error?.message.contains(why) == true, "\(error?.message ?? "")")
    }

    @Test(arguments: [
        (Duration.seconds(5), "5000000u"), (.milliseconds(250), "250000u"), (.nanoseconds(1), "1n"), (.seconds(100), "100000m"),
        (.seconds(200_000), "200000S"), (.milliseconds(1_500_001), "1500001m"), (.seconds(100_000_000 * 60), "1666667H"),
    ])
    func timeoutHeaderHasAtMostEightDigitsRoundedUp(deadline: Duration, expected: String) {
        #expect(GRPCHealthProbe.timeoutHeader(deadline) == expected)
    }

    @Test func grpcMessagesArePercentDecoded() {
        #expect(GRPCHealthProbe.percentDecoded("Method%20not%20found%21") == "Method not found!")
        #expect(GRPCHealthProbe.percentDecoded("caf%C3%A9 100%") == "café 100%")
        #expect(GRPCHealthProbe.percentDecoded("%zz") == "%zz")
    }

    @Test func statusNamesAreGRPCs() {
        #expect(GRPCStatusCode.unavailable.name == "UNAVAILABLE")
        #expect(GRPCStatusCode(name: "deadline_exceeded") == .deadlineExceeded)
        #expect(GRPCStatusCode.unauthenticated.rawValue == 16)
        #expect(GRPCStatusCode(rawValue: 42).name == "CODE_42")
        #expect(GRPCServingStatus(name: "not_serving") == .notServing)
        #expect(GRPCServingStatus.serviceUnknown.name == "SERVICE_UNKNOWN")
        #expect(FailureReason.grpcStatus(.unimplemented).rawValue == "UNIMPLEMENTED")
    }
}
