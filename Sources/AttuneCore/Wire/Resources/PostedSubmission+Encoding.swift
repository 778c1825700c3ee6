public import AttuneJSON

extension PostedSubmission {
    /// The submission as a client posts it (DESIGN.md, "A submission, as posted"): what
    /// ``SubmissionJSON/decode(_:)`` reads back into an equal value.
    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("questionnaire")
        writer.string(questionnaire)
        if let version {
            writer.key("version")
            writer.number(version)
        }
        writer.key("client")
        writer.string(client)
        writer.key("therapist")
        writer.string(therapist)
        writer.key("respondent")
        writer.string(respondent.rawValue)
        writer.key("session")
        writer.number(session)
        writer.key("date")
        writer.string(date)
        writer.key("answers")
        writer.beginObject()
        for answer in answers {
            writer.key(answer.id)
            writer.answer(answer.value)
        }
        writer.endObject()
        if let scores {
            writer.key("scores")
            writer.beginObject()
            for score in scores {
                writer.key(score.scale)
                writer.number(score.value)
            }
            writer.endObject()
        }
        if supersedes {
            writer.key("supersedes")
            writer.bool(true)
        }
        writer.endObject()
    }

    /// ``write(into:)``'s bytes.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter(reservingCapacity: 64 + 24 * answers.count)
        write(into: &writer)
        return writer.bytes
    }
}
