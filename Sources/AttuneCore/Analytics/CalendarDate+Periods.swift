extension CalendarDate {
    /// A date from parts already known to be valid (computed here, never from input).
    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM`.
    public var monthKey: String { String(description.prefix(7)) }

    /// The ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday), `YYYY-Www`.
    public var isoWeek: String {
        // 1970-01-01 was a Thursday: weekday 1 (Monday) ... 7 (Sunday).
        let weekday = ((dayNumber % 7) + 7 + 3) % 7 + 1
        guard let thursday = CalendarDate(dayNumber: dayNumber - weekday + 4) else { return monthKey }
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
