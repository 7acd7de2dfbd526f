import Foundation
import SmokegateDocuments
import SmokegateModel
import SmokegateProbes

/// A response as expectations see it, whatever the protocol; the body is decoded lazily and at most once.
struct ResponseView {
    var status: Int
    var headers: [HeaderField]
    var body: [UInt8]
    var latency: Int64
    /// The leaf certificate, for HTTPS and TLS probes.
    var certificate: TLSCertificateFacts?
    /// A TCP or Redis reply as text.
    var reply: String?
    /// PostgreSQL: the first row by column name, the number of rows, and the query's own time (µs).
    var firstRow: [String: String?]?
    var rowCount: Int?
    var queryTime: Int64?
    /// DNS: the reply one server gave.
    var dns: DNSProbeResult?
    /// gRPC health: the serving status reported.
    var servingStatus: GRPCServingStatus?
    /// HTTP: the cookie jar after the response (libcurl's Netscape lines), redirects included.
    var cookies: [String] = []

    private var parsedJSON: Result<JSONValue, JSONParseError>?

    init(status: Int = 0, headers: [HeaderField] = [], body: [UInt8] = [], latency: Int64, certificate: TLSCertificateFacts? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.latency = latency
        self.certificate = certificate
    }

    /// The last value of a header (names compare case-insensitively).
    func header(_ name: String) -> String? {
        headers.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body's charset, as the response declares it (see `BodyCharset.detect`).
    var charset: Result<(charset: BodyCharset, source: BodyCharset.Source), BodyCharset.Unknown> {
        BodyCharset.detect(body: body, contentType: header("Content-Type"))
    }

    /// The body as text, decoded by its declared charset; nil when that charset is one smokegate cannot decode.
    var text: String? {
        guard case .success(let found) = charset else { return nil }
        return found.charset.decode(body)
    }

    mutating func json() -> Result<JSONValue, JSONParseError> {
        if let parsedJSON { return parsedJSON }
        let result = Result { () throws(JSONParseError) -> JSONValue in try JSONValue.parse(body) }
        parsedJSON = result
        return result
    }

    /// The version the response names: a header's value, or a JSON value as plain text.
    mutating func version(from source: VersionSource) -> String? {
        switch source {
        case .header(let name):
            return header(name)
        case .json(let path):
            guard case .success(let root) = json(), let value = path.evaluate(root).first else { return nil }
            return ExpectationEvaluator.plainText(value)
        case .answers:
            return dns?.answerVersion
        }
    }

    /// HTML when the server says so, XML otherwise.
    var markup: MarkupKind {
        (header("Content-Type")?.lowercased().contains("html") ?? false) ? .html : .xml
    }

    /// The start of the body for a failure message: bounded, one line, printable, decoded by its charset (never
    /// mojibake: a body in a charset smokegate cannot decode is described, not quoted).
    var snippet: String {
        switch charset {
        case .success(let found): Self.snippet(found.charset.decode(body))
        case .failure(let unknown): "\(body.count) bytes in charset \"\(Self.snippet(unknown.label, limit: 40))\", not shown"
        }
    }

    static func snippet(_ text: String, limit: Int = 160) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit * 2).map { scalar in
            scalar.properties.generalCategory == .control ? " " : scalar
        }))
        let collapsed = cleaned.split(whereSeparator: { $0 == " " }).joined(separator: " ")
        return collapsed.count > limit ? String(collapsed.prefix(limit)) + "…" : collapsed
    }
}
