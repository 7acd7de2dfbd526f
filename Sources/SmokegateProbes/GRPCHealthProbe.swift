import SmokegateVocabulary
import SmokegateCurl

/// A gRPC health check: one unary `grpc.health.v1.Health/Check` call over libcurl's HTTP/2.
///
/// Plaintext servers get HTTP/2 with prior knowledge (h2c, no upgrade), TLS servers HTTP/2 through ALPN, with the
/// same verification options as HTTP checks. The call's deadline bounds everything and goes to the server as
/// `grpc-timeout`. A call that ends with grpc-status OK is a result whatever the serving status; any other
/// status fails the probe with the status's name as the reason (`UNAVAILABLE`, `UNIMPLEMENTED`, `NOT_FOUND`…),
/// as does an unanswered deadline (`DEADLINE_EXCEEDED`). A server that is not gRPC fails with `not_grpc`; one
/// that could not be reached with the transport's reason (`connection_refused`, `tls_certificate_untrusted`…).
public enum GRPCHealthProbe {
    /// The method's path.
    static let checkPath = "/grpc.health.v1.Health/Check"
    /// libcurl's CURLE_HTTP2_STREAM: the stream was reset, or closed while the request body was still to be sent.
    static let curlHTTP2StreamError: Int32 = 92
    /// A health response is a few bytes; anything near this is not one.
    static let bodyCap = 64 * 1024

    /// Calls Check on `engine`; throws `ProbeFailure` (never another error, except `CancellationError`).
    public static func run(_ request: GRPCHealthProbeRequest, engine: CurlEngine) async throws -> GRPCHealthProbeResult {
        let base = try validate(request)
        let target = "gRPC server \(base)"
        let transfer = HTTPTransferRequest(
            method: "POST",
            url: base + checkPath,
            headers: headers(for: request),
            body: GRPCMessageFraming.frame(GRPCHealthProtobuf.request(service: request.service)),
            connectTimeout: min(request.connectTimeout, request.deadline),
            totalTimeout: request.deadline,
            followRedirects: .never,
            insecure: request.insecure,
            connectTo: request.connectTo,
            bodyCap: bodyCap,
            reuseConnections: false,
            captureCertificate: request.captureCertificate,
            caFile: request.caFile,
            httpVersion: base.lowercased().hasPrefix("https://") ? .http2 : .http2PriorKnowledge,
            caPath: request.caPath,
            clientCertificate: request.clientCertificate,
            tlsMinimumVersion: request.tlsMinimumVersion
        )
        let response: HTTPTransferResponse
        do {
            response = try await engine.perform(transfer)
        } catch let error as HTTPTransferError {
            throw transportFailure(error, request: request, target: target)
        }
        do {
            return try judge(response, request: request, target: target)
        } catch var failure {
            failure.message = scrubbed(failure.message, request: request)
            failure.elapsedMicroseconds = response.timings.total
            throw failure
        }
    }

    /// The request headers: gRPC's own, then the metadata.
    static func headers(for request: GRPCHealthProbeRequest) -> [(name: String, value: String)] {
        [("content-type", "application/grpc"), ("te", "trailers"), ("grpc-timeout", timeoutHeader(request.deadline))]
            + request.metadata.map { (name: $0.name.lowercased(), value: $0.value) }
    }

    /// `grpc-timeout`'s value: at most eight digits and a unit (PROTOCOL-HTTP2.md), in the finest unit that fits,
    /// rounded up so the server never gives up before the client.
    static func timeoutHeader(_ deadline: Duration) -> String {
        let nanoseconds = max(1, RedisPostgresConnector.nanoseconds(deadline))
        for (unit, size) in [("n", Int64(1)), ("u", 1_000), ("m", 1_000_000), ("S", 1_000_000_000), ("M", 60_000_000_000)] {
            let value = (nanoseconds + size - 1) / size
            if value <= 99_999_999 { return "\(value)\(unit)" }
        }
        return "\(min(99_999_999, (nanoseconds + 3_599_999_999_999) / 3_600_000_000_000))H"
    }

    /// What the transport's failure means for a call: an unanswered deadline is DEADLINE_EXCEEDED, as gRPC clients
    /// say; the rest keeps the transport's reason, which says more than gRPC's UNAVAILABLE would.
    private static func transportFailure(_ error: HTTPTransferError, request: GRPCHealthProbeRequest, target: String) -> ProbeFailure {
        if error.reason == .timeout {
            return ProbeFailure(.grpcStatus(.deadlineExceeded),
                                "\(target) did not answer within the deadline of \(TCPText.duration(request.deadline)).",
                                elapsedMicroseconds: error.timings.total)
        }
        if error.curlCode == curlHTTP2StreamError {
            return ProbeFailure(.grpcStreamClosed,
                                "\(target) closed the call's HTTP/2 stream with no status libcurl could read: servers do this when "
                                + "they reject a call before reading it (UNIMPLEMENTED, UNAUTHENTICATED…). (\(error.message))",
                                elapsedMicroseconds: error.timings.total)
        }
        var message = error.message
        if [.protocol, .closed, .receiveError, .connectionReset].contains(error.reason) {
            message += request.url.lowercased().hasPrefix("https://")
                ? " (The call was HTTP/2 over TLS: is this a gRPC server?)"
                : " (The call was cleartext HTTP/2 with prior knowledge: is this a gRPC server without TLS?)"
        }
        return ProbeFailure(error.reason, "\(target): \(message)",
                            elapsedMicroseconds: error.timings.total)
    }

    /// Metadata values (tokens, keys) cut out of text a server sent, in case it echoed them.
    private static func scrubbed(_ text: String, request: GRPCHealthProbeRequest) -> String {
        request.metadata.reduce(text) { text, field in
            field.value.count >= 4 ? text.replacing(field.value, with: "***") : text
        }
    }

    /// The URL without a trailing slash, once it is known to be usable.
    private static func validate(_ request: GRPCHealthProbeRequest) throws(ProbeFailure) -> String {
        func invalid(_ message: String) -> ProbeFailure { ProbeFailure(.invalidRequest, message) }
        let url = request.url
        let lower = url.lowercased()
        guard let scheme = ["http://", "https://"].first(where: { lower.hasPrefix($0) }) else {
            throw invalid("The gRPC server \"\(url)\" must be an http:// (cleartext HTTP/2) or https:// URL.")
        }
        let authority = url.dropFirst(scheme.count).prefix { $0 != "/" }
        guard !authority.isEmpty, !url.contains("?"), !url.contains("#"), !authority.contains("@") else {
            throw invalid("The gRPC server \"\(url.prefix(scheme.count))…\" needs a host, and no user, query or fragment.")
        }
        guard request.deadline > .zero, request.connectTimeout > .zero else {
            throw invalid("The gRPC probe's deadline and connect timeout must be positive.")
        }
        for (name, _) in request.metadata {
            if let problem = metadataNameProblem(name) { throw invalid("The metadata name \"\(name)\" \(problem).") }
        }
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// Why `name` cannot be sent as metadata (in words that follow "the name … "), nil when it can: metadata names
    /// are letters, digits, `-`, `_` and `.`, and gRPC and HTTP/2 reserve some.
    public static func metadataNameProblem(_ name: String) -> String? {
        let lowered = name.lowercased()
        guard !lowered.isEmpty, lowered.utf8.allSatisfy(isMetadataNameByte) else {
            return "is not a gRPC metadata name (letters, digits, - _ .)"
        }
        guard !lowered.hasPrefix("grpc-"), !reservedNames.contains(lowered) else {
            return "is reserved by gRPC or HTTP/2 (grpc-*, content-type, te, host, connection…)"
        }
        return nil
    }

    private static let reservedNames: Set<String> = ["content-type", "te", "host", "connection", "transfer-encoding",
                                                      "upgrade", "keep-alive", "proxy-connection", "content-length"]

    private static func isMetadataNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
}
