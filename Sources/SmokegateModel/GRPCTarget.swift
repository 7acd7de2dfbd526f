import SmokegateProbes

/// How a gRPC check's server is written in a suite and shown in reports: `grpc://host:port` (cleartext HTTP/2 with
/// prior knowledge) or `grpcs://host:port` (TLS), and the URL `GRPCHealthProbe` takes for it.
public enum GRPCTarget {
    /// The probe's URL for a written target: `grpc://` becomes `http://`, `grpcs://` `https://`; a bare `host:port`
    /// is cleartext. nil for any other scheme.
    public static func url(for target: String) -> String? {
        let lower = target.lowercased()
        if lower.hasPrefix("grpc://") { return "http://" + target.dropFirst("grpc://".count) }
        if lower.hasPrefix("grpcs://") { return "https://" + target.dropFirst("grpcs://".count) }
        return target.contains("://") ? nil : "http://" + target
    }

    /// `grpc://host:port/service`, or without the service for the whole server.
    public static func display(_ request: GRPCHealthProbeRequest) -> String {
        let lower = request.url.lowercased()
        let scheme = lower.hasPrefix("https://") ? "grpcs://" : "grpc://"
        let rest = request.url.drop { $0 != ":" }.dropFirst(3)
        let base = scheme + (rest.hasSuffix("/") ? String(rest.dropLast()) : String(rest))
        return request.service.isEmpty ? base : base + "/" + request.service
    }
}
