import SmokegateCurl

/// Performs one HTTP attempt through libcurl and judges the response.
struct HTTPProbe: Sendable {
    let engine: CurlEngine

    /// One attempt: a transport failure, or a response checked against the expectations.
    /// Throws only `CancellationError`, so an interrupted run never counts a half-done probe.
    func attempt(_ spec: HTTPProbeSpec, expectations: [Expectation]) async throws -> (failures: [Failure], measurement: Measurement) {
        let request = HTTPTransferRequest(
            method: spec.method, url: spec.url,
            headers: spec.headers.map { (name: $0.name, value: $0.value) },
            body: spec.body,
            connectTimeout: spec.connectTimeout, totalTimeout: spec.timeout,
            followRedirects: spec.followRedirects, maxRedirects: spec.maxRedirects,
            insecure: spec.insecure, connectTo: spec.connectTo, bodyCap: spec.maxBody,
            reuseConnections: spec.reuseConnections
        )
        let response: HTTPTransferResponse
        do {
            response = try await engine.perform(request)
        } catch let error as HTTPTransferError {
            let measurement = Measurement(phases: PhaseTimings(error.timings))
            return ([Failure(reason: error.reason.rawValue, message: error.message)], measurement)
        }
        var view = ResponseView(
            status: response.status,
            headers: response.headers.map { HeaderField(name: $0.name, value: $0.value) },
            body: response.body,
            latency: response.timings.total
        )
        let failures = ExpectationEvaluator.evaluate(expectations, on: &view)
        let measurement = Measurement(
            latency: response.timings.total, phases: PhaseTimings(response.timings), status: response.status,
            answeredBy: response.primaryIP.isEmpty ? nil : "\(response.primaryIP):\(response.primaryPort)",
            bodyBytes: response.body.count
        )
        return (failures, measurement)
    }
}

extension PhaseTimings {
    init(_ timings: HTTPPhaseTimings) {
        self.init(dns: timings.dns, connect: timings.connect, tls: timings.tls, server: timings.server,
                  transfer: timings.transfer, total: timings.total)
    }
}
