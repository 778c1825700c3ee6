import AttuneJSON

/// Parses UTF-8 text with the given limits.
func parseJSON(_ text: String, limits: JSONReader.Limits = .init()) throws(JSONError) -> JSONValue {
    try JSONReader(limits: limits).parse(Array(text.utf8))
}

/// The error the reader refuses `bytes` with, or `nil` when it accepts them.
func readerError(_ bytes: [UInt8], limits: JSONReader.Limits = .init()) -> JSONError? {
    do {
        _ = try JSONReader(limits: limits).parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// The error the reader refuses `text` with, or `nil` when it accepts it.
func readerError(_ text: String, limits: JSONReader.Limits = .init()) -> JSONError? {
    readerError(Array(text.utf8), limits: limits)
}

/// The writer's output as text.
func jsonText(_ value: JSONValue) -> String {
    String(decoding: value.serialized(), as: UTF8.self)
}
