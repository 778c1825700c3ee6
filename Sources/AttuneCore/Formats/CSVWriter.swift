/// Writes an RFC 4180 CSV document: a header row, then one line per row, every line ended by CRLF.
///
/// The column order is the caller's (each route documents its own); the writer decides only how a cell
/// is spelled: numbers plain, text quoted when needed and escaped against formula injection, missing
/// values empty (see ``CSVCell``). No I/O: the document is built in memory, in ``bytes``.
///
/// ```swift
/// var csv = CSVWriter(header: ["session", "date", "value"])
/// csv.append([.integer(3), .text("2026-03-02"), .number(-0.5)])
/// response.body = csv.bytes
/// ```
public struct CSVWriter: Sendable {
    /// The media type of the document (RFC 4180 §3, with its `charset` and `header` parameters).
    public static let contentType = "text/csv; charset=utf-8; header=present"

    /// The document so far: UTF-8, no byte order mark, CRLF line ends.
    public private(set) var bytes: [UInt8]

    /// The number of fields in every row: the header's.
    public let columnCount: Int

    /// The number of rows appended after the header.
    public private(set) var rowCount = 0

    /// Starts a document with its header row (the column names, written as text cells).
    /// - Parameters:
    ///   - header: the column names, in the order the rows follow.
    ///   - reservingCapacity: bytes to reserve for the whole document.
    public init(header: [String], reservingCapacity capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
        columnCount = header.count
        appendLine(header.map(CSVCell.text))
    }

    /// Appends one row. A row shorter than the header is padded with empty fields, so every line has the
    /// header's number of fields (RFC 4180 §2.4); a longer one is a programmer error.
    public mutating func append(_ row: [CSVCell]) {
        assert(row.count <= columnCount, "a CSV row has more cells than the header has columns")
        appendLine(row)
        rowCount += 1
    }

    /// Appends several rows in order.
    public mutating func append(contentsOf rows: some Sequence<[CSVCell]>) {
        for row in rows { append(row) }
    }

    /// The document as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A whole document: the header and then the rows.
    public static func document(header: [String], rows: some Sequence<[CSVCell]>) -> [UInt8] {
        var writer = CSVWriter(header: header)
        writer.append(contentsOf: rows)
        return writer.bytes
    }

    private mutating func appendLine(_ cells: [CSVCell]) {
        let start = bytes.count
        for index in 0..<Swift.max(cells.count, columnCount) {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if index < cells.count { cells[index].encoded(into: &bytes) }
        }
        // An empty line reads back as no record at all: a lone empty field is written as `""`.
        if bytes.count == start { bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")]) }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }
}
