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
