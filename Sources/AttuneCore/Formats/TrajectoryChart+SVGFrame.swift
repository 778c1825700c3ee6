extension TrajectoryChart {
    /// The bands as shaded rectangles across the plot, each with a swatch and its label on the right.
    func bandShapes(_ layout: ChartLayout) -> [String] {
        let usable = bands.enumerated()
            .filter { $0.element.lower.isFinite && $0.element.upper.isFinite }
            .sorted {
                ($0.element.lower, $0.element.upper, $0.offset) < ($1.element.lower, $1.element.upper, $1.offset)
            }
            .map(\.element)
        guard !usable.isEmpty else { return [] }
        var parts = ["<g class=\"bands\">"]
        var labelSlots: [Double] = []
        for (index, band) in usable.enumerated() {
            let fill = Palette.bands[index % Palette.bands.count]
            // Bands published to 2 decimals (0–1.99, 2–2.99) leave a sliver between them: the fill closes it.
            var upper = Swift.max(band.lower, band.upper)
            if index + 1 < usable.count {
                let next = usable[index + 1].lower
                if next > upper, next - upper <= 0.02 * (layout.valueUpper - layout.valueLower) { upper = next }
            }
            let top = layout.y(upper)
            let bottom = layout.y(Swift.min(band.lower, band.upper))
            parts.append(
                SVGMarkup.withTooltip(
                    "rect",
                    [
                        ("class", "band"), ("x", SVGMarkup.number(ChartLayout.plotLeft)),
                        ("y", SVGMarkup.number(top)),
                        ("width", SVGMarkup.number(ChartLayout.plotRight - ChartLayout.plotLeft)),
                        ("height", SVGMarkup.number(bottom - top)), ("fill", fill),
                    ],
                    tooltip: "\(band.label): \(ChartLabel.number(band.lower)) to \(ChartLabel.number(band.upper))"
                )
            )
            labelSlots.append((top + bottom) / 2)
        }
        // Labels from the bottom band up, at least 11 units apart, inside the plot's height.
        var previous = Double.infinity
        for (index, band) in usable.enumerated() {
            let y = Swift.max(
                Swift.min(labelSlots[index], previous - 11, ChartLayout.plotBottom - 4),
                ChartLayout.plotTop + 4
            )
            previous = y
            parts.append(
                SVGMarkup.empty(
                    "rect",
                    [
                        ("class", "band-swatch"), ("x", "505"), ("y", SVGMarkup.number(y - 4)), ("width", "8"),
                        ("height", "8"),
                        ("fill", Palette.bands[index % Palette.bands.count]), ("stroke", "#888888"),
                        ("stroke-width", "0.5"),
                    ]
                )
            )
            parts.append(
                SVGMarkup.text(
                    "text",
                    [("x", "517"), ("y", SVGMarkup.number(y + 3)), ("font-size", "9")],
                    SVGMarkup.truncated(band.label, to: 15)
                )
            )
        }
        parts.append("</g>")
        return parts
    }

    /// Light horizontal lines at the value ticks.
    func grid(_ layout: ChartLayout) -> [String] {
        var parts = ["<g class=\"grid\" stroke=\"\(Palette.grid)\" stroke-width=\"0.5\">"]
        for tick in layout.valueTicks {
            let y = SVGMarkup.number(layout.y(tick))
            parts.append(
                SVGMarkup.empty(
                    "line",
                    [
                        ("x1", SVGMarkup.number(ChartLayout.plotLeft)), ("y1", y),
                        ("x2", SVGMarkup.number(ChartLayout.plotRight)), ("y2", y),
                    ]
                )
            )
        }
        parts.append("</g>")
        return parts
    }

    /// The cut-off as a dashed line, labelled at its right end.
    func cutoffLine(_ layout: ChartLayout) -> [String] {
        guard let cutoff, cutoff.value.isFinite else { return [] }
        let y = layout.y(cutoff.value)
        return [
            "<g class=\"cutoff\">",
            SVGMarkup.empty(
                "line",
                [
                    ("x1", SVGMarkup.number(ChartLayout.plotLeft)), ("y1", SVGMarkup.number(y)),
                    ("x2", SVGMarkup.number(ChartLayout.plotRight)), ("y2", SVGMarkup.number(y)),
                    ("stroke", Palette.cutoff), ("stroke-width", "1.5"), ("stroke-dasharray", "8 4"),
                ]
            ),
            SVGMarkup.text(
                "text",
                [
                    ("x", SVGMarkup.number(ChartLayout.plotRight - 4)),
                    // Above the line, unless that would leave the plot.
                    ("y", SVGMarkup.number(y - 4 < ChartLayout.plotTop + 8 ? y + 11 : y - 4)),
                    ("text-anchor", "end"), ("font-size", "9"), ("fill", Palette.cutoff),
                ],
                "\(SVGMarkup.truncated(cutoff.label, to: 24)) \(ChartLabel.number(cutoff.value))"
            ),
            "</g>",
        ]
    }
}
