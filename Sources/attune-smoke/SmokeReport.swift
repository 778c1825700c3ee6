import AttuneJSON

/// One step's outcome.
struct StepResult: Sendable {
    enum Status: String, Sendable {
        case passed
        case failed
        case skipped
    }

    var name: String
    var status: Status
    var milliseconds: Double
    var detail: String

    var line: String {
        let mark =
            switch status {
            case .passed: "✓"
            case .failed: "✗"
            case .skipped: "-"
            }
        let time = status == .skipped ? "" : " (\(Self.format(milliseconds)) ms)"
        return "\(mark) \(name)\(time)" + (detail.isEmpty ? "" : ": \(detail)")
    }

    static func format(_ milliseconds: Double) -> String {
        let tenths = (milliseconds * 10).rounded() / 10
        return String(tenths)
    }
}

/// Prints each step as it ends (lines mode) so a hanging step is visible while it hangs.
struct StepPrinter: Sendable {
    var json: Bool

    func print(_ result: StepResult) {
        guard !json else { return }
        Swift.print(result.line)
    }
}

/// Every step of a run.
struct SmokeReport: Sendable {
    var steps: [StepResult]

    /// No step failed (skipped steps are not failures).
    var passed: Bool { !steps.contains { $0.status == .failed } }

    var summary: String {
        let count: (StepResult.Status) -> Int = { status in self.steps.filter { $0.status == status }.count }
        return "\(passed ? "ok" : "FAILED"): \(count(.passed)) passed, \(count(.failed)) failed, "
            + "\(count(.skipped)) skipped"
    }

    /// `{"url": …, "passed": …, "steps": [{"name", "status", "milliseconds", "detail"}]}`; never the key.
    func json(url: String) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("url")
        writer.string(url)
        writer.key("passed")
        writer.bool(passed)
        writer.key("steps")
        writer.beginArray()
        for step in steps {
            writer.beginObject()
            writer.key("name")
            writer.string(step.name)
            writer.key("status")
            writer.string(step.status.rawValue)
            writer.key("milliseconds")
            writer.number((step.milliseconds * 1000).rounded() / 1000)
            writer.key("detail")
            writer.string(step.detail)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
