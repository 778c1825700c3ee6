import AttuneCore
import Foundation
import Testing

/// RFC 4180 output, read back by a real CSV reader (Python's `csv` module).
@Suite struct CSVWriterTests {
    private func text(_ header: [String], _ rows: [[CSVCell]]) -> String {
        String(decoding: CSVWriter.document(header: header, rows: rows), as: UTF8.self)
    }

    @Test func writesHeaderAndRowsWithCRLFLineEnds() {
        let csv = text(["session", "date", "value"], [[.integer(1), .text("2026-01-05"), .number(2.5)]])
        #expect(csv == "session,date,value\r\n1,2026-01-05,2.5\r\n")
    }

    /// RFC 4180 §2.6–2.7: fields with a comma, a quote, CR or LF are quoted; quotes inside are doubled.
    @Test(arguments: [
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("crlf\r\ninside", "\"crlf\r\ninside\""),
        ("plain text", "plain text"),
        ("", ""),
        ("'quoted already'", "'quoted already'"),
    ])
    func quotesOnlyWhereNeeded(value: String, field: String) {
        #expect(text(["x", "y"], [[.text(value), .integer(0)]]) == "x,y\r\n\(field),0\r\n")
    }

    /// OWASP CSV injection: a text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` and quotes.
    @Test(arguments: ["=1+1", "+1", "-0.5", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\",\"y\")"])
    func escapesFormulaPrefixes(value: String) {
        let quoted = "'" + value.replacingOccurrences(of: "\"", with: "\"\"")
        #expect(text(["x"], [[.text(value)]]) == "x\r\n\"\(quoted)\"\r\n")
    }

    /// Numbers are never escaped: a spreadsheet must still read −0.5 as a number.
    @Test(arguments: [
        (CSVCell.number(-0.5), "-0.5"),
        (.number(-0.0), "0"),
        (.number(60), "60"),
        (.number(0.1), "0.1"),
        (.number(1e-5), "1e-05"),
        (.number(-1234.5678), "-1234.5678"),
        (.number(.nan), ""),
        (.number(-.infinity), ""),
        (.number(nil as Double?), ""),
        (.integer(-3), "-3"),
        (.integer(Int.min), "-9223372036854775808"),
        (.integer(nil as Int?), ""),
        (.text(nil as String?), ""),
        (.empty, ""),
    ])
    func writesNumbersPlainAndMissingValuesEmpty(cell: CSVCell, field: String) {
        #expect(text(["a", "b"], [[cell, .integer(1)]]) == "a,b\r\n\(field),1\r\n")
    }

    @Test func padsShortRowsToTheHeaderWidth() {
        var writer = CSVWriter(header: ["a", "b", "c"])
        writer.append([.integer(1)])
        writer.append([])
        #expect(writer.text == "a,b,c\r\n1,,\r\n,,\r\n")
        #expect(writer.rowCount == 2)
        #expect(writer.columnCount == 3)
    }

    /// A line with no bytes would read back as no record at all.
    @Test func writesALoneEmptyFieldAsQuotes() throws {
        let document = CSVWriter.document(header: ["value"], rows: [[.empty], [.number(1)]])
        #expect(String(decoding: document, as: UTF8.self) == "value\r\n\"\"\r\n1\r\n")
        #expect(try Python.readCSV(document) == [["value"], [""], ["1"]])
    }

    @Test func escapesTheHeaderLikeAnyText() {
        #expect(text(["=cmd", "a,b"], []) == "\"'=cmd\",\"a,b\"\r\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func roundTripsThroughPythonsCSVReader() throws {
        let hostile = [
            "=1+1", "+41 79 000 00 00", "-2", "@SUM(A1:A9)", "\tindented", "\rreturn", "=cmd|' /C calc'!A0",
            "comma, inside", "quote \" inside", "\"starts with a quote", "lf\ninside", "crlf\r\ninside",
            "trailing cr\r", "Zoë – 心", "", "plain",
        ]
        let numbers: [Double] = [-0.5, 0, 3.25, -1e-5, 1e21, 0.1 + 0.2]
        var writer = CSVWriter(header: ["client", "session", "value", "band"])
        for (index, label) in hostile.enumerated() {
            writer.append([.text(label), .integer(index - 3), .number(numbers[index % numbers.count]), .empty])
        }
        let records = try Python.readCSV(writer.bytes)
        #expect(records.first == ["client", "session", "value", "band"])
        try #require(records.count == hostile.count + 1)
        for (index, label) in hostile.enumerated() {
            let record = records[index + 1]
            let formula = label.first.map { "=+-@\t\r".contains($0) } ?? false
            #expect(record[0] == (formula ? "'" + label : label))
            #expect(record[1] == String(index - 3))
            // What a spreadsheet sees: a number, equal to the double that was written.
            #expect(Double(record[2]) == numbers[index % numbers.count])
            #expect(record[3] == "")
        }
    }

    /// Every line ends in CRLF, also after a quoted field with a bare LF or CR inside.
    @Test func endsEveryRecordWithCRLF() throws {
        let document = CSVWriter.document(header: ["a"], rows: [[.text("x\ny")], [.text("x\rz")], [.number(-1)]])
        #expect(document.suffix(2) == [0x0D, 0x0A])
        let script = """
            import csv, io, sys
            text = sys.stdin.buffer.read().decode("utf-8")
            reader = csv.reader(io.StringIO(text, newline=""), strict=True)
            rows = list(reader)
            assert rows == [["a"], ["x\\ny"], ["x\\rz"], ["-1"]], rows
            # Outside quotes, every line break is CRLF: strip the quoted fields and look at what is left.
            outside = "".join(part for i, part in enumerate(text.split('"')) if i % 2 == 0)
            assert outside.replace("\\r\\n", "") .find("\\n") < 0 and outside.replace("\\r\\n", "").find("\\r") < 0
            print("ok")
            """
        #expect(String(decoding: try Python.run(script, input: document), as: UTF8.self) == "ok\n")
    }
}
