extension TrajectoryChart {
    /// A chart of one scale of `definition`: its title on the y axis, its reachable range as the axis'
    /// range, its bands and its cut-off.
    public init(
        title: String,
        scale: Scale,
        of definition: QuestionnaireDefinition,
        series: Series,
        comparison: Series? = nil,
        ruptures: [Rupture] = [],
        repairs: [Repair] = []
    ) {
        // An unreachable range (a definition that cannot score) leaves the axis to the values.
        let range = definition.reachableRange(of: scale)
        self.init(
            title: title,
            scaleLabel: scale.title,
            yMinimum: range?.lowerBound ?? .nan,
            yMaximum: range?.upperBound ?? .nan,
            bands: (scale.bands ?? []).map { Band(label: $0.label, lower: $0.min, upper: $0.max) },
            cutoff: scale.cutoff.map { Cutoff(value: $0.value) },
            series: series,
            comparison: comparison,
            ruptures: ruptures,
            repairs: repairs
        )
    }
}
