import Foundation
import SmokegateCurl
import SmokegateModel
import SmokegateProbes

/// Performs one HTTP attempt through libcurl and judges the response.
struct HTTPProbe: Sendable {
    let engine: CurlEngine

    /// One attempt's result: what failed, what was measured, and what it hands on to the checks after it.
    struct Attempt: Sendable {
        var failures: [Failure]
        var measurement: ProbeMeasurement
        var output = ChainOutput()
    }

    /// One attempt: a transport failure, or a response checked against the expectations, its captures taken.
    /// Throws only `CancellationError`, so an interrupted run never counts a half-done probe.
    func attempt(_ spec: HTTPProbeSpec, expectations: [Expectation], versionSource: VersionSource? = nil,
                 expectedVersion: String? = nil, captures: [Capture] = [], input: ChainInput = ChainInput()) async throws -> Attempt {
        // Every HTTPS probe records its certificate: reports and serve's expiry gauge show it before it fails.
        let captureCertificate = spec.url.lowercased().hasPrefix("https://") || expectations.contains(where: \.needsCertificate)
        let request: HTTPTransferRequest
        // The jar costs the curl thread a little per transfer: kept only where a cookie can matter.
        let usesCookies = spec.followRedirects != .never || input.handsOn || !input.cookies.isEmpty
            || expectations.contains { if case .cookie = $0.kind { true } else { false } }
            || captures.contains { if case .cookie = $0.source { true } else { false } }
        switch HTTPRequestBuilder.build(spec, input: input, captureCertificate: captureCertificate, usesCookies: usesCookies) {
        case .request(let built): request = built
        case .unusable(let failure): return Attempt(failures: [failure], measurement: ProbeMeasurement())
        }
        let response: HTTPTransferResponse
        do {
            response = try await engine.perform(request)
        } catch let error as HTTPTransferError {
            let measurement = ProbeMeasurement(phases: error.timings.phases)
            return Attempt(failures: [Failure(reason: error.reason, message: error.message)], measurement: measurement)
        }
        var view = ResponseView(
            status: response.status,
            headers: response.headers.map { HeaderField(name: $0.name, value: $0.value) },
            body: response.body,
            latency: response.timings.total,
            certificate: response.certificate.map(TLSCertificateFacts.init)
        )
        view.cookies = response.cookies
        var failures = ExpectationEvaluator.evaluate(expectations, on: &view)
        if let required = spec.httpVersion, response.httpVersion != required.rawValue {
            failures.append(Failure(reason: .httpVersion, message: "expected HTTP/\(required.rawValue), the server answered in HTTP/\(response.httpVersion.isEmpty ? "?" : response.httpVersion)"
                + (required == .http2 ? (spec.url.lowercased().hasPrefix("https://") ? " (it did not offer h2 in the TLS handshake)" : " (it did not take the Upgrade: h2c offer)") : "")))
        }
        let version = versionSource.flatMap { view.version(from: $0) }
        if let failure = Self.versionFailure(version, expected: expectedVersion) { failures.append(failure) }
        var output = ChainOutput(cookies: response.cookies)
        if !captures.isEmpty {
            let taken = Self.take(captures, from: &view)
            output.values = taken.values
            output.secrets = taken.secrets
            failures += taken.failures
        }
        var measurement = ProbeMeasurement(
            latency: response.timings.total, phases: response.timings.phases, status: response.status,
            answeredBy: response.primaryIP.isEmpty ? nil : "\(response.primaryIP):\(response.primaryPort)",
            bodyBytes: response.body.count
        )
        measurement.version = version
        measurement.certificate = view.certificate
        measurement.httpVersion = response.httpVersion.isEmpty ? nil : response.httpVersion
        return Attempt(failures: failures, measurement: measurement, output: output)
    }
}

extension HTTPProbe {
    /// The failure of an answer from another version than the environment expects (`expect_version`); nil when
    /// nothing is expected or the version is the one expected.
    static func versionFailure(_ version: String?, expected: String?) -> Failure? {
        guard let expected, version != expected else { return nil }
        return Failure(reason: .version, message: version.map { "answered by version \($0), expected \(expected)" }
            ?? "no version in the response (version_from), expected \(expected)")
    }
}

extension HTTPProbe.Attempt {
    /// A probe of another kind: it hands nothing on.
    init(_ result: (failures: [Failure], measurement: ProbeMeasurement)) {
        self.init(failures: result.failures, measurement: result.measurement)
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
