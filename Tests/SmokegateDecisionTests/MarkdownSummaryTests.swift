import Foundation
import SmokegateReports
@testable import SmokegateVerdict
import SmokegateVocabulary
import Testing

/// `summary.md` as GitHub shows it: rendered by cmark-gfm (GitHub's Markdown, Debian's `cmark-gfm`, which the
/// Makefile installs) with the table extension, its tables must come out as `<table>`s with a row per entry and
/// every row's cells; names that try to break the table or inject HTML show as text; a huge suite stays under
/// GitHub's 1 MiB step-summary limit, its lists cut with a count.
@Suite struct MarkdownSummaryTests {
    /// The HTML cmark-gfm makes of `markdown`, raw HTML let through (`--unsafe`) so an escaping slip would show.
    static func githubHTML(_ markdown: String) throws -> String {
        let tool = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(tool, "cmark-gfm is missing: `make test-deps` installs it (Debian package cmark-gfm)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--extension", "table", "--extension", "strikethrough", "--extension", "autolink", "--unsafe"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Written from another thread: a large document would fill the pipe before the tool's output is read.
        let data = Data(markdown.utf8)
        let writer = Thread { input.fileHandleForWriting.write(data); try? input.fileHandleForWriting.close() }
        writer.start()
        let html = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: html, as: UTF8.self)
    }

    /// Each `<table>`'s rows, each row's cells' text (tags removed, entities kept).
    static func tables(_ html: String) -> [[[String]]] {
        html.components(separatedBy: "<table>").dropFirst().map { table in
            let body = table.components(separatedBy: "</table>")[0]
            return body.components(separatedBy: "<tr>").dropFirst().map { row in
                let row = row.components(separatedBy: "</tr>")[0]
                return row.components(separatedBy: "<t").dropFirst().compactMap { cell -> String? in
                    guard cell.hasPrefix("d") || cell.hasPrefix("h") else { return nil }
                    guard let open = cell.firstIndex(of: ">") else { return nil }
                    let text = cell[cell.index(after: open)...].components(separatedBy: "</t")[0]
                    return text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
                }
            }
        }
    }

    @Test func comparisonSummaryRendersAsTables() async throws {
        let run = try await SyntheticRun(checks: 12, samples: 30)
        // Check 3 is slower in green, check 5 fails there.
        let report = run.report({ check, environment, sample in
            Int64(10_000 + sample * 300) * (check == 3 && environment == "green" ? 3 : 1)
        }, failed: { check, environment, sample in check == 5 && environment == "green" && sample % 2 == 0 })
        let markdown = MarkdownReport.render(report)
        #expect(markdown.hasPrefix("## smokegate: ❌ ROLLBACK\n"))
        let html = try Self.githubHTML(markdown)
        let tables = Self.tables(html)
        let failing = report.checks.flatMap { check in check.results.filter { $0.status == .fail }.map { _ in check.name } }
        #expect(tables.count == 2, "failing checks and the comparison: \(html)")
        #expect(tables.first?.count == failing.count + 1)
        #expect(tables.first?.dropFirst().allSatisfy { $0.count == 7 } == true)
        let comparisons = try #require(tables.last)
        #expect(comparisons.count == 12 + 1)
        #expect(comparisons.allSatisfy { $0.count == 7 })
        #expect(comparisons[0] == ["Check", "Metric", "blue", "green", "Δ", "p", "Decision"])
        // What decided first: the regressions.
        let worse = report.comparisons?.filter { $0.decision == .fail }.map { "\($0.suite)/\($0.check)" } ?? []
        #expect(!worse.isEmpty)
        #expect(Array(comparisons.dropFirst().prefix(worse.count).map { $0[0] }) == worse)
        #expect(html.contains("<li>") && report.reasons.allSatisfy { reason in html.contains(reason.prefix(20).replacingOccurrences(of: "<", with: "&lt;")) })
    }

    @Test func hostileNamesStayInTheirCells() async throws {
        let names = ["<script>alert(1)</script>", "a | b | c", "`code` and **bold**", "\"onload=x", "- [x] list", "1. first", "# heading", "a\\|b"]
        var yaml = SyntheticRun.blueAndGreen + "checks:\n"
        for name in names { yaml += "  - { name: '\(name.replacingOccurrences(of: "'", with: "''"))', samples: 3, http: GET / }\n" }
        let run = try await SyntheticRun(yaml: yaml)
        let report = run.report({ _, _, _ in 5_000 }, failed: { _, _, _ in true })
        let html = try Self.githubHTML(MarkdownReport.render(report))
        #expect(!html.contains("<script"), "\(html)")
        #expect(!html.contains("<code>") && !html.contains("<strong>") && !html.contains("<h1>") && !html.contains("<ol>"), "\(html)")
        let table = try #require(Self.tables(html).first)
        #expect(table.count == names.count * 2 + 1)
        #expect(table.allSatisfy { $0.count == 7 }, "\(table)")
        // Cell text as the browser shows it, entities decoded: the names exactly.
        func decoded(_ text: String) -> String {
            text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        }
        let shown = Set(table.dropFirst().map { decoded($0[0]) })
        #expect(shown == Set(names.map { "\(report.checks[0].suite)/\($0)" }), "\(shown)")
    }

    @Test func hugeSuiteStaysUnderGitHubsLimit() async throws {
        let run = try await SyntheticRun(checks: 1200, samples: 2)
        let long = String(repeating: "<b>|`x`|</b> ", count: 400)
        let report = run.report({ _, _, sample in Int64(1000 + sample) }, failed: { _, _, _ in true })
        var hostile = report
        for index in hostile.checks.indices {
            hostile.checks[index].name = String(repeating: "<|`&", count: 100) + "\(index)"
            for result in hostile.checks[index].results.indices { hostile.checks[index].results[result].message = long }
        }
        hostile.reasons = hostile.reasons.map { _ in long }
        let markdown = MarkdownReport.render(hostile)
        #expect(markdown.utf8.count < 1_048_576)
        #expect(markdown.utf8.count <= MarkdownReport.byteLimit)
        #expect(markdown.contains("… and "), "long lists are cut with a count")
        let html = try Self.githubHTML(markdown)
        for table in Self.tables(html) {
            #expect(table.count > 1 && table.count <= MarkdownReport.rowLimit + 1)
            #expect(Set(table.map(\.count)).count == 1, "every row as wide as the header")
        }
        #expect(!html.contains("<b>"))
    }

    @Test func watchSummaryShowsHostileVersionsAsText() async throws {
        let old = "1.4.2 <script>alert(1)</script>", new = "1.5.0 | \"onload=x `y`"
        var watch = try await HandFoldedWatch(environments: ["route", "green"], versioned: true)
        watch.probes("....xxx.....", target: 0, versions: [old, old, old, old, nil, nil, nil, new, new, new, new, new])
        watch.probes("............", target: 1, versions: Array(repeating: new, count: 12))
        watch.at(1200)
        let report = watch.report()
        let html = try Self.githubHTML(MarkdownReport.render(report))
        #expect(!html.contains("<script"), "\(html)")
        #expect(!html.contains("<code>"), "\(html)")
        let table = try #require(Self.tables(html).last)
        #expect(table.count == 3 && table.allSatisfy { $0.count == 8 }, "\(table)")
        #expect(table[0] == ["Target", "Env", "State", "Windows", "Down", "Longest", "Availability", "Cutover"])
        // The target with downtime first; its cutover names both versions as written.
        #expect(table[1][1] == "route" && table[1][3] == "1")
        let cutover = table[1][7].replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
        #expect(cutover.hasPrefix("\(old) → \(new) at +"), "\(cutover)")
    }
}
