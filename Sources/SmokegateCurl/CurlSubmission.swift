/// The continuation a transfer resumes, once, on the curl thread.
typealias CurlContinuation = CheckedContinuation<HTTPTransferResponse, any Error>

/// A request waiting in the mailbox for the curl thread to start it.
struct CurlSubmission: Sendable {
    let id: UInt64
    let request: HTTPTransferRequest
    let continuation: CurlContinuation
}
