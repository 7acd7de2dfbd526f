import Foundation

/// One HTTP exchange as curl saw it: the status (0 when nothing answered), the headers, the body.
public struct HTTPAnswer: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: String
    /// curl's complaint when nothing answered (connection refused…).
    public var error: String

    /// The first header of that name, any case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as a JSON object; empty when it is not one.
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }
}

extension Curl {
    /// `METHOD url` with `headers`, through the curl tool: a real client, no connection reused between calls.
    public static func request(_ url: String, method: String = "GET", headers: [String: String] = [:],
                               timeout: Duration = .seconds(20)) async throws -> HTTPAnswer {
        var arguments = ["--silent", "--show-error", "--include", "--request", method, "--max-time", TestTools.seconds(timeout)]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["--header", "\(name): \(value)"] }
        let result = try await run(arguments + [url], timeout: timeout + .seconds(10))
        guard result.status == 0 else { return HTTPAnswer(status: 0, headers: [], body: "", error: result.stderr) }
        let text = result.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        let (head, body) = text.range(of: "\n\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) } ?? (text, "")
        let lines = head.split(separator: "\n")
        let status = lines.first.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return HTTPAnswer(status: status, headers: headers, body: body, error: "")
    }
}
