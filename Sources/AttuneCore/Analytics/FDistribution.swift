internal import Foundation

/// The F distribution's CDF and quantiles, for Feldt's interval of Cronbach's α.
enum FDistribution {
    /// P(F ≤ x) for F(d1, d2): the regularized incomplete beta I_{d1·x/(d1·x + d2)}(d1/2, d2/2).
    static func cdf(_ x: Double, _ d1: Double, _ d2: Double) -> Double {
        guard x > 0 else { return 0 }
        return regularizedBeta(d1 * x / (d1 * x + d2), d1 / 2, d2 / 2)
    }

    /// The x with P(F ≤ x) = p, by bisection (the CDF is increasing); nil for parameters out of range.
    static func quantile(_ p: Double, _ d1: Double, _ d2: Double) -> Double? {
        guard p > 0, p < 1, d1 > 0, d2 > 0, d1.isFinite, d2.isFinite else { return nil }
        var low = 0.0
        var high = 1.0
        var doublings = 0
        while cdf(high, d1, d2) < p {
            high *= 2
            doublings += 1
            if doublings > 1000 { return nil }
        }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if cdf(middle, d1, d2) < p { low = middle } else { high = middle }
            if high - low <= 1e-13 * high { break }
        }
        return (low + high) / 2
    }

    /// I_x(a, b) by the continued fraction (Numerical Recipes §6.4), using the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logPowers - logBeta
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a, b) / a
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b
    }

    /// Lentz's method for the incomplete beta's continued fraction.
    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return result
    }
}
