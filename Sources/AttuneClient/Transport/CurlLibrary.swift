internal import CCurl

/// libcurl's process-wide set-up: `curl_global_init` exactly once, before the first handle, as its
/// documentation requires (it is not thread-safe against itself).
enum CurlLibrary {
    /// The result of the one `curl_global_init(CURL_GLOBAL_ALL)`; Swift runs a global's initialiser
    /// once, under a lock, so concurrent first requests cannot race it.
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// libcurl's own text for `code`.
    static func message(for code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }

    /// The linked libcurl's version string, such as `libcurl/7.88.1 OpenSSL/3.0.17 …`.
    static var version: String { String(cString: curl_version()) }
}
