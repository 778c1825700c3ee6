internal import CCurl
internal import Foundation
internal import Synchronization

/// One transfer in flight on the ``MultiLoop``: its handle, its header list and how to finish it.
final class ActiveTransfer: @unchecked Sendable {
    let handle: EasyHandle
    let state: TransferState
    let headers: UnsafeMutablePointer<curl_slist>?
    let complete: @Sendable (CURLcode) -> Void

    init(
        handle: EasyHandle,
        state: TransferState,
        headers: UnsafeMutablePointer<curl_slist>?,
        complete: @escaping @Sendable (CURLcode) -> Void
    ) {
        self.handle = handle
        self.state = state
        self.headers = headers
        self.complete = complete
    }

    deinit { curl_slist_free_all(headers) }
}

/// A libcurl multi handle driven by one thread of its own: every transfer of a client runs on it,
/// none blocks another (a hung server holds up only its own request), and the multi handle's shared
/// connection cache lets any transfer reuse any idle connection to the same host.
final class MultiLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    /// Handed over by callers, added to the multi handle by the loop thread (libcurl's multi API is
    /// not thread-safe; only ``curl_multi_wakeup`` may be called from elsewhere).
    private let incoming = Mutex<(transfers: [ActiveTransfer], isStopping: Bool)>(([], false))
    /// Only the loop thread touches this.
    private var active: [UnsafeMutableRawPointer: ActiveTransfer] = [:]

    init?(maxConnections: Int) {
        guard CurlLibrary.initialized, let multi = curl_multi_init() else { return nil }
        self.multi = multi
        _ = attune_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnections)
        let thread = Thread { [self] in run() }
        thread.name = "attune.client.curl"
        thread.start()
    }

    /// Starts `transfer`; its `complete` runs on the loop thread when it ends.
    func start(_ transfer: ActiveTransfer) {
        let accepted = incoming.withLock { incoming in
            guard !incoming.isStopping else { return false }
            incoming.transfers.append(transfer)
            return true
        }
        guard accepted else {
            transfer.complete(CURLE_FAILED_INIT)
            return
        }
        curl_multi_wakeup(multi)
    }

    /// Wakes the loop so that it notices a cancelled transfer at once.
    func wake() { curl_multi_wakeup(multi) }

    /// Ends the loop after aborting what is in flight; the thread cleans up the multi handle.
    func stop() {
        incoming.withLock { $0.isStopping = true }
        curl_multi_wakeup(multi)
    }

    private func run() {
        var running: Int32 = 0
        while true {
            let (arrived, isStopping) = incoming.withLock { incoming in
                defer { incoming.transfers.removeAll() }
                return (incoming.transfers, incoming.isStopping)
            }
            for transfer in arrived {
                active[transfer.handle.raw] = transfer
                if curl_multi_add_handle(multi, transfer.handle.raw) != CURLM_OK {
                    finish(transfer.handle.raw, CURLE_FAILED_INIT)
                }
            }
            if isStopping {
                for handle in Array(active.keys) { finish(handle, CURLE_ABORTED_BY_CALLBACK) }
                curl_multi_cleanup(multi)
                return
            }
            for (handle, transfer) in active where transfer.state.isCancelled.load(ordering: .relaxed) {
                finish(handle, CURLE_ABORTED_BY_CALLBACK)
            }
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
                finish(handle, message.pointee.data.result)
            }
            // Sleeps until a socket is ready, libcurl's next timeout, or a wake-up; at most one second.
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    private func finish(_ handle: UnsafeMutableRawPointer, _ code: CURLcode) {
        guard let transfer = active.removeValue(forKey: handle) else { return }
        curl_multi_remove_handle(multi, handle)
        transfer.complete(code)
    }
}
