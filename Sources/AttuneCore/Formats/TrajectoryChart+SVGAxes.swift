extension TrajectoryChart {
    /// The frame, ticks and tick labels, the axis titles, and the first and last session dates.
    func axes(_ layout: ChartLayout) -> [String] {
        let left = ChartLayout.plotLeft
        let right = ChartLayout.plotRight
        let top = ChartLayout.plotTop
        let bottom = ChartLayout.plotBottom
        var parts = [
            "<g class=\"axes\">",
            SVGMarkup.empty(
                "path",
                [
                    (
                        "d",
                        "M\(SVGMarkup.number(left)) \(SVGMarkup.number(top)) V\(SVGMarkup.number(bottom)) H\(SVGMarkup.number(right))"
                    ),
                    ("fill", "none"), ("stroke", Palette.axis), ("stroke-width", "1"),
                ]
            ),
        ]
        for tick in layout.valueTicks {
            let y = layout.y(tick)
            parts.append(
                SVGMarkup.empty(
                    "line",
                    [
                        ("x1", SVGMarkup.number(left - 4)), ("y1", SVGMarkup.number(y)), ("x2", SVGMarkup.number(left)),
                        ("y2", SVGMarkup.number(y)), ("stroke", Palette.axis),
                    ]
                )
            )
            parts.append(
                SVGMarkup.text(
                    "text",
                    [("x", SVGMarkup.number(left - 6)), ("y", SVGMarkup.number(y + 3.5)), ("text-anchor", "end")],
                    ChartLabel.number(tick)
                )
            )
        }
        let sessions = Set(allSessions)
        let sessionTicks = sessions.count == 1 ? sessions.map(Double.init) : layout.sessionTicks
        for tick in sessionTicks {
            let x = layout.x(tick)
            parts.append(
                SVGMarkup.empty(
                    "line",
                    [
                        ("x1", SVGMarkup.number(x)), ("y1", SVGMarkup.number(bottom)), ("x2", SVGMarkup.number(x)),
                        ("y2", SVGMarkup.number(bottom + 4)), ("stroke", Palette.axis),
                    ]
                )
            )
            parts.append(
                SVGMarkup.text(
                    "text",
                    [("x", SVGMarkup.number(x)), ("y", SVGMarkup.number(bottom + 14)), ("text-anchor", "middle")],
                    ChartLabel.number(tick)
                )
            )
        }
        parts.append(
            SVGMarkup.text(
                "text",
                [("x", SVGMarkup.number((left + right) / 2)), ("y", "282"), ("text-anchor", "middle")],
                "session"
            )
        )
        let centre = SVGMarkup.number((top + bottom) / 2)
        parts.append(
            SVGMarkup.text(
                "text",
                [("x", "14"), ("y", centre), ("text-anchor", "middle"), ("transform", "rotate(-90 14 \(centre))")],
                SVGMarkup.truncated(scaleLabel, to: 34)
            )
        )
        let dated = (series.points + (comparison?.points ?? [])).compactMap { point in
            point.date.map { (point.session, $0) }
        }
        .sorted { $0 < $1 }
        if let first = dated.first, let last = dated.last {
            parts.append(
                SVGMarkup.text(
                    "text",
                    [("x", SVGMarkup.number(left)), ("y", "282"), ("font-size", "9"), ("fill", "#555555")],
                    SVGMarkup.truncated(first.1, to: 12)
                )
            )
            if last != first {
                parts.append(
                    SVGMarkup.text(
                        "text",
                        [
                            ("x", SVGMarkup.number(right)), ("y", "282"), ("text-anchor", "end"), ("font-size", "9"),
                            ("fill", "#555555"),
                        ],
                        SVGMarkup.truncated(last.1, to: 12)
                    )
                )
            }
        }
        parts.append("</g>")
        return parts
    }

    /// One row under the title naming each kind of line and marker the chart shows.
    func legend() -> [String] {
        enum Symbol {
            case line(String, dashed: Bool, square: Bool)
            case marker(Marker)
        }
        var entries: [(Symbol, String)] = [(.line(Palette.main, dashed: false, square: false), series.label)]
        if let comparison { entries.append((.line(Palette.comparison, dashed: true, square: true), comparison.label)) }
        if ruptures.contains(where: { $0.kind == .detected }) {
            entries.append((.marker(.detected), "rupture detected"))
        }
        if ruptures.contains(where: { $0.kind == .reported }) {
            entries.append((.marker(.reported), "rupture reported"))
        }
        if !repairs.isEmpty { entries.append((.marker(.repair), "repair")) }
        var parts = ["<g class=\"legend\">"]
        var x = ChartLayout.plotLeft
        let y = 34.0
        for (symbol, label) in entries {
            switch symbol {
            case .line(let colour, let dashed, let square):
                var attributes: [(String, String)] = [
                    ("x1", SVGMarkup.number(x)), ("y1", SVGMarkup.number(y - 3)), ("x2", SVGMarkup.number(x + 16)),
                    ("y2", SVGMarkup.number(y - 3)), ("stroke", colour), ("stroke-width", "2"),
                ]
                if dashed { attributes.append(("stroke-dasharray", "5 3")) }
                parts.append(SVGMarkup.empty("line", attributes))
                parts.append(
                    square
                        ? SVGMarkup.empty(
                            "rect",
                            [
                                ("x", SVGMarkup.number(x + 5)), ("y", SVGMarkup.number(y - 6)), ("width", "6"),
                                ("height", "6"), ("fill", colour),
                            ]
                        )
                        : SVGMarkup.empty(
                            "circle",
                            [
                                ("cx", SVGMarkup.number(x + 8)), ("cy", SVGMarkup.number(y - 3)), ("r", "3"),
                                ("fill", colour),
                            ]
                        )
                )
            case .marker(let marker):
                parts.append(Marker.shape(marker, x: x + 8, y: y - 3, tooltip: label, isLegend: true))
            }
            let text = SVGMarkup.truncated(label, to: 16)
            parts.append(SVGMarkup.text("text", [("x", SVGMarkup.number(x + 20)), ("y", SVGMarkup.number(y))], text))
            // About 5.5 units per character at font size 10 in a generic sans-serif.
            x += 20 + 5.5 * Double(text.count) + 14
        }
        parts.append("</g>")
        return parts
    }
}
