@testable import SmokegateProbes
import Testing

/// The texts TCP probe messages are made of.
struct TCPTextTests {
    @Test func receivedTextIsQuotedEscapedAndBounded() {
        #expect(TCPText.receivedSummary([]) == "nothing received")
        #expect(TCPText.receivedSummary(Array("A".utf8)) == #"received 1 byte: "A""#)
        #expect(TCPText.quoted(Array("a\"b\\c\r\n\t\u{0}\u{1b}".utf8)) == #""a\"b\\c\r\n\t\u{0}\u{1b}""#)
        #expect(TCPText.quoted(Array(repeating: UInt8(ascii: "x"), count: 10), limit: 4) == "\"xxxx…\"")
        #expect(TCPText.quoted([0xFF, 0x41]) == "\"\u{FFFD}A\"")
    }

    @Test(arguments: [
        (Duration.milliseconds(250), "250ms"), (.seconds(2), "2s"), (.milliseconds(1500), "1.5s"),
        (.microseconds(500), "0.5ms"),
    ])
    func durationsReadLikeTheConfiguration(duration: Duration, text: String) {
        #expect(TCPText.duration(duration) == text)
    }

    @Test func microsecondsSaturate() {
        #expect(TCPText.microseconds(.seconds(3)) == 3_000_000)
        #expect(TCPText.microseconds(.seconds(Int64.max)) == .max)
        #expect(TCPText.timeAmount(.milliseconds(2)).nanoseconds == 2_000_000)
    }
}
