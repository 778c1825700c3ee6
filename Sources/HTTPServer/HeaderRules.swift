/// Rules on header fields that protect the server and whatever stands in front of it.
enum HeaderRules {
    /// The first field of `names` that `headers` carries more than once, if any. A proxy that reads the last
    /// `Authorization` and a server that reads the first would disagree about who is calling.
    static func repeatedSingleton(in headers: HTTPHeaders, names: [String]) -> String? {
        guard !names.isEmpty else { return nil }
        for name in names {
            var seen = false
            for field in headers where field.name.equalsIgnoringASCIICase(name) {
                if seen { return name }
                seen = true
            }
        }
        return nil
    }

    /// Whether every field a handler set can be sent as is: names are tokens, and values carry no CR, LF or
    /// NUL (RFC 9110 §5.5), so that a handler's bug can never split a response or forge one.
    static func areSendable(_ response: HTTPResponse) -> Bool {
        for field in response.headers {
            guard !field.name.utf8.isEmpty, field.name.utf8.allSatisfy(HTTPSyntax.isTokenByte) else { return false }
            for byte in field.value.utf8 where byte == 0x0D || byte == 0x0A || byte == 0x00 { return false }
        }
        return response.encodedHeaders.isSendable
    }
}
