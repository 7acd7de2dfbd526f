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

/// Writes the chosen report files for a run report.
public enum ReportWriter {
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
