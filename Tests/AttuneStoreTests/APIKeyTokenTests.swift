import AttuneSQLite
import AttuneStore
import Testing

/// The token format and the comparison used to check it.
@Suite struct APIKeyTokenTests {
    @Test(arguments: [
        ([UInt8]([1, 2, 3]), [UInt8]([1, 2, 3]), true),
        ([1, 2, 3], [9, 2, 3], false),  // differs first
        ([1, 2, 3], [1, 2, 9], false),  // differs last
        ([1, 2, 3], [1, 2], false),  // shorter
        ([], [], true),
    ])
    func comparesInConstantTime(lhs: [UInt8], rhs: [UInt8], equal: Bool) {
        #expect(APIKeyToken.constantTimeEquals(lhs, rhs) == equal)
        #expect(APIKeyToken.constantTimeEquals(rhs, lhs) == equal)
    }

    @Test func findsTheKeyIdOnlyInWellFormedTokens() {
        let id = "key_0123456789abcdef01234567"
        let secret = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN-_0"
        #expect(APIKeyToken.keyID(in: "atn_\(id)_\(secret)") == id)
        #expect(APIKeyToken.keyID(in: "atn_\(id)_\(secret)x") == nil)  // too long
        #expect(APIKeyToken.keyID(in: "xtn_\(id)_\(secret)") == nil)  // wrong prefix
        #expect(APIKeyToken.keyID(in: "atn_key_0123456789ABCDEF01234567_\(secret)") == nil)  // upper-case hex
        #expect(APIKeyToken.keyID(in: "atn_\(id)_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN+/0") == nil)
        #expect(APIKeyToken.keyID(in: "") == nil)
    }
}
