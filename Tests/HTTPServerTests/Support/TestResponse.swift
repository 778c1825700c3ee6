import AttuneTesting

/// A response as the test client read it off the wire.
struct TestResponse {
    var status: Int
    var reason: String
    /// Header fields in order, exactly as sent.
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first value of `name`, compared case-insensitively.
    subscript(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// How many times `name` appears.
    func count(of name: String) -> Int {
        headers.filter { $0.name.lowercased() == name.lowercased() }.count
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

extension TestClient {
    /// Reads one complete response: the head, then a Content-Length body (none for 1xx, 204, 304 or
    /// when `isHead`), or everything up to EOF when there is no Content-Length.
    func readResponse(isHead: Bool = false) throws(ClientError) -> TestResponse {
        let headEnd = try readHead()
        let headBytes = try take(headEnd + 4)
        var response = try Self.parseHead(String(decoding: headBytes.dropLast(4), as: UTF8.self))
        if isHead || response.status < 200 || response.status == 204 || response.status == 304 {
            return response
        }
        if let length = response["Content-Length"] {
            guard let count = Int(length) else { throw .malformed("Content-Length \(length)") }
            response.body = try take(count)
        } else {
            while try receive() > 0 {}
            response.body = buffer
            buffer.removeAll()
        }
        return response
    }

    /// Reads `count` responses, as for pipelined requests.
    func readResponses(_ count: Int) throws(ClientError) -> [TestResponse] {
        var responses: [TestResponse] = []
        for _ in 0..<count { responses.append(try readResponse()) }
        return responses
    }

    /// Sends `request` and reads its response.
    func exchange(_ request: String, isHead: Bool = false) throws(ClientError) -> TestResponse {
        try send(request)
        return try readResponse(isHead: isHead)
    }

    /// The offset of the blank line ending the next head, reading until it has arrived.
    private func readHead() throws(ClientError) -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= 4 {
                for index in searchFrom...(buffer.count - 4)
                where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13
                    && buffer[index + 3] == 10
                {
                    return index
                }
                searchFrom = buffer.count - 3
            }
            guard try receive() > 0 else { throw .closed }
        }
    }

    private static func parseHead(_ head: String) throws(ClientError) -> TestResponse {
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "HTTP/1.1", let status = Int(parts[1]), parts[1].count == 3 else {
            throw .malformed(statusLine)
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed(line) }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            headers.append((String(line[..<colon]), String(value)))
        }
        return TestResponse(status: status, reason: String(parts[2]), headers: headers, body: [])
    }
}
