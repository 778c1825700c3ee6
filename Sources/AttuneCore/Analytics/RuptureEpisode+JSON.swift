public import AttuneJSON

extension RuptureEpisode {
    /// The episode as the API shows it (the `201`'s `ruptures`, a trajectory's `episodes`); `status` is
    /// the read-time status, when known.
    public func write(into writer: inout JSONWriter, status: Status? = nil, rules: RuptureRules = .standard) {
        writer.beginObject()
        writer.key("scale")
        writer.string(scaleID)
        writer.key("kind")
        writer.string(kind.rawValue)
        writer.key("reported")
        writer.bool(isReported)
        writer.key("firstSession")
        writer.number(firstSession)
        writer.key("firstDate")
        writer.string(firstDate.description)
        writer.key("therapist")
        writer.string(therapistID)
        writer.key("lastLowSession")
        writer.number(lastLowSession)
        writer.key("lastLowDate")
        writer.string(lastLowDate.description)
        writer.key("baselineMean")
        writer.optionalNumber(baselineMean)
        writer.key("sigma")
        writer.optionalNumber(sigma)
        writer.key("threshold")
        if let baselineMean, let sigma {
            writer.number(difference(baselineMean - rules.k * sigma))
        } else {
            writer.null()
        }
        writer.key("depth")
        writer.optionalNumber(depth)
        writer.key("repairSession")
        writer.optionalNumber(repairSession.map(Double.init))
        writer.key("repairDate")
        if let repairDate { writer.string(repairDate.description) } else { writer.null() }
        writer.key("latencySessions")
        writer.optionalNumber(latencySessions.map(Double.init))
        writer.key("latencyDays")
        writer.optionalNumber(latencyDays.map(Double.init))
        writer.key("sessionsAfterLastLow")
        writer.number(sessionsAfterLastLow)
        if let status {
            writer.key("status")
            writer.string(status.rawValue)
        }
        writer.endObject()
    }

    /// `body` (a JSON object, the `201` of a submission) with `"ruptures": [...]` added as its last member;
    /// `body` itself when there are none or it does not end in `}`.
    public static func patch(_ body: [UInt8], ruptures: [RuptureEpisode]) -> [UInt8] {
        guard !ruptures.isEmpty, let close = body.lastIndex(of: UInt8(ascii: "}")) else { return body }
        var writer = JSONWriter(reservingCapacity: 256 * ruptures.count)
        writer.beginArray()
        for episode in ruptures { episode.write(into: &writer, status: nil) }
        writer.endArray()
        var patched = Array(body[..<close])
        patched += Array(#","ruptures":"#.utf8)
        patched += writer.bytes
        patched += body[close...]
        return patched
    }
}

extension JSONWriter {
    /// A number rounded to 6 decimals, or null.
    mutating func optionalNumber(_ value: Double?) {
        if let value, value.isFinite { number(difference(value)) } else { null() }
    }
}
