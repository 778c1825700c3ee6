internal import AttuneCore
internal import AttuneStore
internal import HTTPServer

/// Finds the definition a request names: a built-in, or one of the practice's published versions
/// (decoded once, then served from the catalog's cache).
struct DefinitionResolver: Sendable {
    let store: any Store
    let catalog: QuestionnaireCatalog

    /// The latest version of `id`, or nil. Off a worker, a practice definition means `RetryOnWorker`.
    func latest(practice: String, id: String, mayBlock: Bool) throws -> PublishedQuestionnaire? {
        if let builtIn = catalog.builtIns[id] { return builtIn }
        guard mayBlock else { throw Router.RetryOnWorker() }
        let stored = try read { try store.latestQuestionnaire(practiceID: practice, id: id) }
        guard let stored else { return nil }
        return try publish(stored, practice: practice)
    }

    /// Version `version` of `id`, or nil.
    func version(practice: String, id: String, version: Int, mayBlock: Bool) throws -> PublishedQuestionnaire? {
        if catalog.isBuiltIn(id) { return catalog.builtIn(id, version: version) }
        if let cached = catalog.cached(practice: practice, id: id, version: version) { return cached }
        guard mayBlock else { throw Router.RetryOnWorker() }
        let stored = try read { try store.questionnaireVersion(practiceID: practice, id: id, version: version) }
        guard let stored else { return nil }
        return try publish(stored, practice: practice)
    }

    private func publish(_ stored: StoredQuestionnaire, practice: String) throws -> PublishedQuestionnaire {
        if let cached = catalog.cached(practice: practice, id: stored.id, version: stored.version) { return cached }
        // The document was encoded and validated by this server when it was published.
        let definition = try DefinitionJSON.decode(JSONReader().parse(stored.document))
        let published = PublishedQuestionnaire(definition: definition, isBuiltIn: false)
        catalog.remember(published, practice: practice)
        return published
    }

    private func read<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw APIError.from(error, resource: "questionnaire")
        }
    }
}
