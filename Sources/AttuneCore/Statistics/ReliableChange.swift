/// Jacobson & Truax (1991) reliable change for one scale: is a change between two scores larger than
/// measurement error alone would plausibly produce?
///
/// With reference standard deviation `sd` and reliability `r`:
/// SEm = sd·√(1 − r), S_diff = √(2·SEm²), RCI = (x₂ − x₁) / S_diff, reliable when |RCI| > 1.96
/// (two-sided 5 %).
public struct ReliableChangeCriterion: Sendable, Equatable {
    /// Reference standard deviation of the scale.
    public let sd: Double
    /// Reliability of the scale, in (0, 1).
    public let reliability: Double

    /// The z value beyond which a change counts as reliable (two-sided p < .05).
    public static let criticalZ = 1.96

    /// Creates a criterion; nil unless `sd` > 0 and 0 < `reliability` < 1 (both finite).
    public init?(sd: Double, reliability: Double) {
        guard sd.isFinite, sd > 0, reliability > 0, reliability < 1 else { return nil }
        self.sd = sd
        self.reliability = reliability
    }

    /// The criterion of a scale that states both `sd` and `reliability`.
    public init?(scale: Scale) {
        guard let sd = scale.sd, let reliability = scale.reliability else { return nil }
        self.init(sd: sd, reliability: reliability)
    }

    /// Standard error of measurement, SEm = sd·√(1 − r).
    public var standardErrorOfMeasurement: Double { sd * (1 - reliability).squareRoot() }

    /// Standard error of the difference between two scores, S_diff = √(2·SEm²).
    public var standardErrorOfDifference: Double {
        (2 * standardErrorOfMeasurement * standardErrorOfMeasurement).squareRoot()
    }

    /// The smallest change that counts as reliable: 1.96·S_diff.
    public var minimumReliableChange: Double { Self.criticalZ * standardErrorOfDifference }

    /// The reliable change index (x₂ − x₁) / S_diff.
    public func index(from before: Double, to after: Double) -> Double {
        (after - before) / standardErrorOfDifference
    }

    /// Classifies the change from `before` to `after`.
    public func change(from before: Double, to after: Double) -> ReliableChange {
        let index = index(from: before, to: after)
        let direction: ReliableChange.Direction =
            if index > Self.criticalZ {
                .increase
            } else if index < -Self.criticalZ {
                .decrease
            } else {
                .none
            }
        return ReliableChange(index: index, direction: direction)
    }
}

/// The outcome of a reliable-change test between two scores.
///
/// The direction is neutral on purpose: on the relationship instruments an increase is an improvement,
/// on a symptom measure it is a deterioration; the caller knows which.
public struct ReliableChange: Sendable, Equatable {
    /// Which way a change went, if it was reliable.
    public enum Direction: String, Sendable, Equatable, Codable, CaseIterable {
        /// Reliably higher than before.
        case increase
        /// Reliably lower than before.
        case decrease
        /// Within measurement error.
        case none
    }

    /// The reliable change index.
    public var index: Double
    /// The reliable direction, or `.none`.
    public var direction: Direction

    /// Whether the change exceeds measurement error (|RCI| > 1.96).
    public var isReliable: Bool { direction != .none }

    /// Creates a result.
    public init(index: Double, direction: Direction) {
        self.index = index
        self.direction = direction
    }
}
