extension CalendarDate {
    /// A date from parts already known to be valid (computed here, never from input).
    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's days_from_civil).
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// `YYYY-MM`.
    public var monthKey: String { String(description.prefix(7)) }

    /// The ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday), `YYYY-Www`.
    public var isoWeek: String {
        // 1970-01-01 was a Thursday: weekday 1 (Monday) ... 7 (Sunday).
        let weekday = ((dayNumber % 7) + 7 + 3) % 7 + 1
        let thursday = CalendarDate(dayNumber: dayNumber - weekday + 4)
        let januaryFirst = CalendarDate(year: thursday.year, month: 1, day: 1)
        let week = (thursday.dayNumber - januaryFirst.dayNumber) / 7 + 1
        return "\(thursday.year)-W\(week < 10 ? "0" : "")\(week)"
    }

    /// The first day of the month.
    public var firstOfMonth: CalendarDate { CalendarDate(year: year, month: month, day: 1) }

    /// The last day of the month.
    public var lastOfMonth: CalendarDate {
        CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
    }
}
