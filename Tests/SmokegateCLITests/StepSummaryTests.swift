import Foundation
import Testing

/// A run its configuration stopped still tells the CI job summary why.
@Suite struct StepSummaryTests {
    @Test func configurationErrorsReachTheStepSummary() async throws {
        let workspace = try Workspace(["checks/shop.yml": """
            environments:
              blue: { base_url: "http://127.0.0.1:1" }
            checks:
              - name: "a | <b>"
                http: GET /
                expect: { stauts: 200 }
            """])
        defer { workspace.remove() }
        let summary = workspace.path("step-summary.md")
        let result = try await Binary.run(["run", "checks", "--format", "json,html,markdown"], environment: ["GITHUB_STEP_SUMMARY": summary],
                                          directory: workspace.directory)
        #expect(result.status == 2)
        let appended = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(appended.hasPrefix("## smokegate: ❌ ERROR\n"), "\(appended)")
        #expect(appended.contains("checks/shop.yml:6:15: unknown key 'stauts' in expect; did you mean 'status'?"), "\(appended)")
        #expect(try workspace.read("reports/report.html").contains("unknown key &#39;stauts&#39; in expect"))
    }
}
