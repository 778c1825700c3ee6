import Foundation

/// Debian's headless Chromium, which renders an SVG file to a PNG screenshot.
enum Chromium {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The browser's path, or nil when it is not installed (`apt-get install chromium`).
    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin"]
        for directory in directories {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Renders `svg` at `scale` device pixels per unit into a PNG of (600·scale)×(300·scale) and returns
    /// the PNG's path (in `directory`).
    static func screenshot(of svg: String, in directory: URL, scale: Int = 1) throws -> URL {
        guard let executable else { throw Failure(description: "chromium is not installed") }
        let input = directory.appendingPathComponent("chart.svg")
        let output = directory.appendingPathComponent("chart.png")
        try Data(svg.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
            // A profile of its own, so parallel runs and a user's browser do not share one.
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
            "--force-device-scale-factor=\(scale)", "--screenshot=\(output.path)", "--window-size=600,300",
            input.path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = directory.path
        process.environment = environment
        let log = directory.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Chromium can hang on a broken setup: give it a minute.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "chromium did not finish within 60 s")
        }
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: output.path) else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure(description: "chromium exited \(process.terminationStatus): \(text.suffix(2000))")
        }
        return output
    }
}

/// A PNG decoded by a few lines of Python (zlib and struct, the five PNG filters): no image library.
struct DecodedPNG: Decodable {
    let width: Int
    let height: Int
    /// The requested pixels, RGB, in request order.
    let pixels: [[Int]]

    /// Decodes the 8-bit RGB or RGBA, non-interlaced PNG at `path` and reads the pixels at `points`.
    static func read(_ path: URL, at points: [(x: Int, y: Int)]) throws -> DecodedPNG {
        let script = #"""
            import json, struct, sys, zlib
            data = open(sys.argv[1], "rb").read()
            assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
            position, compressed = 8, b""
            while position < len(data):
                length, kind = struct.unpack(">I4s", data[position:position + 8])
                body = data[position + 8:position + 8 + length]
                position += 12 + length
                if kind == b"IHDR":
                    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
                elif kind == b"IDAT":
                    compressed += body
                elif kind == b"IEND":
                    break
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
            raw = zlib.decompress(compressed)
            stride = width * channels
            rows, previous, offset = [], bytearray(stride), 0
            for _ in range(height):
                kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
                offset += 1 + stride
                for i in range(stride):
                    a = line[i - channels] if i >= channels else 0
                    b = previous[i]
                    c = previous[i - channels] if i >= channels else 0
                    if kind == 1: line[i] = (line[i] + a) & 255
                    elif kind == 2: line[i] = (line[i] + b) & 255
                    elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
                    elif kind == 4:
                        p = a + b - c
                        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                rows.append(bytes(line))
                previous = line
            points = json.load(sys.stdin)
            pixels = [list(rows[y][x * channels:x * channels + 3]) for x, y in points]
            print(json.dumps({"width": width, "height": height, "pixels": pixels}))
            """#
        let request = try JSONSerialization.data(withJSONObject: points.map { [$0.x, $0.y] })
        let output = try Python.run(script, arguments: [path.path], input: Array(request))
        return try JSONDecoder().decode(DecodedPNG.self, from: Data(output))
    }
}
