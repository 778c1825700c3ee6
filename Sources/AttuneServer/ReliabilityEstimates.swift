internal import AttuneCore
internal import AttuneStore
internal import Foundation
internal import Locking

/// The practice's own reliability estimates per questionnaire and respondent, computed from each client's
/// first submission and kept for a minute, so a trajectory read does not re-read every baseline.
final class ReliabilityEstimates: Sendable {
    private struct Entry {
        var estimates: [PracticeScaleEstimate]
        var computedAt: Date
    }

    /// How long an estimate is reused; baselines change only with new clients.
    static let lifetime: TimeInterval = 60

    private let entries = Lock([String: Entry]())

    /// The estimates, fresh when `fresh` or when the kept ones are older than ``lifetime``.
    func estimates(
        store: any Store,
        practiceID: String,
        definition: QuestionnaireDefinition,
        respondent: Respondent,
        fresh: Bool
    ) throws -> [PracticeScaleEstimate] {
        let key = "\(practiceID)\u{0}\(definition.id)\u{0}\(definition.version)\u{0}\(respondent.rawValue)"
        let now = Date()
        if !fresh, let kept = entries.withLock({ $0[key] }), now.timeIntervalSince(kept.computedAt) < Self.lifetime {
            return kept.estimates
        }
        let firsts = try store.firstSubmissions(
            practiceID: practiceID,
            questionnaireID: definition.id,
            respondent: respondent
        )
        let estimates = PracticeScaleEstimate.estimates(
            definition: definition,
            baselines: firsts.map { (scoresJSON: $0.scores, answersJSON: $0.answers) }
        )
        entries.withLock { $0[key] = Entry(estimates: estimates, computedAt: now) }
        return estimates
    }
}
