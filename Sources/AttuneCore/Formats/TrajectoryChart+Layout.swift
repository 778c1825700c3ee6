/// Where things go on the 600×300 canvas: the plot's frame, the value and session scales, the ticks.
struct ChartLayout {
    static let width = 600.0
    static let height = 300.0
    static let plotLeft = 52.0
    static let plotRight = 500.0
    static let plotTop = 44.0
    static let plotBottom = 252.0
    /// Space between the plot's frame and the first and last session, so edge markers stay inside.
    static let sessionInset = 10.0

    /// The y axis' range: the chart's own when usable, else one around everything it draws.
    let valueLower: Double
    let valueUpper: Double
    /// The x axis' range in sessions; a single session sits in the middle.
    let sessionLower: Double
    let sessionUpper: Double

    init(_ chart: TrajectoryChart) {
        let sessions = chart.allSessions
        if let first = sessions.min(), let last = sessions.max(), first < last {
            (sessionLower, sessionUpper) = (Double(first), Double(last))
        } else {
            let only = Double(sessions.first ?? 1)
            (sessionLower, sessionUpper) = (only - 1, only + 1)
        }
        if chart.yMinimum.isFinite, chart.yMaximum.isFinite, chart.yMinimum < chart.yMaximum,
            chart.yMaximum - chart.yMinimum < .greatestFiniteMagnitude
        {
            (valueLower, valueUpper) = (chart.yMinimum, chart.yMaximum)
        } else {
            let values = chart.allValues
            let low = values.min() ?? 0
            let high = values.max() ?? 1
            (valueLower, valueUpper) = low < high ? (low, high) : (low - 1, low + 1)
        }
    }

    /// The x coordinate of a session.
    func x(_ session: Int) -> Double { x(Double(session)) }

    /// The x coordinate of a session number (or a tick between sessions).
    func x(_ session: Double) -> Double {
        // Near Int.max, only ± 1 rounds back to `only` in a Double: such a range puts its session in the middle.
        let ratio = (session - sessionLower) / (sessionUpper - sessionLower)
        let fraction = ratio.isFinite ? ratio : 0.5
        let left = Self.plotLeft + Self.sessionInset
        let right = Self.plotRight - Self.sessionInset
        return left + Swift.min(Swift.max(fraction, 0), 1) * (right - left)
    }

    /// The y coordinate of a value, clamped to the plot.
    func y(_ value: Double) -> Double {
        let fraction = (value - valueLower) / (valueUpper - valueLower)
        guard fraction.isFinite else { return Self.plotBottom }
        return Self.plotBottom - Swift.min(Swift.max(fraction, 0), 1) * (Self.plotBottom - Self.plotTop)
    }

    /// About five round values across the y range (steps of 1, 2, 2.5 or 5 times a power of ten).
    var valueTicks: [Double] {
        Self.ticks(from: valueLower, to: valueUpper, steps: [1, 2, 2.5, 5], target: 5)
    }

    /// At most about ten whole session numbers (steps of 1, 2 or 5 times a power of ten, at least 1).
    var sessionTicks: [Double] {
        Self.ticks(from: sessionLower, to: sessionUpper, steps: [1, 2, 5], target: 10, minimumStep: 1)
            .filter { $0 >= sessionLower && $0 <= sessionUpper }
    }

    /// Multiples of a round step between `lower` and `upper`, rounded to the step's decimals so that
    /// 3 × 0.1 prints as 0.3.
    static func ticks(from lower: Double, to upper: Double, steps: [Double], target: Double, minimumStep: Double = 0)
        -> [Double]
    {
        let span = upper - lower
        guard span.isFinite, span > 0 else { return [] }
        let raw = Swift.max(span / target, minimumStep)
        var magnitude = 1.0
        var decimals = 0
        while magnitude * 10 <= raw, magnitude < 1e300 { magnitude *= 10 }
        while magnitude > raw, magnitude > 1e-12 {
            magnitude /= 10
            decimals += 1
        }
        let factor = steps.first { $0 * magnitude >= raw } ?? 10
        let step = factor * magnitude
        // 2.5 has one more decimal than its magnitude.
        if factor == 2.5 { decimals += 1 }
        let first = (lower / step).rounded(.up)
        let last = (upper / step).rounded(.down)
        guard first.isFinite, last.isFinite, last >= first, last - first <= 50 else { return [] }
        let scale = Double.powerOfTen(Swift.min(decimals, 12))
        return stride(from: first, through: last, by: 1).map { index in
            let value = index * step
            return decimals > 0 ? (value * scale).rounded() / scale : value
        }
    }
}

extension Double {
    /// 10^exponent for a small non-negative exponent, without Foundation.
    fileprivate static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<Swift.max(exponent, 0) { result *= 10 }
        return result
    }
}

extension TrajectoryChart {
    /// Every session the chart marks, in either series or a marker.
    var allSessions: [Int] {
        series.points.map(\.session) + (comparison?.points.map(\.session) ?? []) + ruptures.map(\.session)
            + repairs.map(\.session)
    }

    /// Every finite value the chart draws: points, bands, cut-off.
    var allValues: [Double] {
        let points = (series.points + (comparison?.points ?? [])).compactMap(\.value)
        let bandEdges = bands.flatMap { [$0.lower, $0.upper] }
        return (points + bandEdges + (cutoff.map { [$0.value] } ?? [])).filter(\.isFinite)
    }
}
