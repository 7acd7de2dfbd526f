import Foundation
import SmokegateCurl
import SmokegateModel
import Yams

extension CheckReader {
    /// `query:`, `form:`, `multipart:`, `basic_auth:` and `bearer:`; a form adds its Content-Type, a bearer token its
    /// Authorization header.
    func readRequestExtras(_ fields: [String: Node], headers: inout [HeaderField]) -> RequestExtras {
        var extras = RequestExtras()
        extras.jsonBody = fields["json"] != nil
        let bodies = ["body", "json", "form", "multipart"].filter { fields[$0] != nil }
        if bodies.count > 1, bodies != ["body", "json"], let node = fields[bodies[1]] {
            reader.error("give one body: '\(bodies.joined(separator: "' and '"))' cannot be sent together", at: node)
        }
        let hasContentType = headers.contains { $0.name.caseInsensitiveCompare("Content-Type") == .orderedSame }
        if let node = fields["query"] { extras.query = request { formFields(node, what: "query") } }
        if let node = fields["form"] {
            extras.form = request { formFields(node, what: "form") }
            if !hasContentType { headers.append(HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded")) }
        }
        if let node = fields["multipart"] {
            if hasContentType {
                reader.error("multipart sets its own Content-Type (multipart/form-data with its boundary): remove the Content-Type header", at: node)
            }
            extras.multipart = request { multipartParts(node) }
        }
        let authorization = headers.contains { $0.name.caseInsensitiveCompare("Authorization") == .orderedSame }
        if let node = fields["basic_auth"] {
            if authorization || fields["bearer"] != nil {
                reader.error("basic_auth sends its own Authorization header: remove the other (\(fields["bearer"] != nil ? "bearer" : "an Authorization header"))", at: node)
            }
            extras.basicAuth = request { basicCredentials(node) }
        }
        if let node = fields["bearer"] {
            if authorization { reader.error("bearer sends its own Authorization header: remove the Authorization header", at: node) }
            if let token = request({ reader.string(node, what: "bearer") }) {
                headers.append(HeaderField(name: "Authorization", value: "Bearer \(token)"))
            }
        }
        return extras
    }

    /// A mapping of names to a value or a list of values (a name repeated), order kept.
    private func formFields(_ node: Node, what: String) -> [FormField] {
        guard let mapping = node.mapping else {
            reader.error("\(what) must map names to values, e.g. 'q: kettle', found \(reader.describe(node))", at: node)
            return []
        }
        var fields: [FormField] = []
        for (keyNode, valueNode) in mapping {
            guard let name = keyNode.scalar?.string else {
                reader.error("names in \(what) must be plain values", at: keyNode)
                continue
            }
            if valueNode.sequence != nil {
                fields += reader.stringList(valueNode, what: "\(what) '\(name)'").map { FormField(name: name, value: $0.0) }
            } else if let value = reader.string(valueNode, what: "\(what) '\(name)'") {
                fields.append(FormField(name: name, value: value))
            }
        }
        return fields
    }

    /// `name: text`, or `name: { file: PATH, filename: …, content_type: … }` (the file read now, relative to the suite).
    private func multipartParts(_ node: Node) -> [MultipartPart] {
        guard let mapping = node.mapping else {
            reader.error("multipart must map part names to text or to { file: PATH }, found \(reader.describe(node))", at: node)
            return []
        }
        var parts: [MultipartPart] = []
        for (keyNode, valueNode) in mapping {
            guard let name = keyNode.scalar?.string else {
                reader.error("names in multipart must be plain values", at: keyNode)
                continue
            }
            if valueNode.scalar != nil {
                if let text = reader.string(valueNode, what: "multipart '\(name)'") { parts.append(MultipartPart(name: name, content: .text(text))) }
                continue
            }
            guard let fields = reader.table(valueNode, allowed: ["file", "filename", "content_type"], in: "multipart '\(name)'") else { continue }
            guard let fileNode = fields["file"], let path = SuiteLoader.readPath(fileNode, what: "file", reader: reader, directory: false) else {
                if fields["file"] == nil { reader.error("multipart '\(name)' needs a 'file:' (or give the part as text)", at: valueNode) }
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                reader.error("multipart '\(name)': cannot read \(path)", at: fileNode)
                continue
            }
            let filename = fields["filename"].flatMap { reader.string($0, what: "filename") } ?? URL(fileURLWithPath: path).lastPathComponent
            let type = fields["content_type"].flatMap { reader.string($0, what: "content_type") } ?? "application/octet-stream"
            parts.append(MultipartPart(name: name, content: .file(bytes: Array(data), filename: filename, contentType: type)))
        }
        return parts
    }

    /// `basic_auth: { user: probe, password: "${env:PASSWORD}" }`, or `"user:password"`.
    private func basicCredentials(_ node: Node) -> HTTPBasicCredentials? {
        if node.scalar != nil {
            guard let text = reader.string(node, what: "basic_auth") else { return nil }
            guard let colon = text.firstIndex(of: ":") else {
                reader.error("basic_auth is 'USER:PASSWORD' or { user: …, password: … }", at: node)
                return nil
            }
            return HTTPBasicCredentials(user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
        }
        guard let fields = reader.table(node, allowed: ["user", "password"], in: "basic_auth") else { return nil }
        guard let userNode = fields["user"], let user = reader.string(userNode, what: "basic_auth user") else {
            if fields["user"] == nil { reader.error("basic_auth needs a 'user:'", at: node) }
            return nil
        }
        let password = fields["password"].flatMap { reader.string($0, what: "basic_auth password") } ?? ""
        return HTTPBasicCredentials(user: user, password: password)
    }

    /// `http_version: 1.1` or `2`.
    func readHTTPVersion(_ node: Node, what: String) -> HTTPVersionRequirement? {
        guard let text = reader.string(node, what: what) else { return nil }
        switch text.trimmingCharacters(in: .whitespaces) {
        case "1.1": return .http1_1
        case "2", "2.0": return .http2
        default:
            reader.error("http_version must be 1.1 or 2, found '\(node.scalar?.string ?? text)'", at: node)
            return nil
        }
    }
}
