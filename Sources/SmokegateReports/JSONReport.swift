import Foundation
import SmokegateVerdict

/// `verdict.json`: the run report as JSON, snake_case, keys sorted so files diff cleanly.
public enum JSONReport {
    public static func render(_ report: RunReport) throws -> [UInt8] {
        try encode(report)
    }

    /// Any report document (the run's verdict, `serve`'s status and verdict) the same way: snake_case keys,
    /// sorted, pretty-printed, with a final newline.
    public static func encode(_ document: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(document)
        data.append(UInt8(ascii: "\n"))
        return Array(data)
    }
}
