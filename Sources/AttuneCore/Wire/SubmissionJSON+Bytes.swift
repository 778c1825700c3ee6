public import AttuneJSON

extension SubmissionJSON {
    /// Why a posted body was refused: not JSON at all (400), or JSON with wrong fields (422).
    public enum BodyError: Error, Sendable, Equatable {
        /// The body is not one strict JSON text.
        case malformed(JSONError)
        /// The body is JSON, but fields are missing, unknown or wrong; every problem, with its pointer.
        case invalid(JSONProblems)
    }

    /// Decodes a posted submission straight from the request body: the same result, and the same errors,
    /// as ``JSONReader/parse(_:)-(UnsafeRawBufferPointer)`` followed by ``decode(_:)``.
    ///
    /// A body of the usual shape is read in one pass without building a ``JSONValue`` tree. Anything
    /// else (malformed, wrong, unknown or merely unusual, such as non-ASCII or escaped member names) is
    /// handed to the general reader and decoder, which are the ones that judge it and word the problems.
    public static func decode(
        body: [UInt8],
        limits: JSONReader.Limits = JSONReader.Limits()
    ) throws(BodyError) -> PostedSubmission {
        let fast = body.withUnsafeBytes { buffer in
            var scanner = JSONScanner(bytes: buffer, limits: limits)
            return scanner.scanUsualSubmission()
        }
        if let fast { return fast }
        let value: JSONValue
        do {
            value = try JSONReader(limits: limits).parse(body)
        } catch {
            throw .malformed(error)
        }
        do {
            return try decode(value)
        } catch {
            throw .invalid(error)
        }
    }
}

extension JSONScanner {
    /// The top-level members of a submission, one bit each, so that a repeated one is noticed.
    private enum SubmissionMember: UInt16 {
        case questionnaire = 1
        case version = 2
        case client = 4
        case therapist = 8
        case respondent = 16
        case session = 32
        case date = 64
        case answers = 128
        case scores = 256
        case supersedes = 512

        static let required: UInt16 = 1 | 4 | 8 | 16 | 32 | 64 | 128

        init?(_ name: UnsafeRawBufferPointer) {
            switch name.count {
            case 13 where name.elementsEqual("questionnaire".utf8): self = .questionnaire
            case 7 where name.elementsEqual("version".utf8): self = .version
            case 6 where name.elementsEqual("client".utf8): self = .client
            case 9 where name.elementsEqual("therapist".utf8): self = .therapist
            case 10 where name.elementsEqual("respondent".utf8): self = .respondent
            case 7 where name.elementsEqual("session".utf8): self = .session
            case 4 where name.elementsEqual("date".utf8): self = .date
            case 7 where name.elementsEqual("answers".utf8): self = .answers
            case 6 where name.elementsEqual("scores".utf8): self = .scores
            case 10 where name.elementsEqual("supersedes".utf8): self = .supersedes
            default: return nil
            }
        }
    }

    /// The most members an `answers` or `scores` object may have on this path: duplicates are found by
    /// comparing with every earlier name, which must stay cheap.
    private static let usualMapSize = 128

    /// The submission, when the whole document is well-formed and every member is present, known and
    /// of the right type and range; otherwise `nil`, and the general path decides (and explains).
    ///
    /// Everything this accepts, the general path accepts with the same result: each check below is one
    /// the general reader or decoder makes, or a stricter one.
    mutating func scanUsualSubmission() -> PostedSubmission? {
        do {
            return try scanSubmission()
        } catch {
            return nil
        }
    }

    private mutating func scanSubmission() throws(JSONError) -> PostedSubmission? {
        // The answers object is the second level of nesting.
        guard limits.maxDepth >= 2 else { return nil }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        skipWhitespace()
        var seen: UInt16 = 0
        var questionnaire = ""
        var version: Int?
        var client = ""
        var therapist = ""
        var respondent = Respondent.client
        var session = 0
        var date = ""
        var answers: [PostedSubmission.Answer] = []
        var scores: [PostedSubmission.SentScore]?
        var supersedes = false
        var memberCount = 0
        while true {
            guard memberCount < limits.maxElements, index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                return nil
            }
            memberCount += 1
            let token = try scanString()
            guard !token.isEscaped,
                let member = SubmissionMember(UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])),
                seen & member.rawValue == 0
            else { return nil }
            seen |= member.rawValue
            guard try scanColon() else { return nil }
            switch member {
            case .questionnaire:
                guard let text = try scanStringValue() else { return nil }
                questionnaire = text
            case .version:
                if try scanNull() { break }
                guard let number = try scanInteger(in: 1...1_000_000) else { return nil }
                version = number
            case .client:
                guard let text = try scanStringValue() else { return nil }
                client = text
            case .therapist:
                guard let text = try scanStringValue() else { return nil }
                therapist = text
            case .respondent:
                guard let text = try scanStringValue(), let value = Respondent(rawValue: text) else { return nil }
                respondent = value
            case .session:
                guard let number = try scanInteger(in: 1...100_000) else { return nil }
                session = number
            case .date:
                guard let text = try scanStringValue() else { return nil }
                date = text
            case .answers:
                guard let read = try scanAnswers() else { return nil }
                answers = read
            case .scores:
                if try scanNull() { break }
                guard let read = try scanSentScores() else { return nil }
                scores = read
            case .supersedes:
                if try scanNull() { break }
                guard let flag = try scanBool() else { return nil }
                supersedes = flag
            }
            if try parseSeparator(closing: UInt8(ascii: "}")) { break }
        }
        skipWhitespace()
        guard index == bytes.count, seen & SubmissionMember.required == SubmissionMember.required else { return nil }
        return PostedSubmission(
            questionnaire: questionnaire,
            version: version,
            client: client,
            therapist: therapist,
            respondent: respondent,
            session: session,
            date: date,
            answers: answers,
            scores: scores,
            supersedes: supersedes
        )
    }

    /// `ws : ws` after a member name; false when the colon is missing.
    private mutating func scanColon() throws(JSONError) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
        index += 1
        skipWhitespace()
        guard index < bytes.count else { return false }
        return true
    }

    private mutating func scanStringValue() throws(JSONError) -> String? {
        guard bytes[index] == UInt8(ascii: "\"") else { return nil }
        return try parseString()
    }

    private mutating func scanNull() throws(JSONError) -> Bool {
        guard bytes[index] == UInt8(ascii: "n") else { return false }
        try expectLiteral("null")
        return true
    }

    private mutating func scanBool() throws(JSONError) -> Bool? {
        switch bytes[index] {
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return true
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return false
        default:
            return nil
        }
    }

    private mutating func scanNumber() throws(JSONError) -> JSONNumber? {
        switch bytes[index] {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: return nil
        }
    }

    /// A number that is one digit (`0`…`4`, as Likert answers are), as ``parseNumber()`` would read it;
    /// nil, reading nothing, for anything longer or else.
    @inline(__always)
    private mutating func scanSingleDigit() -> Double? {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10, index + 1 < bytes.count else { return nil }
        switch bytes[index + 1] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
        default:
            index += 1
            return Double(digit)
        }
    }

    /// An integer within `range`, as ``JSONField/int(in:)`` accepts it (`3.0` is 3).
    private mutating func scanInteger(in range: ClosedRange<Int>) throws(JSONError) -> Int? {
        guard let number = try scanNumber(), let integer = number.int, range.contains(integer) else { return nil }
        return integer
    }

    /// `{ "item": answer, … }`; `null` answers are dropped, as the decoder drops them.
    private mutating func scanAnswers() throws(JSONError) -> [PostedSubmission.Answer]? {
        var answers: [PostedSubmission.Answer] = []
        answers.reserveCapacity(Self.initialContainerCapacity * 2)
        let isComplete = try scanMap { scanner, key throws(JSONError) in
            switch scanner.bytes[scanner.index] {
            case UInt8(ascii: "\""):
                answers.append(PostedSubmission.Answer(id: key, value: .string(try scanner.parseString())))
            case UInt8(ascii: "n"):
                try scanner.expectLiteral("null")
            default:
                if let digit = scanner.scanSingleDigit() {
                    answers.append(PostedSubmission.Answer(id: key, value: .number(JSONNumber(digit))))
                } else if let number = try scanner.scanNumber() {
                    // The number as read: its integrality was judged on the literal's digits.
                    answers.append(PostedSubmission.Answer(id: key, value: .number(number)))
                } else if let flag = try scanner.scanBool() {
                    answers.append(PostedSubmission.Answer(id: key, value: .boolean(flag)))
                } else {
                    return false
                }
            }
            return true
        }
        return isComplete ? answers : nil
    }

    /// `{ "scale": number, … }`.
    private mutating func scanSentScores() throws(JSONError) -> [PostedSubmission.SentScore]? {
        var scores: [PostedSubmission.SentScore] = []
        let isComplete = try scanMap { scanner, key throws(JSONError) in
            guard let number = try scanner.scanNumber() else { return false }
            scores.append(PostedSubmission.SentScore(scale: key, value: number.value))
            return true
        }
        return isComplete ? scores : nil
    }

    /// Sets the bit `hash` selects among 256; whether it was set already (the name may have been seen).
    private static func markSeen(_ hash: UInt64, in bits: inout (UInt64, UInt64, UInt64, UInt64)) -> Bool {
        let bit: UInt64 = 1 << (hash >> 58)
        let word: UInt64
        switch (hash >> 56) & 3 {
        case 0:
            word = bits.0
            bits.0 |= bit
        case 1:
            word = bits.1
            bits.1 |= bit
        case 2:
            word = bits.2
            bits.2 |= bit
        default:
            word = bits.3
            bits.3 |= bit
        }
        return word & bit != 0
    }

    /// An object whose members `readValue` reads one by one (at each value, whitespace skipped); false
    /// when it is not an object, is larger than usual, has a non-ASCII, escaped or repeated name, or
    /// `readValue` refuses a value.
    private mutating func scanMap(
        _ readValue: (inout JSONScanner, String) throws(JSONError) -> Bool
    ) throws(JSONError) -> Bool {
        guard bytes[index] == UInt8(ascii: "{") else { return false }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return true
        }
        // Names by their input bytes: unescaped ASCII names are equal exactly when their bytes are.
        var names: [(hash: UInt64, start: Int, end: Int)] = []
        names.reserveCapacity(Self.initialContainerCapacity * 2)
        // One bit per name seen, chosen by its hash: a name whose bit is clear is new without a scan.
        var hashBits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        while true {
            guard names.count < min(Self.usualMapSize, limits.maxElements), index < bytes.count,
                bytes[index] == UInt8(ascii: "\"")
            else { return false }
            let token = try scanString()
            // Escaped or non-ASCII names take the general path.
            guard token.isASCII, !token.isEscaped else { return false }
            let hash = keyHash(token)
            if Self.markSeen(hash, in: &hashBits) {
                let name = UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
                for earlier in names
                where earlier.hash == hash
                    && name.elementsEqual(UnsafeRawBufferPointer(rebasing: bytes[earlier.start..<earlier.end]))
                {
                    return false
                }
            }
            names.append((hash, token.start, token.end))
            guard try scanColon(), try readValue(&self, makeString(token)) else { return false }
            if try parseSeparator(closing: UInt8(ascii: "}")) { return true }
        }
    }
}
