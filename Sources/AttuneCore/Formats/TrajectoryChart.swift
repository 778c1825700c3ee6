/// What a trajectory chart shows: one scale of one client over sessions, with its bands, its cut-off, and
/// where ruptures began and were repaired. ``svgDocument()`` draws it; the value itself knows nothing of
/// the store or of HTTP, so a route builds it from a trajectory and renders it.
public struct TrajectoryChart: Sendable, Hashable {
    /// An interpretation band of the scale, shaded across the plot.
    public struct Band: Sendable, Hashable {
        /// The band's name, shown beside the plot ("low", "moderate", "high").
        public var label: String
        /// The band's lowest value.
        public var lower: Double
        /// The band's highest value.
        public var upper: Double

        /// A band from `lower` to `upper`.
        public init(label: String, lower: Double, upper: Double) {
            self.label = label
            self.lower = lower
            self.upper = upper
        }
    }

    /// One session of a series: its number, its date, and the scale's value (nil when it has none).
    public struct Point: Sendable, Hashable {
        /// The session number (x axis).
        public var session: Int
        /// The session date as written (`YYYY-MM-DD`), shown in the point's tooltip and under the axis.
        public var date: String?
        /// The scale's value; nil leaves a gap in the line (a session without a value for this scale).
        public var value: Double?

        /// A point of a series.
        public init(session: Int, date: String? = nil, value: Double?) {
            self.session = session
            self.date = date
            self.value = value
        }
    }

    /// A line on the chart: the client-rated values, or the therapist-rated ones beside them.
    public struct Series: Sendable, Hashable {
        /// The series' name in the legend ("client", "therapist").
        public var label: String
        /// The sessions, in any order (they are drawn in session order).
        public var points: [Point]

        /// A series named `label`.
        public init(label: String, points: [Point]) {
            self.label = label
            self.points = points
        }
    }

    /// A clinical cut-off, drawn as a dashed line across the plot.
    public struct Cutoff: Sendable, Hashable {
        /// The cut-off value.
        public var value: Double
        /// Its name in the legend; by default "cut-off".
        public var label: String

        /// A cut-off at `value`.
        public init(value: Double, label: String = "cut-off") {
            self.value = value
            self.label = label
        }
    }

    /// Where a rupture episode began.
    public struct Rupture: Sendable, Hashable {
        /// How the rupture became known.
        public enum Kind: String, Sendable, Hashable {
            /// Found in the scores (a fall of at least k·σ below the client's own mean): a triangle.
            case detected
            /// Reported by the client ("something felt off"): a diamond.
            case reported
        }

        /// The session of the episode's first low (or reported) session.
        public var session: Int
        /// Detected or reported.
        public var kind: Kind

        /// A rupture marker at `session`.
        public init(session: Int, kind: Kind) {
            self.session = session
            self.kind = kind
        }
    }

    /// Where a rupture episode was repaired: a ring.
    public struct Repair: Sendable, Hashable {
        /// The repair session.
        public var session: Int

        /// A repair marker at `session`.
        public init(session: Int) {
            self.session = session
        }
    }

    /// The chart's heading (the client and questionnaire, say); also the document's `<title>`.
    public var title: String
    /// The y axis' name: the scale ("Trust (mean 0–4)").
    public var scaleLabel: String
    /// The lowest value on the y axis (the scale's possible minimum).
    public var yMinimum: Double
    /// The highest value on the y axis (the scale's possible maximum).
    public var yMaximum: Double
    /// The scale's bands, in any order.
    public var bands: [Band]
    /// The scale's clinical cut-off, if it has one.
    public var cutoff: Cutoff?
    /// The main series (the respondent the trajectory was asked for), solid, with round points.
    public var series: Series
    /// A second view of the same sessions (the therapist's ratings beside the client's), dashed, with
    /// square points; nil for one view.
    public var comparison: Series?
    /// Where rupture episodes began; drawn on the main series' point of that session.
    public var ruptures: [Rupture]
    /// Where rupture episodes were repaired; drawn on the main series' point of that session.
    public var repairs: [Repair]

    /// A chart of `series` on a y axis from `yMinimum` to `yMaximum`. A range that is not finite or not
    /// increasing is replaced by one around the values, so any input draws.
    public init(
        title: String,
        scaleLabel: String,
        yMinimum: Double,
        yMaximum: Double,
        bands: [Band] = [],
        cutoff: Cutoff? = nil,
        series: Series,
        comparison: Series? = nil,
        ruptures: [Rupture] = [],
        repairs: [Repair] = []
    ) {
        self.title = title
        self.scaleLabel = scaleLabel
        self.yMinimum = yMinimum
        self.yMaximum = yMaximum
        self.bands = bands
        self.cutoff = cutoff
        self.series = series
        self.comparison = comparison
        self.ruptures = ruptures
        self.repairs = repairs
    }
}
