import Foundation
import SmokegateCurl
import SmokegateModel
import SmokegateProbes

/// Performs one HTTP attempt through libcurl and judges the response.
struct HTTPProbe: Sendable {
    let engine: CurlEngine

    /// One attempt: a transport failure, or a response checked against the expectations.
    /// Throws only `CancellationError`, so an interrupted run never counts a half-done probe.
    func attempt(_ spec: HTTPProbeSpec, expectations: [Expectation], versionSource: VersionSource? = nil,
                 expectedVersion: String? = nil) async throws -> (failures: [Failure], measurement: ProbeMeasurement) {
        let request = HTTPTransferRequest(
            method: spec.method, url: spec.url,
            headers: spec.headers.map { (name: $0.name, value: $0.value) },
            body: spec.body,
            connectTimeout: spec.connectTimeout, totalTimeout: spec.timeout,
            followRedirects: spec.followRedirects, maxRedirects: spec.maxRedirects,
            insecure: spec.insecure, connectTo: spec.connectTo, bodyCap: spec.maxBody,
            reuseConnections: spec.reuseConnections,
            // Every HTTPS probe records its certificate: reports and serve's expiry gauge show it before it fails.
            captureCertificate: spec.url.lowercased().hasPrefix("https://") || expectations.contains(where: \.needsCertificate),
            proxy: spec.proxy.map { HTTPProxy(url: $0.url, label: $0.label) }
        )
        let response: HTTPTransferResponse
        do {
            response = try await engine.perform(request)
        } catch let error as HTTPTransferError {
            let measurement = ProbeMeasurement(phases: error.timings.phases)
            return ([Failure(reason: error.reason, message: error.message)], measurement)
        }
        var view = ResponseView(
            status: response.status,
            headers: response.headers.map { HeaderField(name: $0.name, value: $0.value) },
            body: response.body,
            latency: response.timings.total,
            certificate: response.certificate.map(TLSCertificateFacts.init)
        )
        var failures = ExpectationEvaluator.evaluate(expectations, on: &view)
        let version = versionSource.flatMap { view.version(from: $0) }
        if let expectedVersion, version != expectedVersion {
            failures.append(Failure(reason: .version, message: version.map { "answered by version \($0), expected \(expectedVersion)" }
                ?? "no version in the response (version_from), expected \(expectedVersion)"))
        }
        var measurement = ProbeMeasurement(
            latency: response.timings.total, phases: response.timings.phases, status: response.status,
            answeredBy: response.primaryIP.isEmpty ? nil : "\(response.primaryIP):\(response.primaryPort)",
            bodyBytes: response.body.count
        )
        measurement.version = version
        measurement.certificate = view.certificate
        return (failures, measurement)
    }
}

extension HTTPPhaseTimings {
    /// curl's counters as report phases; TLS only when there was a handshake.
    var phases: [Phase] {
        [Phase("dns", dns), Phase("connect", connect)] + (tls > 0 ? [Phase("tls", tls)] : [])
            + [Phase("server", server), Phase("transfer", transfer)]
    }
}

extension TLSCertificateFacts {
    /// curl's view of the leaf certificate in the shape every probe reports.
    init(_ certificate: PeerCertificate) {
        self.init(subject: certificate.subject, issuer: certificate.issuer, subjectAlternativeNames: certificate.subjectAltNames,
                  notBefore: .distantPast, notAfter: certificate.expiresAt ?? .distantPast)
    }
}
