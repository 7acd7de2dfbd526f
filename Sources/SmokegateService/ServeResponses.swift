import Hummingbird
import NIOCore
import SmokegateReports

/// How the endpoints answer: JSON documents as the run reports write them, plain text, the metrics' media type.
enum ServeResponses {
    /// The Prometheus text exposition format, version 0.0.4.
    static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// `document` as JSON (snake_case keys, sorted), or 500 if it cannot be encoded.
    static func json(_ document: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        guard let bytes = try? JSONReport.encode(document) else {
            return text("cannot encode the response\n", status: .internalServerError)
        }
        return bytesResponse(bytes, contentType: "application/json; charset=utf-8", status: status)
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        bytesResponse(Array(text.utf8), contentType: "text/plain; charset=utf-8", status: status)
    }

    static func html(_ html: String) -> Response {
        bytesResponse(Array(html.utf8), contentType: "text/html; charset=utf-8", status: .ok)
    }

    static func bytesResponse(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: headers(contentType), body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A 200 whose body `produce` writes a chunk at a time, sent as it comes (chunked transfer encoding): a large
    /// body is never held whole, neither by its writer nor here.
    static func chunkedResponse(contentType: String,
                                _ produce: @escaping @Sendable (_ write: ([UInt8]) async throws -> Void) async throws -> Void) -> Response {
        let body = ResponseBody { writer in
            try await produce { chunk in
                if !chunk.isEmpty { try await writer.write(ByteBuffer(bytes: chunk)) }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers(contentType), body: body)
    }

    private static func headers(_ contentType: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        // Every answer describes this moment: a cache in between must not serve an old state as the current one.
        headers[.cacheControl] = "no-store"
        return headers
    }

    /// `{"error": "..."}` with `status`.
    static func problem(_ message: String, status: HTTPResponse.Status) -> Response {
        json(["error": message], status: status)
    }
}
