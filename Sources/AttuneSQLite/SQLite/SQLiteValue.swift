internal import AttuneStore

/// A value bound to a statement parameter. Values are always bound, never spliced into SQL text.
enum SQLiteValue: Equatable {
    case null
    case integer(Int64)
    /// A finite double (`REAL`).
    case real(Double)
    case text(String)
    /// Text given as bytes already checked to be UTF-8 (``Validation/utf8Bytes(_:field:)``): bound
    /// as they are, without building a String first.
    case utf8Text([UInt8])
    case blob([UInt8])

    /// `.text(value)`, or `.null` when there is none.
    static func text(_ value: String?) -> SQLiteValue {
        guard let value else { return .null }
        return .text(value)
    }

    /// `.real(value)`, or `.null` when there is none or it is not finite.
    static func real(_ value: Double?) -> SQLiteValue {
        guard let value, value.isFinite else { return .null }
        return .real(value)
    }

    /// `.integer(value)`, or `.null` when there is none.
    static func integer(_ value: Int64?) -> SQLiteValue {
        guard let value else { return .null }
        return .integer(value)
    }
}
