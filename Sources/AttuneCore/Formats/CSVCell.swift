import AttuneJSON

/// One field of a CSV row, typed so that the writer knows what a spreadsheet should see.
///
/// Numbers are written as plain numbers (a spreadsheet reads `-0.5` as a number); text is quoted when it
/// needs it and escaped against formula injection; `empty` is a missing value (an empty field).
public enum CSVCell: Sendable, Hashable {
    /// Free text: a label, an identifier, a date. Never read as a formula by a spreadsheet.
    case text(String)
    /// A number, written in the shortest form that reads back to the same double, as in Attune's JSON
    /// (`0.5`, `-1.25`, `60`, `1e-05`); NaN or infinity becomes an empty field.
    case number(Double)
    /// An integer, written in decimal.
    case integer(Int)
    /// A missing value: an empty field.
    case empty

    /// A number cell, or an empty one when `value` is nil.
    public static func number(_ value: Double?) -> CSVCell {
        value.map { .number($0) } ?? .empty
    }

    /// An integer cell, or an empty one when `value` is nil.
    public static func integer(_ value: Int?) -> CSVCell {
        value.map { .integer($0) } ?? .empty
    }

    /// A text cell, or an empty one when `value` is nil.
    public static func text(_ value: String?) -> CSVCell {
        value.map { .text($0) } ?? .empty
    }
}

extension CSVCell {
    /// The field's bytes as they appear between separators (quoted where RFC 4180 requires it).
    func encoded(into bytes: inout [UInt8]) {
        switch self {
        case .empty:
            return
        case .integer(let value):
            bytes.append(contentsOf: String(value).utf8)
        case .number(let value):
            // The JSON writer's number rule: one place decides how Attune prints a double. Its only
            // non-number output is `null` (NaN, infinity), which is a missing value here.
            guard value.isFinite else { return }
            var writer = JSONWriter(reservingCapacity: 24)
            writer.number(value)
            bytes.append(contentsOf: writer.bytes)
        case .text(let value):
            Self.encodeText(value, into: &bytes)
        }
    }

    /// Characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a formula
    /// when they start it (OWASP "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// RFC 4180 §2: a field containing a comma, a double quote, CR or LF is enclosed in double quotes,
    /// and a double quote inside it is doubled. A text that a spreadsheet would run as a formula gets a
    /// leading `'` (which spreadsheets show as a text marker) and is quoted too.
    private static func encodeText(_ text: String, into bytes: inout [UInt8]) {
        let utf8 = text.utf8
        let isFormula = utf8.first.map(startsFormula) ?? false
        let needsQuotes =
            isFormula
            || utf8.contains { byte in
                byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
            }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if isFormula { bytes.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
