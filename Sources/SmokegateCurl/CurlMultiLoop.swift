import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The curl thread's side of the engine: owns the multi handle and every transfer in it.
///
/// Not Sendable on purpose: it is handed to the curl thread once, at start, and
/// nothing else touches it afterwards. Tasks reach it only through the mailbox.
final class CurlMultiLoop {
    private let multi: UnsafeMutableRawPointer
    private let mailbox: CurlMailbox
    private var active: [UInt64: CurlTransfer] = [:]
    private var isMultiCleanedUp = false

    /// The longest poll: bounds how late a stuck wakeup could be noticed, without spinning when idle.
    private static let pollTimeoutMilliseconds: Int32 = 1000

    init(multi: UnsafeMutableRawPointer, mailbox: CurlMailbox) {
        self.multi = multi
        self.mailbox = mailbox
    }

    deinit {
        // Only reached without `run()` when the thread could not be started; nobody
        // can wake a multi handle of an engine that never finished initialising.
        if !isMultiCleanedUp {
            curl_multi_cleanup(multi)
        }
    }

    /// Runs until the engine asks to stop, then cancels what is left and frees the multi handle.
    func run() {
        while true {
            let batch = mailbox.take()
            if batch.stopRequested {
                tearDown(unstarted: batch.submissions)
                return
            }
            // Submissions first: a cancellation in the same batch may be for one of them.
            for submission in batch.submissions {
                start(submission)
            }
            for id in batch.cancellations {
                cancel(id)
            }
            var running: Int32 = 0
            let performed = curl_multi_perform(multi, &running)
            if performed != CURLM_OK {
                failAll(because: performed)
            }
            collectFinished()
            var ready: Int32 = 0
            let polled = curl_multi_poll(multi, nil, 0, Self.pollTimeoutMilliseconds, &ready)
            if polled != CURLM_OK {
                failAll(because: polled)
                // A broken poll returns at once; pause so the loop cannot spin.
                usleep(50_000)
            }
        }
    }

    private func start(_ submission: CurlSubmission) {
        let transfer: CurlTransfer
        do {
            transfer = try CurlTransfer(submission)
        } catch {
            submission.continuation.resume(throwing: error)
            return
        }
        do {
            try transfer.configure()
            let added = curl_multi_add_handle(multi, transfer.easy.raw)
            guard added == CURLM_OK else {
                throw HTTPTransferError(reason: .internal, message: Self.describe(added, doing: "adding a transfer"))
            }
            active[transfer.id] = transfer
        } catch {
            transfer.close()
            transfer.complete(with: .failure(error))
        }
    }

    private func cancel(_ id: UInt64) {
        guard let transfer = active.removeValue(forKey: id) else { return }
        curl_multi_remove_handle(multi, transfer.easy.raw)
        transfer.close()
        transfer.complete(with: .failure(CancellationError()))
    }

    private func collectFinished() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            // The message is only valid until the next multi call: copy what is needed first.
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            let result = message.pointee.data.result
            guard let context = CurlEasyHandle(raw: handle).privatePointer else { continue }
            // The active table holds the reference that keeps this pointer valid.
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            active[transfer.id] = nil
            curl_multi_remove_handle(multi, handle)
            if transfer.beginCertificateDiagnosis(after: result) {
                if curl_multi_add_handle(multi, handle) == CURLM_OK {
                    active[transfer.id] = transfer
                    continue
                }
            }
            let outcome = transfer.outcome(for: result)
            transfer.close()
            transfer.complete(with: outcome)
        }
    }

    /// Ends every transfer with an internal error when the multi handle itself failed.
    private func failAll(because code: CURLMcode) {
        let error = HTTPTransferError(reason: .internal, message: Self.describe(code, doing: "driving transfers"))
        for transfer in active.values {
            curl_multi_remove_handle(multi, transfer.easy.raw)
            transfer.close()
            transfer.complete(with: .failure(error))
        }
        active.removeAll()
    }

    private func tearDown(unstarted: [CurlSubmission]) {
        for submission in unstarted {
            submission.continuation.resume(throwing: CancellationError())
        }
        for transfer in active.values {
            curl_multi_remove_handle(multi, transfer.easy.raw)
            transfer.close()
            transfer.complete(with: .failure(CancellationError()))
        }
        active.removeAll()
        // The mailbox stopped waking the handle before it handed over the stop request.
        curl_multi_cleanup(multi)
        isMultiCleanedUp = true
    }

    private static func describe(_ code: CURLMcode, doing activity: String) -> String {
        "libcurl's multi interface failed while \(activity): \(String(cString: curl_multi_strerror(code)))"
    }
}
