/// The report files a run can write.
public enum ReportFormat: String, Sendable, CaseIterable {
    case junit, json, html, markdown

    public var fileName: String {
        switch self {
        case .junit: "junit.xml"
        case .json: "verdict.json"
        case .html: "report.html"
        case .markdown: "summary.md"
        }
    }
}
