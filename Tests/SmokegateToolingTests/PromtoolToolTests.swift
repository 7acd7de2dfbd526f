import SmokegateTestTools
import Testing

/// The promtool wrapper: promtool's own verdict, exit code and words.
@Suite struct PromtoolToolTests {
    @Test func acceptsValidExpositionText() async throws {
        let text = """
            # HELP smokegate_checks_total Checks run.
            # TYPE smokegate_checks_total counter
            smokegate_checks_total{environment="blue",result="passed"} 12
            # HELP smokegate_latency_seconds Probe latency.
            # TYPE smokegate_latency_seconds histogram
            smokegate_latency_seconds_bucket{le="0.1"} 3
            smokegate_latency_seconds_bucket{le="+Inf"} 4
            smokegate_latency_seconds_sum 0.5
            smokegate_latency_seconds_count 4

            """
        guard let verdict = try await TestTools.ifAvailable({ try await Promtool.checkMetrics(text) }) else { return }
        #expect(verdict.ok, "\(verdict.output)")
        #expect(verdict.exitCode == 0)
        #expect(verdict.output.isEmpty)
    }

    @Test func rejectsUnparsableTextAndSaysWhere() async throws {
        let text = "# HELP smokegate_up Up.\n# TYPE smokegate_up gauge\nsmokegate_up{check=\"a\" 1\n"
        guard let verdict = try await TestTools.ifAvailable({ try await Promtool.checkMetrics(text) }) else { return }
        #expect(!verdict.ok)
        #expect(verdict.exitCode == 1)
        #expect(verdict.output.contains("text format parsing error in line 3"), "\(verdict.output)")
    }

    @Test func reportsLintProblems() async throws {
        guard let verdict = try await TestTools.ifAvailable({ try await Promtool.checkMetrics("smokegate_up 1\n") }) else { return }
        #expect(!verdict.ok)
        #expect(verdict.exitCode == 3)
        #expect(verdict.output.contains("smokegate_up no help text"), "\(verdict.output)")
    }
}
