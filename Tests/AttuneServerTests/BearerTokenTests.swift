import Testing

@testable import AttuneServer

/// `Authorization: Bearer <token>` parsing, on bytes (RFC 9110 §11.1, RFC 6750 §2.1).
@Suite struct BearerTokenTests {
    @Test(arguments: [
        ("Bearer abc", "abc"),
        ("bearer abc", "abc"),
        ("BEARER   abc", "abc"),
        ("Bearer a b", "a b"),
        ("Bearer " + String(repeating: "x", count: 256), String(repeating: "x", count: 256)),
    ])
    func readsTheToken(_ header: String, _ token: String) {
        #expect(APIContext.bearerToken(header) == token)
    }

    @Test(arguments: [
        "", "Bearer", "Bearer ", "Bearer    ", "Bearerabc", "Basic abc", "Bearer\tabc", "Bear abc",
        "Bearer " + String(repeating: "x", count: 257),
    ])
    func refusesOtherSchemesAndEmptyOrLongTokens(_ header: String) {
        #expect(APIContext.bearerToken(header) == nil)
    }
}
