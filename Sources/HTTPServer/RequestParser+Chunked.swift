extension RequestParser {
    /// The longest chunk-size line we accept, extensions included.
    static let maxChunkLineBytes = 4096

    /// Decodes as much of a chunked body as is buffered (RFC 9112 §7.1). Extensions and trailer fields
    /// are validated and ignored. Returns true when the last chunk and the trailer section are complete.
    mutating func decodeChunks(into request: inout HTTPRequest, phase: inout ChunkPhase) throws(HTTPParseError)
        -> Bool
    {
        while true {
            switch phase {
            case .size:
                guard let line = try nextChunkLine(limit: Self.maxChunkLineBytes) else { return false }
                let size = try parseChunkSize(line)
                guard size <= limits.maxBodyBytes - request.body.count else { throw .contentTooLarge }
                phase = size == 0 ? .trailer(fields: 0, bytes: 0) : .data(remaining: size)
            case .data(let remaining):
                let available = min(buffer.count - start, remaining)
                guard available > 0 else { return false }
                request.body.append(contentsOf: buffer[start..<start + available])
                start += available
                if available < remaining {
                    phase = .data(remaining: remaining - available)
                    compact()
                    return false
                }
                phase = .dataEnd
            case .dataEnd:
                guard buffer.count - start >= 2 else { return false }
                guard buffer[start] == UInt8(ascii: "\r"), buffer[start + 1] == UInt8(ascii: "\n") else {
                    throw .invalidChunk
                }
                start += 2
                phase = .size
            case .trailer(let fields, let bytes):
                let budget = limits.maxHeaderBytes - bytes
                guard let line = try nextChunkLine(limit: budget, tooLong: .headerSectionTooLarge) else {
                    return false
                }
                if line.isEmpty { return true }
                guard fields < limits.maxHeaderCount else { throw .tooManyHeaderFields }
                try validateTrailerField(line)
                phase = .trailer(fields: fields + 1, bytes: bytes + line.count + 2)
            }
        }
    }

    /// The next CRLF-terminated line at `start` (consumed), or nil when it hasn't all arrived.
    private mutating func nextChunkLine(limit: Int, tooLong: HTTPParseError = .invalidChunk) throws(HTTPParseError)
        -> Range<Int>?
    {
        guard let lf = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.count - start - (buffer.last == UInt8(ascii: "\r") ? 1 : 0) > limit { throw tooLong }
            return nil
        }
        guard lf > start, buffer[lf - 1] == UInt8(ascii: "\r") else { throw .invalidLineEnding }
        let line = start..<(lf - 1)
        if line.count > limit { throw tooLong }
        start = lf + 1
        return line
    }

    /// chunk-size [ chunk-ext ]: hex digits, then optional `;name[=value]` extensions.
    private func parseChunkSize(_ line: Range<Int>) throws(HTTPParseError) -> Int {
        var index = line.lowerBound
        var size = 0
        while index < line.upperBound, let digit = PercentDecoding.hexValue(buffer[index]) {
            // 15 hex digits already exceed any body limit; stop before Int overflows.
            guard size < 1 << 56 else { throw .contentTooLarge }
            size = size << 4 | Int(digit)
            index += 1
        }
        guard index > line.lowerBound else { throw .invalidChunk }
        while index < line.upperBound, HTTPSyntax.isWhitespace(buffer[index]) { index += 1 }
        if index < line.upperBound {
            guard buffer[index] == UInt8(ascii: ";") else { throw .invalidChunk }
            for position in index..<line.upperBound where !HTTPSyntax.isFieldValueByte(buffer[position]) {
                throw .invalidChunk
            }
        }
        return size
    }

    private func validateTrailerField(_ line: Range<Int>) throws(HTTPParseError) {
        let first = buffer[line.lowerBound]
        if HTTPSyntax.isWhitespace(first) { throw .obsoleteLineFolding }
        var index = line.lowerBound
        while index < line.upperBound, HTTPSyntax.isTokenByte(buffer[index]) { index += 1 }
        guard index > line.lowerBound, index < line.upperBound, buffer[index] == UInt8(ascii: ":") else {
            throw .invalidHeaderField
        }
        for position in (index + 1)..<line.upperBound where !HTTPSyntax.isFieldValueByte(buffer[position]) {
            throw .invalidHeaderValue
        }
    }
}
