import AttuneCore
import AttuneTesting
import Foundation
import Testing

/// The chart as a browser draws it: headless Chromium renders the SVG to a PNG, and the PNG's pixels
/// show the line where the points are, the gaps, and bands that differ in greyscale.
@Suite(
    .enabled(
        if: Chromium.executable != nil,
        "chromium is not installed (apt-get install chromium): render tests skipped"
    )
)
struct TrajectoryChartRenderTests {
    /// The main series' colour, #1f4e9c.
    static let lineColour = [0x1f, 0x4e, 0x9c]

    static func isLineColour(_ pixel: [Int]) -> Bool {
        zip(pixel, lineColour).allSatisfy { abs($0 - $1) <= 48 }
    }

    /// ITU-R BT.601 luma, 0–255: what a greyscale print keeps.
    static func luma(_ pixel: [Int]) -> Double {
        0.299 * Double(pixel[0]) + 0.587 * Double(pixel[1]) + 0.114 * Double(pixel[2])
    }

    struct Probe {
        let x: Double
        let y: Double
        var pixel: (x: Int, y: Int) { (Int(x.rounded()), Int(y.rounded())) }
        /// The 3×3 pixels around the probe.
        var neighbourhood: [(x: Int, y: Int)] {
            let centre = pixel
            return (-1...1).flatMap { dy in (-1...1).map { dx in (centre.x + dx, centre.y + dy) } }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func showsTheLineWhereThePointsAre() throws {
        let chart = TrajectoryChart.realistic
        let svg = chart.svgDocument()
        let document = try #require(SVGInspector.parse(svg))
        let markerSessions = Set(chart.ruptures.map(\.session) + chart.repairs.map(\.session))
        // The main series' points, by session (the tooltip names it), away from any marker.
        var centres: [Int: Probe] = [:]
        for circle in document.elements("circle", class: "point") {
            let session = try #require(chart.series.points.first { circle.text.contains("session \($0.session) ") })
            let x = try #require(SVGInspector.number(circle, "cx"))
            let y = try #require(SVGInspector.number(circle, "cy"))
            centres[session.session] = Probe(x: x, y: y)
        }
        #expect(centres.count == 23)
        let clear = centres.filter { session, _ in markerSessions.allSatisfy { abs($0 - session) > 1 } }
            .sorted { $0.key < $1.key }
        try #require(clear.count >= 10)
        // Between two neighbouring clear points, the middle of the segment.
        let midpoints = zip(clear, clear.dropFirst()).filter { $1.key == $0.key + 1 }.map { left, right in
            Probe(x: (left.value.x + right.value.x) / 2, y: (left.value.y + right.value.y) / 2)
        }
        try #require(midpoints.count >= 8)
        // Session 13 has no value: halfway between 12 and 14 there is no line.
        let gap = try Probe(
            x: (#require(centres[12]).x + #require(centres[14]).x) / 2,
            y: (#require(centres[12]).y + #require(centres[14]).y) / 2
        )
        let swatches = document.elements("rect", class: "band-swatch").compactMap { rect in
            SVGInspector.number(rect, "x").flatMap { x in
                SVGInspector.number(rect, "y").map { Probe(x: x + 4, y: $0 + 4) }
            }
        }
        #expect(swatches.count == 4)

        let directory = try TemporaryDirectory()
        let png = try Chromium.screenshot(of: svg, in: URL(fileURLWithPath: directory.path))
        var requests = [(x: 2, y: 2)] + clear.map(\.value.pixel) + gap.neighbourhood + swatches.map(\.pixel)
        for midpoint in midpoints { requests += midpoint.neighbourhood }
        let image = try DecodedPNG.read(png, at: requests)
        #expect(image.width == 600 && image.height == 300)
        var pixels = image.pixels[...]
        func take(_ count: Int) -> [[Int]] {
            defer { pixels = pixels.dropFirst(count) }
            return Array(pixels.prefix(count))
        }
        #expect(take(1) == [[255, 255, 255]], "the canvas maps 1:1 onto the screenshot, white background")
        for (point, pixel) in zip(clear, take(clear.count)) {
            #expect(Self.isLineColour(pixel), "session \(point.key) at \(point.value.pixel): \(pixel)")
        }
        let gapPixels = take(9)
        #expect(!gapPixels.contains(where: Self.isLineColour), "no line across the gap at session 13: \(gapPixels)")
        let bandLumas = take(swatches.count).map(Self.luma)
        for (lower, upper) in zip(bandLumas, bandLumas.dropFirst()) {
            #expect(abs(lower - upper) >= 0.05 * 255, "neighbouring bands apart in greyscale: \(bandLumas)")
        }
        let lineLuma = Self.luma(Self.lineColour)
        #expect(bandLumas.allSatisfy { $0 - lineLuma >= 0.4 * 255 }, "the line stands out from every band")
        for midpoint in midpoints {
            let around = take(9)
            #expect(around.contains(where: Self.isLineColour), "line at \(midpoint.pixel): \(around)")
        }
    }

    /// `scripts/render-chart` sets ATTUNE_CHART_PNG: the README's image, drawn at twice the resolution
    /// from the same chart the test above checks, with its SVG beside it.
    @Test(
        .enabled(if: ProcessInfo.processInfo.environment["ATTUNE_CHART_PNG"] != nil, "ATTUNE_CHART_PNG not set"),
        .timeLimit(.minutes(2))
    )
    func writesTheREADMEImage() throws {
        let target = URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment["ATTUNE_CHART_PNG"]))
        let svg = TrajectoryChart.realistic.svgDocument()
        let directory = try TemporaryDirectory()
        let png = try Chromium.screenshot(of: svg, in: URL(fileURLWithPath: directory.path), scale: 2)
        let image = try DecodedPNG.read(png, at: [])
        #expect(image.width == 1200 && image.height == 600)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: png, to: target)
        try Data(svg.utf8).write(to: target.deletingPathExtension().appendingPathExtension("svg"))
    }
}
