import Foundation
import SmokegateCurl

extension Prober {
    /// The body an outbound answer may bring back: an error message, not a download.
    static let outboundBodyCap = 64 << 10

    /// Sends `request` and returns whatever status came back.
    ///
    /// - Throws: `OutboundError` when no answer came (refused, timed out, reset…), `CancellationError` when the
    ///   calling task was cancelled.
    public func send(_ request: OutboundRequest) async throws -> OutboundResponse {
        let transfer = HTTPTransferRequest(
            method: request.method, url: request.url, headers: request.headers.map { (name: $0.name, value: $0.value) },
            body: request.body, connectTimeout: min(request.timeout, .seconds(5)), totalTimeout: request.timeout,
            bodyCap: Self.outboundBodyCap, reuseConnections: true)
        do {
            let response = try await http.engine.perform(transfer)
            let retryAfter = response.headerValue("Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            return OutboundResponse(status: response.status, body: response.body, retryAfterSeconds: retryAfter)
        } catch let error as HTTPTransferError {
            throw OutboundError(reason: error.reason, message: error.message)
        }
    }
}
