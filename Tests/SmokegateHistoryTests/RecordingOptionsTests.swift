import Foundation
import SmokegateHistory
import SmokegateRecording
import Testing

/// The command line's words for history: labels, CI variables, deployments, rollbacks, periods, objectives.
@Suite struct RecordingOptionsTests {
    @Test func labelsFromCIAreOverriddenByTheCommandLine() throws {
        let environment = ["GITHUB_SHA": "", "CI_COMMIT_SHA": "c0ffee", "CI_PIPELINE_ID": "77", "BUILD_TAG": "jenkins-x-1"]
        // An empty variable does not count: GitLab's commit wins over GitHub's empty one.
        #expect(HistoryLabels.fromCI(environment) == ["commit": "c0ffee", "pipeline": "77"])
        #expect(try HistoryLabels.resolve(arguments: ["pipeline=manual", "team=a=b"], environment: environment)
            == ["commit": "c0ffee", "pipeline": "manual", "team": "a=b"])
        #expect(HistoryLabels.fromCI([:]) == [:])
    }

    @Test(arguments: ["novalue", "=x", "a=1 a=2", String(repeating: "k", count: 65) + "=v"])
    func badLabelsAreRefusedNamingTheArgument(_ text: String) {
        #expect(throws: RecordingError.self) { try HistoryLabels.parse(text.split(separator: " ").map(String.init)) }
    }

    @Test func deploymentAndRollbackOptionsGoTogether() throws {
        let id = UUID()
        func parse(deployment: String? = nil, version: String? = nil, rollbackOf: String? = nil, trigger: String? = nil,
                   type: String? = nil, at: String? = nil) throws -> RecordingRequest {
            try RecordingRequest.parse(labels: [], environment: [:], deployment: deployment, version: version, rollbackOf: rollbackOf,
                                       rollbackTrigger: trigger, rollbackType: type, triggeredAt: at, rollbackReason: nil)
        }
        #expect(try parse(deployment: id.uuidString, version: "v2").deployment == .init(id: id, version: "v2"))
        let rollback = try #require(try parse(rollbackOf: id.uuidString, trigger: "p95", type: "full", at: "2026-03-01T12:00:00Z").rollback)
        #expect(rollback.type == .full && rollback.trigger == "p95")
        #expect(rollback.triggeredAt == Date(timeIntervalSince1970: 1_772_366_400))
        #expect(try parse(rollbackOf: id.uuidString, trigger: "p95").rollback?.type == .traffic)
        for bad in [
            { try parse(deployment: id.uuidString) }, { try parse(version: "v2") }, { try parse(deployment: "42", version: "v2") },
            { try parse(rollbackOf: id.uuidString) }, { try parse(trigger: "p95") }, { try parse(rollbackOf: id.uuidString, trigger: "x", type: "dns") },
            { try parse(rollbackOf: id.uuidString, trigger: "x", at: "yesterday") },
            { try parse(deployment: id.uuidString, version: "v2", rollbackOf: id.uuidString, trigger: "x") },
        ] {
            #expect(throws: RecordingError.self) { try bad() }
        }
    }

    @Test func periodsAndObjectives() throws {
        #expect(try HistorySpan.parse("7d", option: "--since") == .seconds(7 * 86_400))
        #expect(try HistorySpan.parse("36h", option: "--since") == .seconds(36 * 3_600))
        #expect(try HistorySpan.parse("2w", option: "--since") == .seconds(14 * 86_400))
        for bad in ["", "7", "d", "-1d", "0h", "1.5d", "7y"] {
            #expect(throws: RecordingError.self) { try HistorySpan.parse(bad, option: "--since") }
        }
        #expect(abs(try HistorySpan.objective("99.9%") - 0.999) < 1e-12)
        #expect(try HistorySpan.objective("0.95") == 0.95)
        for bad in ["100%", "0", "abc", "120"] {
            #expect(throws: RecordingError.self) { try HistorySpan.objective(bad) }
        }
    }

    @Test func usageErrorsExitTwoBeforeTheHistoryIsOpened() async throws {
        let directory = try SmokegateBinary.workspace(["s.yml": "suite: s\nenvironments:\n  e: { base_url: \"http://127.0.0.1:1\" }\nchecks:\n  - name: c\n    http: /\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        for arguments in [
            ["run", "s.yml", "--history", "h.sqlite", "--deployment", UUID().uuidString],
            ["run", "s.yml", "--label", "team=x"],
            ["run", "s.yml", "--history", "mysql://db/x"],
            ["watch", "s.yml", "--history", "h.sqlite", "--rollback-of", UUID().uuidString],
            ["history", "runs"],
            ["history", "runs", "--history", "h.sqlite"],
            ["history", "deployments", "--history", "h.sqlite", "--since", "soon"],
            ["history", "slo", "--history", "h.sqlite", "--objective", "100%"],
            ["history", "export", "--history", "h.sqlite", "--format", "xml"],
        ] {
            let result = try await SmokegateBinary.run(arguments, in: directory, environment: ["SMOKEGATE_HISTORY": ""])
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            // Refused before anything was opened: no history file appears.
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("h.sqlite").path), "\(arguments) opened the history")
        }
    }
}
