import Foundation
import SmokegateVocabulary
import Testing

/// The words every report is made of: each has one spelling on the wire, and the wire spelling reads back.
@Suite struct VocabularyTests {
    @Test func failureReasonsRoundTripThroughTheirCodes() {
        let codes = FailureReason.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count, "two reasons share a code")
        // snake_case, or a gRPC status as gRPC names it (upper case).
        #expect(codes.allSatisfy { $0.range(of: "^([a-z][a-z0-9_]*|[A-Z][A-Z_]*)$", options: .regularExpression) != nil }, "\(codes)")
        for reason in FailureReason.allCases { #expect(FailureReason(rawValue: reason.rawValue) == reason) }
        #expect(FailureReason.connectionRefused.rawValue == "connection_refused")
        #expect(FailureReason.authentication.rawValue == "auth")
        #expect(FailureReason(rawValue: "nope") == nil)
    }

    @Test func reportsCarryTheWireSpellings() throws {
        struct Sample: Encodable {
            var reason: FailureReason
            var byReason: [FailureReason: Int]
            var status: CheckStatus
            var byStatus: [CheckStatus: Int]
            var decision: Decision
            var comparison: ComparisonDecision
            var exit: SmokegateVocabulary.ExitStatus
            var interruption: Interruption
            var end: WatchEnd
            var target: TargetStatus
        }
        let sample = Sample(reason: .tlsCertificateExpired, byReason: [.status: 2], status: .notRun, byStatus: [.flaky: 1], decision: .rollback,
                            comparison: .inconclusive, exit: .hold, interruption: .sigterm, end: .until, target: .down)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(sample), as: UTF8.self)
        #expect(text == #"{"byReason":{"status":2},"byStatus":{"flaky":1},"comparison":"inconclusive","decision":"rollback","end":"until","exit":3,"#
            + #""interruption":"SIGTERM","reason":"tls_certificate_expired","status":"not_run","target":"down"}"#)
    }

    @Test func everyExitCodeHasOneMeaningAndTheHelpListsThemAll() {
        let codes = SmokegateVocabulary.ExitStatus.allCases.map(\.code)
        #expect(codes == [0, 1, 2, 3, 4, 130, 143])
        for status in SmokegateVocabulary.ExitStatus.allCases {
            #expect(SmokegateVocabulary.ExitStatus(code: status.code) == status)
            #expect(SmokegateVocabulary.ExitStatus.summary.contains("\(status.code) \(status.meaning)"))
        }
        #expect(SmokegateVocabulary.ExitStatus(code: 64) == nil)
        #expect(Interruption.sigint.exitStatus == .sigint && Interruption.deadline.exitStatus == .deadline)
    }

    @Test func anInterruptionIsTheDeadlineWhenItFiredElseTheSignal() {
        #expect(Interruption.resolve(cutShort: false, deadlinePassed: true, signal: .sigterm) == nil)
        #expect(Interruption.resolve(cutShort: true, deadlinePassed: true, signal: .sigterm) == .deadline)
        #expect(Interruption.resolve(cutShort: true, deadlinePassed: false, signal: .sigterm) == .sigterm)
        #expect(Interruption.resolve(cutShort: true, deadlinePassed: false, signal: nil) == .sigint)
    }
}
