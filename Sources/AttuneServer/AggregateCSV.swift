internal import AttuneCore
internal import AttuneStore

/// The CSV of `GET /v1/aggregates` (`Accept: text/csv` or `format=csv`): RFC 4180, one row per group and
/// scale, then the total's rows (`group` = `total`), in the documented column order below.
enum AggregateCSV {
    /// The columns, in order (docs/analytics.md).
    static let header = [
        "group", "therapist", "month", "week", "scale", "submissions", "clients", "suppressed", "alerts", "n",
        "mean", "sd", "min", "p25", "median", "p75", "max", "bands", "reliable_improvement",
        "reliable_deterioration", "clients_with_change", "ruptures", "repaired", "unresolved", "ended",
        "repair_rate", "median_latency_sessions", "median_latency_days", "shrunk_mean", "shrunk_lower",
        "shrunk_upper",
    ]

    static func encode(_ groups: [AggregateGroup], total: AggregateGroup) -> [UInt8] {
        var writer = CSVWriter(header: header, reservingCapacity: 256 * (groups.count + 1))
        for group in groups { append(group, kind: "group", into: &writer) }
        append(total, kind: "total", into: &writer)
        return writer.bytes
    }

    private static func append(_ group: AggregateGroup, kind: String, into writer: inout CSVWriter) {
        let leading: [CSVCell] = [
            .text(kind), .text(group.key.therapistID), .text(group.key.month), .text(group.key.week),
        ]
        let counts: [CSVCell] = [
            .integer(Int(group.submissions)), .integer(Int(group.clients)),
            .text(group.isSuppressed ? "true" : "false"), .integer(group.alerts.map { Int($0) }),
        ]
        guard !group.scales.isEmpty else {
            writer.append(leading + [.empty] + counts + Array(repeating: .empty, count: header.count - 9))
            return
        }
        for scale in group.scales {
            let stats = scale.statistics
            let bands = scale.bands.map { bands in
                bands.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            }
            let ruptures = scale.ruptures
            var row = leading + [.text(scale.id)] + counts
            row += [
                .integer(stats.map { Int($0.count) }), .number(stats?.mean), .number(stats?.standardDeviation),
                .number(stats?.minimum), .number(stats?.p25), .number(stats?.median), .number(stats?.p75),
                .number(stats?.maximum), .text(bands), .integer(scale.reliableImprovement.map { Int($0) }),
                .integer(scale.reliableDeterioration.map { Int($0) }),
                .integer(scale.clientsWithChange.map { Int($0) }),
                .integer(ruptures.map { Int($0.ruptures) }), .integer(ruptures.map { Int($0.repaired) }),
                .integer(ruptures.map { Int($0.unresolved) }), .integer(ruptures.map { Int($0.ended) }),
                .number(ruptures?.repairRate), .number(ruptures?.medianLatencySessions),
                .number(ruptures?.medianLatencyDays), .number(scale.shrunk?.shrunkMean), .number(scale.shrunk?.lower),
                .number(scale.shrunk?.upper),
            ]
            writer.append(row)
        }
    }
}
