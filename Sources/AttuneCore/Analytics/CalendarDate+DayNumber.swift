extension CalendarDate {
    /// Days since 1970-01-01 (negative before), for counting the days between two session dates.
    ///
    /// Howard Hinnant's `days_from_civil`: exact for every proleptic Gregorian date.
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    public func days(to later: CalendarDate) -> Int { later.dayNumber - dayNumber }

    /// The range of day numbers a `CalendarDate` can hold: 0001-01-01 through 9999-12-31.
    public static let dayNumbers = -719_162...2_932_896

    /// The date `dayNumber` days after 1970-01-01 (Hinnant's `civil_from_days`); nil outside 0001–9999.
    public init?(dayNumber: Int) {
        guard Self.dayNumbers.contains(dayNumber) else { return nil }
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The UTC date of a moment given in seconds since 1970-01-01; the nearest representable date for a
    /// clock outside 0001–9999.
    public init(utcSecondsSince1970 seconds: Double) {
        let days = seconds.isFinite ? (seconds / 86_400).rounded(.down) : 0
        let clamped = Swift.min(Swift.max(days, Double(Self.dayNumbers.lowerBound)), Double(Self.dayNumbers.upperBound))
        self = CalendarDate(dayNumber: Int(clamped)) ?? CalendarDate(year: 1970, month: 1, day: 1)
    }
}
