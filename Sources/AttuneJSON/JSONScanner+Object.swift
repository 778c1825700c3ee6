extension JSONScanner {
    /// Objects with more members than this find duplicates with a `Set` instead of a linear scan,
    /// so that a large object cannot make duplicate detection quadratic.
    package static let linearDuplicateScanLimit = 32

    /// RFC 8259 §4: `{ [ member *( , member ) ] }`, with unique names (our rule, see ``JSONObject``).
    package mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= limits.maxDepth else { throw JSONError(.depthLimitExceeded, offset: index) }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject())
        }
        var members: [JSONObject.Member] = []
        members.reserveCapacity(Self.initialContainerCapacity)
        if keyHashStack.capacity == 0 {
            keyHashStack.reserveCapacity(4 * Self.initialContainerCapacity)
        }
        let base = keyHashStack.count
        var seen = Set<String>()
        var hashBits: UInt64 = 0
        while true {
            guard index < bytes.count else { throw JSONError(.unexpectedEndOfInput, offset: index) }
            guard bytes[index] == UInt8(ascii: "\"") else { throw JSONError(.expectedKey, offset: index) }
            let keyOffset = index
            guard members.count < limits.maxElements else {
                throw JSONError(.tooManyElements, offset: keyOffset)
            }
            let token = try scanString()
            let hash = keyHash(token)
            let key = makeString(token)
            if isDuplicate(key, hash: hash, in: members, hashBase: base, seen: &seen, hashBits: &hashBits) {
                throw JSONError(.duplicateKey, offset: keyOffset).prefixed(by: key)
            }
            skipWhitespace()
            guard index < bytes.count else {
                throw JSONError(.unexpectedEndOfInput, offset: index).prefixed(by: key)
            }
            guard bytes[index] == UInt8(ascii: ":") else {
                throw JSONError(.expectedColon, offset: index).prefixed(by: key)
            }
            index += 1
            skipWhitespace()
            let value: JSONValue
            do { value = try parseValue(depth: depth) } catch { throw error.prefixed(by: key) }
            members.append(JSONObject.Member(key: key, value: value))
            keyHashStack.append(hash)
            if try parseSeparator(closing: UInt8(ascii: "}")) {
                keyHashStack.removeLast(members.count)
                return .object(JSONObject(uniqueMembers: members))
            }
        }
    }

    /// FNV-1a over the unescaped bytes of an ASCII name (never 0), or 0 for a non-ASCII name.
    ///
    /// Two ASCII strings are equal exactly when their bytes are, so unequal hashes rule a pair
    /// out without comparing `String`s. Non-ASCII names are always compared as `String`s, because
    /// Swift's canonical equivalence can equate different bytes (even `K` and U+212A KELVIN SIGN).
    package func keyHash(_ token: StringToken) -> UInt64 {
        guard token.isASCII else { return 0 }
        return withUnescapedBytes(of: token) { utf8 in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            return hash | 1
        }
    }

    /// Whether `key` names one of `members`, whose name hashes start at `hashBase` in `keyHashStack`.
    ///
    /// `hashBits` has one bit set per ASCII name seen (chosen by its hash): a name whose bit is
    /// clear is new without a scan, which keeps the usual small object close to linear time.
    private func isDuplicate(
        _ key: String,
        hash: UInt64,
        in members: [JSONObject.Member],
        hashBase: Int,
        seen: inout Set<String>,
        hashBits: inout UInt64
    ) -> Bool {
        if members.count >= Self.linearDuplicateScanLimit {
            if seen.isEmpty {
                seen = Set(members.lazy.map(\.key))
            }
            return !seen.insert(key).inserted
        }
        if hash != 0 {
            let bit: UInt64 = 1 << (hash >> 58)
            defer { hashBits |= bit }
            // Without a non-ASCII name so far (bit 0 marks one), a clear bit proves the name new.
            if hashBits & (bit | 1) == 0 { return false }
        } else {
            hashBits |= 1
        }
        for position in members.indices {
            let other = keyHashStack[hashBase + position]
            if other == hash || other == 0 || hash == 0, members[position].key == key {
                return true
            }
        }
        return false
    }
}
