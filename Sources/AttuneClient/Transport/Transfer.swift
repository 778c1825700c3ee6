internal import CCurl
internal import Synchronization

/// An HTTP request as the transport sends it.
struct TransportRequest: Sendable {
    enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case delete = "DELETE"
    }

    var method: Method
    /// The absolute URL.
    var url: String
    /// Header fields, `Authorization` included; never logged or put into an error.
    var headers: [(name: String, value: String)]
    var body: [UInt8]?
}

/// What came back.
struct TransportResponse: Sendable {
    var status: Int
    /// Header fields of the final response, names lowercased, in order.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Connections libcurl opened for this transfer: 0 when it reused one.
    var newConnections: Int

    /// The first field named `name` (lowercase).
    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}

/// Why a transfer did not produce a response.
enum TransportFailure: Error, Sendable {
    /// libcurl failed: its code and message.
    case curl(code: Int, message: String)
    /// The connect or the whole-request timeout ran out.
    case timeout(message: String)
    /// The Swift task was cancelled and the transfer aborted.
    case cancelled

    /// Whether the request may not have reached the server, or the connection broke before an answer:
    /// the failures a retry can fix (a refused or reset connection, nothing or half a response).
    var isConnectionFailure: Bool {
        guard case .curl(let code, _) = self else { return false }
        return TransportFailure.connectionCodes.contains(code)
    }

    static let connectionCodes: Set<Int> = [
        Int(CURLE_COULDNT_CONNECT.rawValue), Int(CURLE_SEND_ERROR.rawValue), Int(CURLE_RECV_ERROR.rawValue),
        Int(CURLE_GOT_NOTHING.rawValue), Int(CURLE_PARTIAL_FILE.rawValue),
    ]
}

/// Per-transfer state the libcurl callbacks write into: the body, the header fields, and whether the
/// Swift task asked to stop.
final class TransferState: @unchecked Sendable {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    let isCancelled = Atomic<Bool>(false)
}

/// The settings every transfer of a client shares.
struct TransferSettings: Sendable {
    var connectTimeoutMilliseconds: Int
    var requestTimeoutMilliseconds: Int
    var caFile: String?
    var reuseConnections: Bool
}

/// Runs requests on one libcurl multi handle (``MultiLoop``), with pooled easy handles and
/// cancellation of a Swift task aborting its transfer.
final class Transport: Sendable {
    let pool: HandlePool
    let settings: TransferSettings
    private let loop: MultiLoop?

    init(settings: TransferSettings, poolCapacity: Int = 8) {
        self.settings = settings
        pool = HandlePool(capacity: poolCapacity)
        loop = MultiLoop(maxConnections: poolCapacity)
    }

    deinit { loop?.stop() }

    /// Sends `request` and waits for the whole response; cancelling the calling task aborts the
    /// transfer at once.
    func perform(_ request: TransportRequest) async throws(TransportFailure) -> TransportResponse {
        if Task.isCancelled { throw .cancelled }
        guard let loop, let handle = pool.take() else {
            throw .curl(code: Int(CURLE_FAILED_INIT.rawValue), message: "libcurl could not make a handle")
        }
        let state = TransferState()
        handle.reset()
        var headerList: UnsafeMutablePointer<curl_slist>?
        for field in request.headers {
            headerList = curl_slist_append(headerList, "\(field.name): \(field.value)")
        }
        // libcurl would send `Expect: 100-continue` for larger bodies and wait for an interim answer.
        headerList = curl_slist_append(headerList, "Expect:")
        configure(handle, request, headers: headerList, state: state)
        let result: Result<TransportResponse, TransportFailure> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let transfer = ActiveTransfer(handle: handle, state: state, headers: headerList) { code in
                    continuation.resume(returning: self.finish(handle, state: state, code: code))
                }
                loop.start(transfer)
            }
        } onCancel: {
            state.isCancelled.store(true, ordering: .relaxed)
            loop.wake()
        }
        return try result.get()
    }

    /// The response or failure of a finished transfer; the handle goes back to the pool.
    private func finish(
        _ handle: EasyHandle,
        state: TransferState,
        code: CURLcode
    ) -> Result<TransportResponse, TransportFailure> {
        guard code == CURLE_OK else {
            let message = handle.message(for: code)
            pool.give(back: handle, reusable: false)
            if state.isCancelled.load(ordering: .relaxed) { return .failure(.cancelled) }
            switch code {
            case CURLE_OPERATION_TIMEDOUT: return .failure(.timeout(message: message))
            default: return .failure(.curl(code: Int(code.rawValue), message: message))
            }
        }
        let response = TransportResponse(
            status: handle.info(CURLINFO_RESPONSE_CODE),
            headers: state.headers,
            body: state.body,
            newConnections: handle.info(CURLINFO_NUM_CONNECTS)
        )
        pool.give(back: handle, reusable: true)
        return .success(response)
    }

    private func configure(
        _ handle: EasyHandle,
        _ request: TransportRequest,
        headers: UnsafeMutablePointer<curl_slist>?,
        state: TransferState
    ) {
        handle.set(CURLOPT_URL, request.url)
        // Without it, libcurl's resolver timeouts use SIGALRM, which is unsafe in a threaded process.
        handle.set(CURLOPT_NOSIGNAL, 1)
        handle.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(handle.errorBuffer))
        handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
        // A redirect would carry the Authorization header to wherever Location points: never follow.
        handle.set(CURLOPT_FOLLOWLOCATION, 0)
        handle.set(CURLOPT_SSL_VERIFYPEER, 1)
        handle.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = settings.caFile { handle.set(CURLOPT_CAINFO, caFile) }
        handle.set(CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds)
        handle.set(CURLOPT_TIMEOUT_MS, settings.requestTimeoutMilliseconds)
        handle.set(CURLOPT_TCP_NODELAY, 1)
        if !settings.reuseConnections {
            handle.set(CURLOPT_FRESH_CONNECT, 1)
            handle.set(CURLOPT_FORBID_REUSE, 1)
        }
        _ = attune_curl_setopt_slist(handle.raw, CURLOPT_HTTPHEADER, headers)
        switch request.method {
        case .get: handle.set(CURLOPT_HTTPGET, 1)
        case .post:
            handle.set(CURLOPT_POST, 1)
            let body = request.body ?? []
            _ = attune_curl_setopt_offset(handle.raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            // Copied by libcurl, so the Swift array need not outlive this call.
            _ = body.withUnsafeBytes { buffer in
                if let base = buffer.baseAddress, !buffer.isEmpty {
                    handle.set(CURLOPT_COPYPOSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: base))
                } else {
                    handle.set(CURLOPT_COPYPOSTFIELDS, "")
                }
            }
        case .delete: handle.set(CURLOPT_CUSTOMREQUEST, "DELETE")
        }
        let context = Unmanaged.passUnretained(state).toOpaque()
        _ = attune_curl_setopt_data_callback(handle.raw, CURLOPT_WRITEFUNCTION, Transfer.receiveBody)
        handle.set(CURLOPT_WRITEDATA, pointer: context)
        _ = attune_curl_setopt_data_callback(handle.raw, CURLOPT_HEADERFUNCTION, Transfer.receiveHeader)
        handle.set(CURLOPT_HEADERDATA, pointer: context)
        _ = attune_curl_setopt_xferinfo_callback(handle.raw, Transfer.progress)
        handle.set(CURLOPT_XFERINFODATA, pointer: context)
        handle.set(CURLOPT_NOPROGRESS, 0)
    }
}

/// The C callbacks; each finds its ``TransferState`` through the context pointer.
enum Transfer {
    static let receiveBody: attune_curl_data_callback = { data, size, count, context in
        let length = size * count
        guard let context, let data else { return length }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        state.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
        return length
    }

    static let receiveHeader: attune_curl_data_callback = { data, size, count, context in
        let length = size * count
        guard let context, let data else { return length }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let line = UnsafeRawBufferPointer(start: data, count: length)
        if line.starts(with: "HTTP/".utf8) {
            // A new status line (after a 1xx): only the final response's fields count.
            state.headers.removeAll()
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = Transfer.trimmed(line[(colon + 1)...])
            state.headers.append((name, String(decoding: value, as: UTF8.self)))
        }
        return length
    }

    /// Field-value without the optional whitespace around it and the line's CRLF (RFC 9112 §5.1).
    static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        var slice = bytes
        while let first = slice.first, isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, isSpace(last) { slice = slice.dropLast() }
        return slice
    }

    /// Returning non-zero makes libcurl abort with `CURLE_ABORTED_BY_CALLBACK`.
    static let progress: attune_curl_xferinfo_callback = { context, _, _, _, _ in
        guard let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        return state.isCancelled.load(ordering: .relaxed) ? 1 : 0
    }
}
