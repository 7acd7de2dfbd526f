import Foundation
import SmokegateVerdict

/// Where a run's reports go: a directory and the formats to write there.
public struct ReportDestination: Sendable {
    public var directory: String
    public var formats: [ReportFormat]

    public init(directory: String, formats: [ReportFormat]) {
        self.directory = directory
        self.formats = formats
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
            }
            let path = path(format.fileName)
            try AtomicFile.write(bytes, to: path)
            return path
        }
    }

    private func path(_ name: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + name
    }
}
