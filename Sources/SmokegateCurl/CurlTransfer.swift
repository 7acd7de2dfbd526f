import CCurl

/// One transfer in flight: its easy handle, everything curl points into, and what came back so far.
///
/// Lives only on the curl thread. Its address is curl's PRIVATE, WRITEDATA and
/// HEADERDATA; the loop's table of active transfers keeps it alive for as long
/// as the handle is in the multi, so the pointers stay valid.
final class CurlTransfer {
    let id: UInt64
    let easy: CurlEasyHandle
    let request: HTTPTransferRequest
    let startedAt: ContinuousClock.Instant

    /// curl writes its last error text here; it must live as long as the handle.
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// Lists curl reads during the transfer without copying them.
    var headerList: UnsafeMutablePointer<curl_slist>?
    var connectToList: UnsafeMutablePointer<curl_slist>?

    /// The header lines of the response arriving now, as received; parsed once, for the final response.
    var rawResponseHeaders: [UInt8] = []
    /// The trailer lines of the response arriving now: header lines after its head, which libcurl passes to the
    /// header callback once the body is done (HTTP/2 trailers, chunked HTTP/1.1 trailers).
    var rawResponseTrailers: [UInt8] = []
    /// Header bytes received over the whole transfer, every response counted.
    var headerBytes = 0
    /// Set when the header callback refused bytes beyond `headerCap`, so CURLE_WRITE_ERROR can be told apart.
    var headersTooLarge = false
    /// Whether the blank line ending the current response's head has arrived.
    var isResponseHeadComplete = false
    var body: [UInt8] = []
    /// Set when the write callback refused data beyond the cap, so CURLE_WRITE_ERROR can be told apart.
    var bodyTooLarge = false
    /// The status code of the response whose headers are arriving, 0 before its status line.
    var responseStatus = 0
    /// Whether that response's first Location was seen: it is the one curl would follow.
    var responseHadLocation = false
    /// Where a redirect refused by the same-host policy led (`scheme://host:port`), so its CURLE_WRITE_ERROR
    /// can be told apart.
    var redirectOffHost: String?
    /// The verification failure being diagnosed while the handle runs its unverified certificate fetch.
    var certificateDiagnosis: CurlFailure?

    private var continuation: CurlContinuation?
    private var isClosed = false

    /// Creates the easy handle; `configure()` then sets it up for the request.
    init(_ submission: CurlSubmission) throws(HTTPTransferError) {
        guard let raw = curl_easy_init() else {
            throw HTTPTransferError(reason: .internal, message: "libcurl could not create a transfer handle")
        }
        self.id = submission.id
        self.easy = CurlEasyHandle(raw: raw)
        self.request = submission.request
        self.continuation = submission.continuation
        self.startedAt = .now
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        // The loop completes every transfer it drops; this only keeps a future
        // mistake from leaving a task suspended forever.
        if continuation != nil {
            complete(with: .failure(HTTPTransferError(reason: .internal, message: "the transfer was dropped unanswered")))
        }
        close()
    }

    /// Frees the handle and the memory it pointed into; the handle must already be out of the multi.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        // The handle may read the lists until it is cleaned up, so they go after it.
        curl_easy_cleanup(easy.raw)
        curl_slist_free_all(headerList)
        curl_slist_free_all(connectToList)
        headerList = nil
        connectToList = nil
        errorBuffer.deallocate()
    }

    /// Resumes the waiting task; later calls do nothing, so a transfer answers exactly once.
    func complete(with result: Result<HTTPTransferResponse, any Error>) {
        guard let continuation else { return }
        self.continuation = nil
        continuation.resume(with: result)
    }

    /// curl's error text for the last failure, or an empty string.
    var curlErrorText: String {
        isClosed ? "" : String(cString: errorBuffer)
    }
}
