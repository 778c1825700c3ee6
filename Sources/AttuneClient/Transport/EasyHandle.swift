internal import CCurl

/// One libcurl easy handle: its options, its error buffer and its live connection.
///
/// An easy handle keeps its connection open after a transfer, so reusing the handle for the next
/// request to the same host reuses the connection (``HandlePool``). A handle is used by one transfer
/// at a time; the pool hands it out and takes it back.
final class EasyHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer
    /// `CURLOPT_ERRORBUFFER`: libcurl writes its detailed message for a failed transfer here.
    let errorBuffer: UnsafeMutablePointer<CChar>

    init?() {
        guard CurlLibrary.initialized, let raw = curl_easy_init() else { return nil }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Back to the defaults, keeping the connection, DNS and TLS session caches (`curl_easy_reset`).
    func reset() {
        curl_easy_reset(raw)
        errorBuffer[0] = 0
    }

    /// The detailed message of the last failure, else libcurl's text for `code`.
    func message(for code: CURLcode) -> String {
        let detailed = String(cString: errorBuffer)
        return detailed.isEmpty ? CurlLibrary.message(for: code) : detailed
    }

    @discardableResult
    func set(_ option: CURLoption, _ value: Int) -> CURLcode {
        attune_curl_setopt_long(raw, option, value)
    }

    @discardableResult
    func set(_ option: CURLoption, _ value: String) -> CURLcode {
        // libcurl copies string options (since 7.17.0), so the temporary C string may go right after.
        value.withCString { attune_curl_setopt_string(raw, option, $0) }
    }

    @discardableResult
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) -> CURLcode {
        attune_curl_setopt_pointer(raw, option, pointer)
    }

    func info(_ info: CURLINFO) -> Int {
        var value = 0
        _ = attune_curl_getinfo_long(raw, info, &value)
        return value
    }
}
