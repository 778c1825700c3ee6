import AttuneJSON

/// The chart's colours. Lightness carries the meaning as much as hue does, so a greyscale print reads.
enum Palette {
    /// The main series: dark blue (luma ≈ 0.29), far darker than any band.
    static let main = "#1f4e9c"
    /// The comparison series: dark orange (luma ≈ 0.41), dashed.
    static let comparison = "#b35900"
    static let cutoff = "#444444"
    static let detected = "#c0392b"
    static let reported = "#7d3c98"
    static let repair = "#1e8449"
    static let axis = "#333333"
    static let grid = "#d0d0d0"
    /// Band fills in value order, cycled: luma ≈ 0.96, 0.90, 0.83, 0.77, so neighbouring bands differ by
    /// at least 6 % in greyscale and the darkest stays 0.48 lighter than the main line.
    static let bands = ["#f3f6f9", "#dfe6ee", "#cbd6e2", "#b7c6d6"]
}

/// The shapes that tell markers apart without colour.
enum Marker {
    case detected, reported, repair

    /// The marker centred on (x, y): a downward triangle (a fall), a diamond, a ring. A legend's sample
    /// gets a class of its own, so that the chart's markers can be counted by class.
    static func shape(_ marker: Marker, x: Double, y: Double, tooltip: String, isLegend: Bool = false) -> String {
        let prefix = isLegend ? "legend-" : ""
        func point(_ dx: Double, _ dy: Double) -> String { "\(SVGMarkup.number(x + dx)),\(SVGMarkup.number(y + dy))" }
        switch marker {
        case .detected:
            return SVGMarkup.withTooltip(
                "polygon",
                [
                    ("class", prefix + "rupture-detected"),
                    ("points", "\(point(-6, -5)) \(point(6, -5)) \(point(0, 6))"),
                    ("fill", Palette.detected), ("stroke", "#ffffff"), ("stroke-width", "1"),
                ],
                tooltip: tooltip
            )
        case .reported:
            return SVGMarkup.withTooltip(
                "polygon",
                [
                    ("class", prefix + "rupture-reported"),
                    ("points", "\(point(0, -7)) \(point(7, 0)) \(point(0, 7)) \(point(-7, 0))"),
                    ("fill", Palette.reported), ("stroke", "#ffffff"), ("stroke-width", "1"),
                ],
                tooltip: tooltip
            )
        case .repair:
            return SVGMarkup.withTooltip(
                "circle",
                [
                    ("class", prefix + "repair"), ("cx", SVGMarkup.number(x)), ("cy", SVGMarkup.number(y)), ("r", "7"),
                    ("fill", "none"), ("stroke", Palette.repair), ("stroke-width", "2.5"),
                ],
                tooltip: tooltip
            )
        }
    }
}

/// How the chart writes a value in a label or tooltip.
enum ChartLabel {
    /// The shortest decimal that reads back to `value` (as in Attune's JSON): `2.5`, `0.25`, `3`.
    static func number(_ value: Double) -> String {
        var writer = JSONWriter(reservingCapacity: 24)
        writer.number(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
