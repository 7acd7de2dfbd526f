import ArgumentParser
import Foundation
import SmokegateCore

extension OutputOptions {
    /// The formats to write, with the report directory proven writable before anything is probed (exit 2 if not).
    func prepareReports() throws -> [ReportFormat] {
        let formats = try formats()
        guard !formats.isEmpty else { return formats }
        do {
            try ReportWriter.prepare(outDirectory)
        } catch {
            FileHandle.standardError.write(Data("smokegate: cannot write reports to \(outDirectory): \(error.localizedDescription); nothing was probed\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
        return formats
    }

    /// Writes the final reports and prints the summary (or only the verdict line with `--quiet`).
    func finish(_ report: RunReport, formats: [ReportFormat]) throws {
        let written: [String]
        do {
            written = try ReportWriter.write(report, formats: formats, to: outDirectory)
        } catch {
            // The probes ran but the gate has nothing to read: fail, whatever the verdict was.
            FileHandle.standardError.write(Data("smokegate: cannot write reports to \(outDirectory): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let console = ConsoleReport.render(report, color: color)
        if quiet {
            print(console.split(separator: "\n").last(where: { $0.contains("VERDICT") }).map(String.init) ?? report.decision)
        } else {
            print(console, terminator: "")
        }
        if !written.isEmpty { print("reports: \(written.joined(separator: ", "))") }
    }
}
