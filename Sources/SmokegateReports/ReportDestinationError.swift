/// `html` asked of a destination given no renderer for it: a wiring bug, said plainly rather than an empty file.
public struct ReportDestinationError: Error, CustomStringConvertible {
    private let code: Code

    private enum Code {
        case noPageRenderer
    }

    static let noPageRenderer = ReportDestinationError(code: .noPageRenderer)

    public var description: String {
        switch code {
        case .noPageRenderer: "no HTML renderer was given for --format html"
        }
    }
}
