import Foundation

/// Runs a Python 3 script as a real reader of what the formats write (its `csv` module, `zlib`).
enum Python {
    struct Failure: Error, CustomStringConvertible {
        let status: Int32
        let standardError: String
        var description: String { "python3 exited \(status): \(standardError)" }
    }

    /// The path of `python3` on PATH, or nil.
    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `script` with `arguments`, feeding `input` on standard input; returns standard output.
    static func run(_ script: String, arguments: [String] = [], input: [UInt8] = []) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? "/usr/bin/python3")
        process.arguments = ["-c", script] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write and read on separate threads: a large input and output could otherwise fill both pipes.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(status: process.terminationStatus, standardError: String(decoding: errors, as: UTF8.self))
        }
        return Array(output)
    }

    /// Parses `document` with `csv.reader` (the default, Excel dialect) and returns its records.
    static func readCSV(_ document: [UInt8]) throws -> [[String]] {
        let script = """
            import csv, io, json, sys
            text = sys.stdin.buffer.read().decode("utf-8")
            print(json.dumps(list(csv.reader(io.StringIO(text, newline=""), strict=True))))
            """
        return try JSONDecoder().decode([[String]].self, from: Data(try run(script, input: document)))
    }
}
