internal import AttuneJSON

extension ScoringPlan {
    /// The answers as ``SubmissionJSON/encodeAnswers(_:order:)`` encodes them, in the definition's item order.
    public func encodeAnswers(_ sheet: AnswerSheet) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 24 * resolvedPositions.count + 2)
        writer.beginObject()
        for (position, resolved) in resolvedPositions.enumerated() {
            // The answer alone: binding the whole slot would copy (and retain) its key too.
            guard let answer = sheet.slots[resolved]?.answer else { continue }
            writer.encodedKey(answerKeys[position])
            writer.answer(answer)
        }
        writer.endObject()
        return writer.bytes
    }

    /// The scores as ``SubmissionJSON/encodeScores(_:)`` encodes them, keyed by scale id (sorted).
    public func encodeScores(_ scores: Scores) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 96 * scales.count + 2)
        writer.beginObject()
        for position in scalesByID {
            let score = scores.values[position]
            writer.encodedKey(scoreOpenings[position])
            SubmissionJSON.write(score, into: &writer, isOpen: true)
        }
        writer.endObject()
        return writer.bytes
    }
}
