import Foundation
import SmokegateCurl
import SmokegateModel
import SmokegateVocabulary

/// Turns a check's HTTP spec into the transfer libcurl performs: captured values rendered where the spec refers to
/// them, `query:` appended, `form:` and `multipart:` bodies encoded, TLS and version settings applied.
enum HTTPRequestBuilder {
    /// The request, or the failure of a spec that refers to a value nobody captured (a chain that did not run).
    enum Built {
        case request(HTTPTransferRequest)
        case unusable(Failure)
    }

    /// `usesCookies` switches libcurl's cookie engine on: for redirects, a jar handed on or in, cookie expectations.
    static func build(_ spec: HTTPProbeSpec, input: ChainInput, captureCertificate: Bool, usesCookies: Bool) -> Built {
        do throws(CaptureMarkers.Missing) {
            let values = input.values
            func render(_ text: String, _ encode: (String) -> String = { $0 }) throws(CaptureMarkers.Missing) -> String {
                try CaptureMarkers.render(text, values: values, encode: encode).get()
            }
            var url = try render(spec.url, QueryEncoding.url)
            if !spec.query.isEmpty {
                var fields: [String] = []
                for field in spec.query {
                    fields.append("\(QueryEncoding.component(try render(field.name)))=\(QueryEncoding.component(try render(field.value)))")
                }
                url += (url.contains("?") ? "&" : "?") + fields.joined(separator: "&")
            }
            var headers: [(name: String, value: String)] = []
            for header in spec.headers { headers.append((header.name, try render(header.value))) }
            var body: [UInt8]?
            if let raw = spec.body {
                // A marker's UTF-8 starts with 0xF3: most bodies are not decoded at all.
                let text = raw.contains(0xF3) ? String(decoding: raw, as: UTF8.self) : ""
                body = CaptureMarkers.contains(text) ? Array(try render(text, spec.jsonBody ? QueryEncoding.jsonString : { $0 }).utf8) : raw
            }
            if let form = spec.form {
                var fields: [String] = []
                for field in form { fields.append("\(QueryEncoding.form(try render(field.name)))=\(QueryEncoding.form(try render(field.value)))") }
                body = Array(fields.joined(separator: "&").utf8)
            }
            if let parts = spec.multipart {
                let boundary = "smokegate-" + UUID().uuidString.lowercased()
                headers.append(("Content-Type", "multipart/form-data; boundary=\(boundary)"))
                body = try multipartBody(parts, boundary: boundary, render: { text throws(CaptureMarkers.Missing) in try render(text) })
            }
            let basicAuth = try spec.basicAuth.map { credentials throws(CaptureMarkers.Missing) in
                HTTPBasicCredentials(user: try render(credentials.user), password: try render(credentials.password))
            }
            let version: HTTPVersionPreference = switch spec.httpVersion {
            case .http1_1?: .http1_1
            case .http2?: .http2WithUpgrade
            case nil: .http2
            }
            return .request(HTTPTransferRequest(
                method: spec.method, url: url, headers: headers, body: body,
                connectTimeout: spec.connectTimeout, totalTimeout: spec.timeout,
                followRedirects: spec.followRedirects, maxRedirects: spec.maxRedirects,
                insecure: spec.insecure, connectTo: spec.connectTo, bodyCap: spec.maxBody,
                reuseConnections: spec.reuseConnections, captureCertificate: captureCertificate,
                proxy: spec.proxy.map { HTTPProxy(url: $0.url, label: $0.label) },
                caFile: spec.tls.caFile, httpVersion: version, caPath: spec.tls.caPath,
                clientCertificate: spec.tls.clientIdentity, tlsMinimumVersion: spec.tls.minimumVersion,
                basicAuth: basicAuth, cookies: usesCookies ? input.cookies : nil))
        } catch {
            return .unusable(Failure(reason: .capture, message: "captured value '\(error.name)' has no value: "
                + "the check that captures it did not pass before this one (only smokegate run passes captured values on)"))
        }
    }

    /// `multipart/form-data` (RFC 7578): each part with its name, files with their filename and type.
    private static func multipartBody(_ parts: [MultipartPart], boundary: String,
                                      render: (String) throws(CaptureMarkers.Missing) -> String) throws(CaptureMarkers.Missing) -> [UInt8] {
        // A quote or line break in a name would end the header parameter early; browsers escape them the same way.
        func quoted(_ text: String) -> String {
            text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        var body: [UInt8] = []
        for part in parts {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(quoted(part.name))\"".utf8)
            switch part.content {
            case .text(let text):
                body += Array("\r\n\r\n\(try render(text))\r\n".utf8)
            case .file(let bytes, let filename, let contentType):
                body += Array("; filename=\"\(quoted(filename))\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8) + bytes + Array("\r\n".utf8)
            }
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return body
    }
}
