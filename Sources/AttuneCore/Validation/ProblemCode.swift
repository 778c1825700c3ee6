/// Machine-readable problem codes; the raw values are part of the wire contract (`code` in problem bodies).
public enum ProblemCode: String, Sendable, Equatable, Hashable, CaseIterable {
    // MARK: Shared

    /// An id is empty.
    case emptyID
    /// An id has characters outside `A–Z a–z 0–9 . _ -`, does not start with a letter or digit, or is too long.
    case invalidID
    /// Two items, scales, alerts or options share an id.
    case duplicateID
    /// A required text (title, item text, label) is empty.
    case emptyText
    /// A number is NaN or infinite.
    case notFinite
    /// A number lies outside what scoring can represent (docs/scoring.md, "Number bounds"), or a value
    /// computed from the definition's numbers would not be finite.
    case numberOutOfBounds

    // MARK: Definitions

    /// `version` is below 1.
    case invalidVersion
    /// The definition has no items.
    case noItems
    /// A field is given for an item type that does not use it (e.g. `options` on a likert item).
    case notApplicable
    /// `min` or `max` is missing where the item type needs it.
    case missingBound
    /// `min` is not below `max`.
    case invalidRange
    /// A likert `min` or `max` is not an integer.
    case nonIntegerBound
    /// `step` is zero or negative.
    case invalidStep
    /// `step` does not divide `max − min` into whole steps.
    case stepMismatch
    /// A choice item has no options.
    case missingOptions
    /// The number of labels does not match the item's points.
    case labelCount
    /// A scale lists no items.
    case emptyScale
    /// A scale or alert names an item that does not exist.
    case unknownItem
    /// A scale or alert names a text item, which is never scored.
    case textItem
    /// An item appears twice in one scale.
    case duplicateItem
    /// A weight is given for an item that is not in the scale.
    case weightNotInScale
    /// A weight is zero or negative.
    case invalidWeight
    /// `minAnswered` is not in (0, 1].
    case invalidMinAnswered
    /// `round` is not between 0 and 10.
    case invalidRound
    /// A band's `min` is above its `max`.
    case invalidBand
    /// A band starts below the previous band's start.
    case bandsNotAscending
    /// A band starts at or before the previous band's end (bands are inclusive at both ends).
    case bandsOverlap
    /// A band reaches outside the values the scale can take.
    case bandOutsideRange
    /// The first band starts above the lowest value the scale can take, or the last ends below the highest.
    case bandsDoNotCoverRange
    /// A `sum` scale that can have unanswered items (`minAnswered` below 1, or items allowing
    /// `"notApplicable"`) whose items do not share one range: prorating could pass the scale's maximum.
    case prorateMixedRanges
    /// A choice option's value is `"notApplicable"` on an item that allows that answer.
    case reservedOptionValue
    /// A cut-off lies outside the values the scale can take.
    case cutoffOutsideRange
    /// `reliability` is not in (0, 1).
    case invalidReliability
    /// `sd` is zero or negative.
    case invalidSD
    /// An alert gives none or both of `scale` and `item`.
    case alertTarget
    /// An alert gives none or several of `below`, `above`, `atLeast`, `atMost`.
    case alertCondition
    /// An alert names a scale that does not exist.
    case unknownScale
    /// An alert threshold lies outside the values its scale or item can take.
    case thresholdOutsideRange
    /// An alert sits at the edge of the range on the side where it can never fire.
    case alertCannotFire

    // MARK: Submissions

    /// The submission is for another questionnaire id.
    case questionnaireMismatch
    /// The submission names another version than the definition it is checked against.
    case versionMismatch
    /// The submission's respondent is not the definition's.
    case respondentMismatch
    /// `session` is below 1.
    case invalidSession
    /// `date` is not a real `YYYY-MM-DD` calendar date.
    case invalidDate
    /// An answer has the wrong JSON type for its item.
    case wrongType
    /// A number is outside the item's `min`…`max`.
    case outOfRange
    /// A likert answer is not an integer, judged on the decimal text as sent.
    case notInteger
    /// A scale answer is not a whole number of steps from `min`.
    case offStep
    /// A choice answer is not one of the option values.
    case unknownOption
    /// A text answer is longer than ``Item/maxTextLength``.
    case textTooLong
    /// A required item has no answer.
    case missingAnswer
    /// `"notApplicable"` answers an item that does not allow it.
    case notApplicableNotAllowed
    /// No item with a score was answered (every answer skipped, not applicable or text).
    case noScoredAnswer
    /// A sender-computed score differs from the server's by more than 1e-6.
    case scoreMismatch
}
