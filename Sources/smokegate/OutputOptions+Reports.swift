import ArgumentParser
import Foundation
import SmokegateCore
import SmokegateHTML
import SmokegateModel
import SmokegateReports
import SmokegateVerdict
import SmokegateVocabulary

extension OutputOptions {
    /// Where the reports go, proven writable before anything is probed (exit 2 if not); nil with `--format none`.
    func prepareReports() throws -> ReportDestination? {
        let formats = try formats()
        guard !formats.isEmpty else { return nil }
        let destination = reportDestination(formats)
        do {
            try destination.prepare()
        } catch {
            FileHandle.standardError.write(Data("smokegate: cannot write reports to \(outDirectory): \(error); nothing was probed\n".utf8))
            throw ExitCode(ExitStatus.usage.code)
        }
        return destination
    }

    /// Writes the final reports and prints the summary (with `--quiet`, only the verdict and its reasons).
    func finish(_ report: RunReport, to destination: ReportDestination?) throws {
        let written: [String]
        do {
            written = try destination?.write(report) ?? []
        } catch {
            // The probes ran but the gate has nothing to read: fail, whatever the verdict was.
            FileHandle.standardError.write(Data("smokegate: cannot write reports to \(outDirectory): \(error)\n".utf8))
            throw ExitCode(ExitStatus.fail.code)
        }
        print(quiet ? ConsoleReport.verdict(report, color: color) : ConsoleReport.render(report, color: color), terminator: "")
        if !written.isEmpty { print("reports: \(written.joined(separator: ", "))") }
        if destination?.formats.contains(.markdown) == true { appendStepSummary(report) }
    }

    /// The report files in `formats`, `report.html` drawn by SmokegateHTML.
    private func reportDestination(_ formats: [ReportFormat]) -> ReportDestination {
        ReportDestination(directory: outDirectory, formats: formats, page: { ReportPage.render($0) })
    }

    /// With `--format markdown` in a GitHub Actions step (`GITHUB_STEP_SUMMARY` names a file), the summary is
    /// appended there too, so the run's page shows it; a summary that cannot be appended is a warning, not a failure.
    private func appendStepSummary(_ report: RunReport) {
        guard let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        let text = MarkdownReport.render(report) + "\n"
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
        }() else {
            FileHandle.standardError.write(Data("smokegate: cannot append the summary to GITHUB_STEP_SUMMARY (\(path))\n".utf8))
            return
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            FileHandle.standardError.write(Data("smokegate: cannot append the summary to GITHUB_STEP_SUMMARY (\(path)): \(error)\n".utf8))
        }
    }

    /// Replaces the reports with ones that say the run could not start (decision `error`, exit code 2), and with
    /// `markdown` appends that to the job summary; a warning, never a second error, when they cannot be written.
    func writeConfigurationErrors(_ problems: [ConfigError], files: [String], tags: [String]) {
        guard let formats = try? formats(), !formats.isEmpty else { return }
        let report = RunReport.configurationError(problems, files: files, tags: tags, toolVersion: SmokegateVersion.current)
        let destination = reportDestination(formats)
        do {
            try destination.prepare()
            _ = try destination.write(report)
        } catch {
            FileHandle.standardError.write(Data("smokegate: cannot write the error reports to \(outDirectory): \(error)\n".utf8))
        }
        // The job summary says why nothing ran, too.
        if formats.contains(.markdown) { appendStepSummary(report) }
    }
}
