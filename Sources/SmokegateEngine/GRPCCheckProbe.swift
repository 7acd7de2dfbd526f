import SmokegateCurl
import SmokegateModel
import SmokegateProbes

/// A gRPC health check attempt: call `Health/Check` over libcurl's HTTP/2, then judge the serving status.
enum GRPCCheckProbe {
    /// Throws only `CancellationError`; a call that failed is a failure of its own reason (`UNAVAILABLE`,
    /// `DEADLINE_EXCEEDED`, `connection_refused`…).
    static func attempt(_ request: GRPCHealthProbeRequest, expectations: [Expectation], engine: CurlEngine) async throws -> HTTPProbe.Attempt {
        var request = request
        // As for HTTPS: every TLS call records its certificate, for reports and serve's expiry gauge.
        request.captureCertificate = request.url.lowercased().hasPrefix("https://") || expectations.contains(where: \.needsCertificate)
        let result: GRPCHealthProbeResult
        do {
            result = try await GRPCHealthProbe.run(request, engine: engine)
        } catch let failure as ProbeFailure {
            return HTTPProbe.Attempt(failures: [Failure(reason: failure.reason, message: failure.message)], measurement: ProbeMeasurement())
        }
        var view = ResponseView(latency: result.timings.total, certificate: result.certificate.map(TLSCertificateFacts.init))
        view.servingStatus = result.status
        var measurement = ProbeMeasurement(latency: result.timings.total, phases: result.timings.phases,
                                           answeredBy: result.peer.isEmpty ? nil : result.peer)
        measurement.httpVersion = result.httpVersion
        measurement.certificate = view.certificate
        return HTTPProbe.Attempt(failures: ExpectationEvaluator.evaluate(expectations, on: &view), measurement: measurement)
    }
}
