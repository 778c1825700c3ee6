extension Migration {
    /// Version 12: rupture episodes by questionnaire and first date, the order an aggregate reads them in
    /// (without it, an aggregate over the whole practice walked every episode of every questionnaire).
    static let episodesByDate = Migration(
        version: 12,
        name: "rupture episodes by questionnaire and date",
        statements: [
            """
            CREATE INDEX rupture_episodes_by_date ON rupture_episodes
                (practice_id, questionnaire_id, respondent, first_date, scale_id)
            """
        ]
    )
}
