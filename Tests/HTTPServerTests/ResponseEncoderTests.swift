import Testing

@testable import HTTPServer

/// The bytes of a response head: handler fields, pre-encoded fields, then the fields the server owns.
@Suite struct ResponseEncoderTests {
    private func encode(_ response: HTTPResponse, connection: ResponseEncoder.ConnectionField = .none) -> String {
        var encoder = ResponseEncoder()
        var output: [UInt8] = []
        _ = encoder.encode(response, requestID: "r-1", omitBody: false, connection: connection, into: &output)
        // The Date value changes; everything else is fixed.
        let text = String(decoding: output, as: UTF8.self)
        return text.replacing(#/Date: [^\r]*\r\n/#, with: "Date: -\r\n")
    }

    @Test func encodedFieldsFollowTheHandlersFieldsOnceAndVerbatim() {
        let encoded = EncodedHeaderFields(["ETag": "\"abc\"", "Cache-Control": "no-cache"])
        #expect(encoded.bytes == Array("ETag: \"abc\"\r\nCache-Control: no-cache\r\n".utf8))
        let response = HTTPResponse(headers: ["Vary": "Accept"], encodedHeaders: encoded, body: Array("hi".utf8))
        #expect(
            encode(response)
                == "HTTP/1.1 200 OK\r\nVary: Accept\r\nETag: \"abc\"\r\nCache-Control: no-cache\r\nDate: -\r\n"
                + "Content-Length: 2\r\nX-Request-Id: r-1\r\n\r\nhi"
        )
    }

    @Test func encodedFieldsEncodeLikeHandlerFields() {
        let fields: HTTPHeaders = ["ETag": "\"abc\"", "Cache-Control": "private, no-cache", "Content-Type": "a/b"]
        let body = Array("{}".utf8)
        #expect(
            encode(HTTPResponse(encodedHeaders: EncodedHeaderFields(fields), body: body))
                == encode(HTTPResponse(headers: fields, body: body))
        )
    }

    @Test func serverOwnedFieldsAreLeftOutOfEncodedFields() {
        let encoded = EncodedHeaderFields([
            "Content-Length": "99", "connection": "close", "Date": "x", "Transfer-Encoding": "chunked",
            "X-Request-Id": "mine", "ETag": "\"e\"",
        ])
        #expect(encoded.bytes == Array("ETag: \"e\"\r\n".utf8))
        let text = encode(HTTPResponse(encodedHeaders: encoded, body: [1, 2, 3]), connection: .keepAlive)
        #expect(text.contains("Content-Length: 3\r\n") && !text.contains("99") && !text.contains("chunked"))
        #expect(text.contains("Connection: keep-alive\r\n") && !text.contains("close"))
        #expect(text.contains("X-Request-Id: r-1\r\n") && !text.contains("mine"))
    }

    @Test func aNotModifiedResponseCarriesItsEncodedFieldsAndNoContentLength() {
        let response = HTTPResponse(status: .notModified, encodedHeaders: EncodedHeaderFields(["ETag": "\"e\""]))
        #expect(encode(response) == "HTTP/1.1 304 Not Modified\r\nETag: \"e\"\r\nDate: -\r\nX-Request-Id: r-1\r\n\r\n")
    }
}
