extension TrajectoryChart {
    /// The media type of ``svgDocument()``.
    public static let contentType = "image/svg+xml; charset=utf-8"

    /// The chart as a self-contained SVG 1.1 document, 600×300 (its viewBox), UTF-8.
    ///
    /// Bands are light fills whose lightness differs from band to band, so they stay apart in greyscale;
    /// the cut-off is dashed; the main series is a solid line with round points, the comparison a dashed
    /// line with square points; a detected rupture is a downward triangle, a reported one a diamond, a
    /// repair a ring. Text uses only the generic `sans-serif` family; the document has no script, no
    /// links, no external resources, and every label is XML-escaped. The same chart gives the same bytes.
    public func svgDocument() -> String {
        let layout = ChartLayout(self)
        var parts: [String] = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"600\" height=\"300\""
                + " viewBox=\"0 0 600 300\" font-family=\"sans-serif\" font-size=\"10\" fill=\"#222222\">",
            SVGMarkup.text("title", [], title),
            SVGMarkup.text("desc", [], summary),
            SVGMarkup.empty("rect", [("width", "600"), ("height", "300"), ("fill", "#ffffff")]),
        ]
        parts += bandShapes(layout)
        parts += grid(layout)
        parts += cutoffLine(layout)
        if let comparison {
            parts += seriesShapes(comparison, style: .comparison, layout: layout)
        }
        parts += seriesShapes(series, style: .main, layout: layout)
        parts += markerShapes(layout)
        if !series.points.contains(where: { $0.value?.isFinite == true }) {
            parts.append(
                SVGMarkup.text(
                    "text",
                    [
                        ("x", SVGMarkup.number((ChartLayout.plotLeft + ChartLayout.plotRight) / 2)),
                        ("y", SVGMarkup.number((ChartLayout.plotTop + ChartLayout.plotBottom) / 2)),
                        ("text-anchor", "middle"), ("fill", "#555555"),
                    ],
                    "no values for this scale"
                )
            )
        }
        parts += axes(layout)
        parts += legend()
        parts.append(
            SVGMarkup.text(
                "text",
                [("x", "12"), ("y", "18"), ("font-size", "13"), ("font-weight", "bold")],
                SVGMarkup.truncated(title, to: 80)
            )
        )
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// One sentence for screen readers and for anyone reading the file.
    var summary: String {
        let values = series.points.filter { $0.value?.isFinite == true }
        let sessions = values.map(\.session)
        let detected = ruptures.filter { $0.kind == .detected }.count
        let span =
            if let first = sessions.min(), let last = sessions.max() {
                first == last ? "session \(first)" : "sessions \(first) to \(last)"
            } else {
                "no sessions"
            }
        func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        return "Line chart of \(scaleLabel) over \(span): \(counted(values.count, "value")), "
            + "\(counted(ruptures.count, "rupture")) (\(detected) detected, \(ruptures.count - detected) reported), "
            + "\(counted(repairs.count, "repair"))."
    }

    enum SeriesStyle {
        case main, comparison

        var colour: String { self == .main ? Palette.main : Palette.comparison }
    }

    /// The series' line, broken where a session has no value, and a point per value with its tooltip.
    private func seriesShapes(_ series: Series, style: SeriesStyle, layout: ChartLayout) -> [String] {
        let points = series.points.enumerated().sorted {
            ($0.element.session, $0.offset) < ($1.element.session, $1.offset)
        }
        .map(\.element)
        var path = ""
        var isDrawing = false
        for point in points {
            guard let value = point.value, value.isFinite else {
                isDrawing = false
                continue
            }
            path += (isDrawing ? " L" : (path.isEmpty ? "M" : " M"))
            path += "\(SVGMarkup.number(layout.x(point.session))) \(SVGMarkup.number(layout.y(value)))"
            isDrawing = true
        }
        var lineAttributes: [(String, String)] = [
            ("d", path), ("fill", "none"), ("stroke", style.colour), ("stroke-width", "2"),
            ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
        ]
        if style == .comparison { lineAttributes.append(("stroke-dasharray", "5 3")) }
        var parts = ["<g class=\"\(style == .main ? "series" : "comparison")\">"]
        if !path.isEmpty { parts.append(SVGMarkup.empty("path", lineAttributes)) }
        let radius = Swift.min(Swift.max(layout.sessionSpacing / 3, 1.5), 3.5)
        for point in points {
            guard let value = point.value, value.isFinite else { continue }
            let x = layout.x(point.session)
            let y = layout.y(value)
            let tooltip =
                "\(series.label), session \(point.session)\(point.date.map { " (\($0))" } ?? ""): "
                + ChartLabel.number(value)
            switch style {
            case .main:
                parts.append(
                    SVGMarkup.withTooltip(
                        "circle",
                        [
                            ("class", "point"), ("cx", SVGMarkup.number(x)), ("cy", SVGMarkup.number(y)),
                            ("r", SVGMarkup.number(radius)), ("fill", style.colour),
                        ],
                        tooltip: tooltip
                    )
                )
            case .comparison:
                parts.append(
                    SVGMarkup.withTooltip(
                        "rect",
                        [
                            ("class", "point"), ("x", SVGMarkup.number(x - radius)),
                            ("y", SVGMarkup.number(y - radius)), ("width", SVGMarkup.number(2 * radius)),
                            ("height", SVGMarkup.number(2 * radius)), ("fill", style.colour),
                        ],
                        tooltip: tooltip
                    )
                )
            }
        }
        parts.append("</g>")
        return parts
    }

    /// Rupture and repair markers on the main series' point of their session (at the top of the plot when
    /// that session has no value); a second marker of the same session sits above the first.
    private func markerShapes(_ layout: ChartLayout) -> [String] {
        guard !ruptures.isEmpty || !repairs.isEmpty else { return [] }
        var valueBySession: [Int: Double] = [:]
        for point in series.points {
            if let value = point.value, value.isFinite, valueBySession[point.session] == nil {
                valueBySession[point.session] = value
            }
        }
        func anchor(_ session: Int) -> (x: Double, y: Double) {
            (layout.x(session), valueBySession[session].map(layout.y) ?? ChartLayout.plotTop + 8)
        }
        var parts = ["<g class=\"markers\">"]
        var stacked: [Int: Int] = [:]
        for rupture in ruptures.sorted(by: { ($0.session, $0.kind.rawValue) < ($1.session, $1.kind.rawValue) }) {
            let (x, pointY) = anchor(rupture.session)
            let level = stacked[rupture.session, default: 0]
            stacked[rupture.session] = level + 1
            let y = pointY - Double(level) * 14
            let tooltip = "session \(rupture.session): rupture \(rupture.kind.rawValue)"
            parts.append(Marker.shape(rupture.kind == .detected ? .detected : .reported, x: x, y: y, tooltip: tooltip))
        }
        for repair in repairs.sorted(by: { $0.session < $1.session }) {
            let (x, y) = anchor(repair.session)
            parts.append(Marker.shape(.repair, x: x, y: y, tooltip: "session \(repair.session): repair"))
        }
        parts.append("</g>")
        return parts
    }
}

extension ChartLayout {
    /// The distance between neighbouring sessions, to size points so that 100 sessions stay apart.
    var sessionSpacing: Double {
        (Self.plotRight - Self.plotLeft - 2 * Self.sessionInset) / Swift.max(sessionUpper - sessionLower, 1)
    }
}
