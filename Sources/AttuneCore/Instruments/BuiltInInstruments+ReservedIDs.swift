extension BuiltInInstruments {
    /// The questionnaire ids a practice may not use for its own definitions: the built-ins', since every
    /// practice sees the built-ins beside its own. The one rule, which the API and the store both apply.
    public static let reservedIDs: Set<String> = Set(all.map(\.id))

    /// Whether `id` is reserved for a built-in.
    public static func isReserved(_ id: String) -> Bool { reservedIDs.contains(id) }
}
