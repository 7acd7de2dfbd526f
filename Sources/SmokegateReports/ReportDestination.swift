import Foundation
import SmokegateVerdict

/// Where a run's reports go: a directory and the formats to write there.
public struct ReportDestination: Sendable {
    /// Formats a report as one page of HTML (`report.html`).
    public typealias PageRenderer = @Sendable (RunReport) -> String

    public var directory: String
    public var formats: [ReportFormat]
    /// The HTML report's renderer: it lives in SmokegateHTML, which builds on this module, so whoever asks for
    /// `html` passes it in.
    public var page: PageRenderer?

    public init(directory: String, formats: [ReportFormat], page: PageRenderer? = nil) {
        self.directory = directory
        self.formats = formats
        self.page = page
    }

    /// Creates the directory and proves it writable, so a run never probes only to find it cannot report.
    public func prepare() throws(AtomicFile.WriteError) {
        try AtomicFile.createDirectory(directory)
        let probe = path(".smokegate-write-test-\(getpid())")
        try AtomicFile.write([], to: probe)
        unlink(probe)
    }

    /// Writes each format atomically; returns the paths written.
    public func write(_ report: RunReport) throws -> [String] {
        try formats.map { format in
            let bytes = switch format {
            case .junit: try JUnitReport.render(report)
            case .json: try JSONReport.render(report)
            case .markdown: Array(MarkdownReport.render(report).utf8)
            case .html: Array(try renderPage(report).utf8)
            }
            let path = path(format.fileName)
            try AtomicFile.write(bytes, to: path)
            return path
        }
    }

    private func renderPage(_ report: RunReport) throws(ReportDestinationError) -> String {
        guard let page else { throw ReportDestinationError.noPageRenderer }
        return page(report)
    }

    private func path(_ name: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + name
    }
}
