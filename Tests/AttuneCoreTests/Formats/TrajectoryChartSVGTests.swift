import AttuneCore
import AttuneTesting
import Testing

/// The chart as an SVG document: well-formed XML, self-contained, escaped, and drawing what it is given.
@Suite struct TrajectoryChartSVGTests {
    static let samples: [(String, TrajectoryChart)] = [
        ("realistic", .realistic), ("single", .single), ("gaps", .gaps), ("hundred", .hundred),
    ]

    @Test(arguments: samples.map(\.0))
    func isWellFormedSelfContainedSVG(sample: String) throws {
        let chart = try #require(Self.samples.first { $0.0 == sample }?.1)
        let svg = chart.svgDocument()
        let document = try #require(SVGInspector.parse(svg), "not well-formed XML")
        let root = try #require(document.elements.first)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["version"] == "1.1")
        #expect(root.attributes["viewBox"] == "0 0 600 300")
        #expect(root.attributes["width"] == "600" && root.attributes["height"] == "300")
        // No script, no links, no external resources, no fonts but the generic families.
        #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("url("))
        #expect(!svg.contains("@import") && !svg.contains("@font-face"))
        let allowed: Set = [
            "svg", "title", "desc", "rect", "g", "line", "path", "circle", "polygon", "text",
        ]
        #expect(Set(document.elements.map(\.name)).isSubset(of: allowed))
        for element in document.elements {
            #expect(element.attributes.keys.allSatisfy { !$0.hasPrefix("on") && !$0.contains("href") })
            if let family = element.attributes["font-family"] { #expect(family == "sans-serif") }
        }
        // Every coordinate inside the canvas.
        for circle in document.elements("circle") {
            let x = try #require(SVGInspector.number(circle, "cx"))
            let y = try #require(SVGInspector.number(circle, "cy"))
            #expect((0...600).contains(x) && (0...300).contains(y))
        }
    }

    @Test func drawsOnePointPerValueAndBreaksTheLineAtGaps() throws {
        let document = try #require(SVGInspector.parse(TrajectoryChart.gaps.svgDocument()))
        #expect(document.elements("circle", class: "point").count == 4)
        let line = try #require(
            document.elements("g", class: "series").first.flatMap { _ in
                document.elements("path").first { $0.attributes["stroke"] == "#1f4e9c" }
            }
        )
        let d = try #require(line.attributes["d"])
        // Two runs of values (2–3 and 6–7): two subpaths, each a move and one line.
        #expect(d.filter { $0 == "M" }.count == 2)
        #expect(d.filter { $0 == "L" }.count == 2)
        // The reported rupture on a session without a value sits at the top of the plot.
        let diamond = try #require(document.elements("polygon", class: "rupture-reported").first)
        #expect(diamond.text.contains("session 5"))
    }

    @Test func drawsOnePointCentred() throws {
        let document = try #require(SVGInspector.parse(TrajectoryChart.single.svgDocument()))
        let point = try #require(document.elements("circle", class: "point").first)
        #expect(SVGInspector.number(point, "cx") == 276)
        let expectedY: Double = 252 - 2.5 / 4 * 208
        #expect(SVGInspector.number(point, "cy") == expectedY)
        #expect(
            document.elements("path").contains {
                $0.attributes["d"]?.hasPrefix("M") == true && $0.attributes["stroke"] == "#1f4e9c"
            }
        )
        // The x axis labels only that session.
        let labels = document.elements("text").filter { $0.attributes["text-anchor"] == "middle" }.map(\.text)
        #expect(labels.contains("1") && !labels.contains("0") && !labels.contains("2"))
    }

    @Test func keepsAHundredSessionsApartAndTheTicksFew() throws {
        let document = try #require(SVGInspector.parse(TrajectoryChart.hundred.svgDocument()))
        let points = document.elements("circle", class: "point")
        #expect(points.count == 100)
        let xs = points.compactMap { SVGInspector.number($0, "cx") }
        let radius = try #require(points.first.flatMap { SVGInspector.number($0, "r") })
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $1 - $0 > 2 * radius - 0.01 })
        #expect(xs.first == 62 && xs.last == 490)
        let sessionLabels = document.elements("text").filter {
            $0.attributes["text-anchor"] == "middle" && Int($0.text) != nil
        }
        #expect(sessionLabels.map(\.text) == ["10", "20", "30", "40", "50", "60", "70", "80", "90", "100"])
    }

    @Test func marksRupturesAndRepairsByShape() throws {
        let document = try #require(SVGInspector.parse(TrajectoryChart.realistic.svgDocument()))
        #expect(document.elements("polygon", class: "rupture-detected").count == 1)
        #expect(document.elements("polygon", class: "rupture-reported").count == 1)
        #expect(document.elements("circle", class: "repair").count == 2)
        // A triangle has three corners, a diamond four: the shapes differ, not only the colours.
        let triangle = try #require(document.elements("polygon", class: "rupture-detected").first)
        let diamond = try #require(document.elements("polygon", class: "rupture-reported").first)
        #expect(triangle.attributes["points"]?.split(separator: " ").count == 3)
        #expect(diamond.attributes["points"]?.split(separator: " ").count == 4)
        // The detected rupture sits on session 9's point.
        let point9 = try #require(document.elements("circle", class: "point").first { $0.text.contains("session 9 ") })
        let corners = try #require(triangle.attributes["points"]).split(separator: " ").map {
            $0.split(separator: ",").compactMap { Double($0) }
        }
        #expect(corners[2][0] == SVGInspector.number(point9, "cx"))
        #expect(corners[2][1] == (SVGInspector.number(point9, "cy") ?? 0) + 6)
        // The legend names each kind once.
        let legend = document.elements("text").map(\.text)
        for name in ["client", "therapist", "rupture detected", "rupture reported", "repair"] {
            #expect(legend.filter { $0 == name }.count == 1, "legend entry \(name)")
        }
    }

    @Test func shadesBandsAndDashesTheCutoff() throws {
        let document = try #require(SVGInspector.parse(TrajectoryChart.realistic.svgDocument()))
        let bands = document.elements("rect", class: "band")
        #expect(bands.count == 4)
        #expect(Set(bands.compactMap { $0.attributes["fill"] }).count == 4)
        // Bands published to 2 decimals (0–1.99, 2–2.99) are drawn edge to edge.
        let edges = bands.compactMap { band in
            SVGInspector.number(band, "y").flatMap { y in SVGInspector.number(band, "height").map { (y, y + $0) } }
        }
        .sorted { $0.0 > $1.0 }
        for (lower, upper) in zip(edges, edges.dropFirst()) { #expect(upper.1 == lower.0) }
        let cutoff = try #require(document.elements("line").first { $0.attributes["stroke-dasharray"] == "8 4" })
        let expectedY: Double = 252 - 3.0 / 4 * 208
        #expect(SVGInspector.number(cutoff, "y1") == expectedY)
        #expect(document.elements("text").contains { $0.text == "cut-off 3" })
        #expect(document.elements("text").contains { $0.text == "strained" })
    }

    @Test func isDeterministic() {
        #expect(TrajectoryChart.realistic.svgDocument() == TrajectoryChart.realistic.svgDocument())
        var reordered = TrajectoryChart.realistic
        reordered.series.points.reverse()
        reordered.bands.reverse()
        reordered.ruptures.reverse()
        reordered.repairs.reverse()
        #expect(reordered.svgDocument() == TrajectoryChart.realistic.svgDocument())
    }

    @Test func escapesHostileLabels() throws {
        let hostile =
            "</text><script>alert(1)</script><a xlink:href=\"javascript:x\">&amp; ' \" ]]> <!-- \u{0}\u{1B}\u{FFFE}"
        let chart = TrajectoryChart(
            title: hostile,
            scaleLabel: hostile,
            yMinimum: 0,
            yMaximum: 4,
            bands: [TrajectoryChart.Band(label: hostile, lower: 0, upper: 2)],
            cutoff: TrajectoryChart.Cutoff(value: 1, label: hostile),
            series: TrajectoryChart.Series(
                label: hostile,
                points: [
                    TrajectoryChart.Point(session: 1, date: hostile, value: 1),
                    .init(session: 2, date: hostile, value: 2),
                ]
            ),
            comparison: TrajectoryChart.Series(label: hostile, points: [.init(session: 1, value: 1.5)])
        )
        let svg = chart.svgDocument()
        let document = try #require(SVGInspector.parse(svg), "a hostile label made the document ill-formed")
        #expect(!svg.contains("<script") && !svg.contains("<a ") && !svg.contains("<!--"))
        #expect(!document.elements.contains { ["script", "a"].contains($0.name) })
        #expect(document.elements.allSatisfy { $0.attributes.keys.allSatisfy { !$0.contains("href") } })
        // The text survives as text: the parser gives the label back, forbidden characters as U+FFFD.
        let readable =
            "</text><script>alert(1)</script><a xlink:href=\"javascript:x\">&amp; ' \" ]]> <!-- \u{FFFD}\u{FFFD}\u{FFFD}"
        #expect(document.elements("title").first?.text == readable)
        #expect(document.elements("text").contains { $0.text == String(readable.prefix(79)) + "…" })
        #expect(document.elements("circle", class: "point").first?.text.hasPrefix(readable + ", session 1 (") == true)
    }

    /// Any numbers draw: reversed, equal or non-finite ranges and values never trap or leave the canvas.
    @Test(arguments: [
        (Double.nan, Double.nan), (4, 0), (2, 2), (-.infinity, .infinity), (0, .greatestFiniteMagnitude),
    ])
    func drawsAnyRange(minimum: Double, maximum: Double) throws {
        let chart = TrajectoryChart(
            title: "t",
            scaleLabel: "s",
            yMinimum: minimum,
            yMaximum: maximum,
            bands: [.init(label: "b", lower: -.infinity, upper: .nan), .init(label: "c", lower: 1, upper: 0)],
            cutoff: .init(value: .infinity),
            series: .init(
                label: "client",
                points: [
                    .init(session: Int.min, value: .nan), .init(session: 0, value: -1e308),
                    .init(session: Int.max, value: 1e308),
                ]
            ),
            ruptures: [.init(session: Int.max, kind: .detected)]
        )
        let document = try #require(SVGInspector.parse(chart.svgDocument()))
        for circle in document.elements("circle") {
            let x = try #require(SVGInspector.number(circle, "cx"))
            let y = try #require(SVGInspector.number(circle, "cy"))
            #expect((0...600).contains(x) && (0...300).contains(y))
        }
    }

    /// A single session near Int.max: its range of ± 1 is one Double, and the point still sits centred.
    @Test(arguments: [Int.max, Int.min, 1 << 62])
    func centresOneHugeSession(session: Int) throws {
        let chart = TrajectoryChart(
            title: "t",
            scaleLabel: "s",
            yMinimum: 0,
            yMaximum: 4,
            series: .init(label: "client", points: [.init(session: session, value: 2)]),
            repairs: [.init(session: session)]
        )
        let document = try #require(SVGInspector.parse(chart.svgDocument()))
        let point = try #require(document.elements("circle", class: "point").first)
        #expect(SVGInspector.number(point, "cx") == 276)
        #expect(document.elements("circle", class: "repair").first.flatMap { SVGInspector.number($0, "cx") } == 276)
    }

    @Test func saysWhenThereAreNoValues() throws {
        let chart = TrajectoryChart(
            title: "t",
            scaleLabel: "s",
            yMinimum: 0,
            yMaximum: 4,
            series: .init(label: "client", points: [.init(session: 1, value: nil)])
        )
        let document = try #require(SVGInspector.parse(chart.svgDocument()))
        #expect(document.elements("text").contains { $0.text == "no values for this scale" })
        #expect(document.elements("circle", class: "point").isEmpty)
    }

    @Test func takesAxisBandsAndCutoffFromTheScale() throws {
        let definition = try #require(BuiltInInstruments.latest.first)
        let scale = try #require(definition.scales.first)
        let chart = TrajectoryChart(
            title: "t",
            scale: scale,
            of: definition,
            series: .init(label: "client", points: [.init(session: 1, value: 3)])
        )
        #expect(chart.yMinimum == 0 && chart.yMaximum == 4)
        #expect(chart.bands.map(\.label) == ["strained", "mixed", "good", "strong"])
        #expect(chart.cutoff?.value == 3)
        #expect(chart.scaleLabel == scale.title)
    }
}
