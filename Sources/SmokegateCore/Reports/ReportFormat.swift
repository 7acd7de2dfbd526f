/// The report files a run can write.
public enum ReportFormat: String, Sendable, CaseIterable {
    case junit, json

    public var fileName: String {
        switch self {
        case .junit: "junit.xml"
        case .json: "verdict.json"
        }
    }
}

import Foundation

/// Writes the chosen report files for a run report.
public enum ReportWriter {
    /// Creates `directory` and proves it writable, so a run never probes only to find it cannot report.
    public static func prepare(_ directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.createDirectory(directory)
        let probe = (directory.hasSuffix("/") ? directory : directory + "/") + ".smokegate-write-test-\(getpid())"
        try AtomicFile.write([], to: probe)
        unlink(probe)
    }

    /// Writes each format atomically into `directory`; returns the paths written.
    public static func write(_ report: RunReport, formats: [ReportFormat], to directory: String) throws -> [String] {
        var written: [String] = []
        for format in formats {
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + format.fileName
            let bytes = switch format {
            case .junit: try JUnitReport.render(report)
            case .json: try JSONReport.render(report)
            }
            try AtomicFile.write(bytes, to: path)
            written.append(path)
        }
        return written
    }
}
