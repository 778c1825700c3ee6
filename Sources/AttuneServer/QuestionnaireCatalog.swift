internal import AttuneCore
internal import Synchronization

/// A published questionnaire version, ready to serve: the definition, its canonical bytes, a strong ETag and
/// the plan submissions are scored with. Published versions never change, so an entry is valid forever once built.
struct PublishedQuestionnaire: Sendable {
    let definition: QuestionnaireDefinition
    /// Compiled once here, so each submission only looks its answers up.
    let plan: ScoringPlan
    let bytes: [UInt8]
    let etag: String
    let isBuiltIn: Bool

    init(definition: QuestionnaireDefinition, isBuiltIn: Bool) {
        self.definition = definition
        self.isBuiltIn = isBuiltIn
        plan = ScoringPlan(definition)
        bytes = DefinitionJSON.encode(definition)
        // Strong validator (RFC 9110 §8.8.3): a hash of the exact bytes served.
        etag = "\"" + sha256Hex(bytes, prefixBytes: 16) + "\""
    }
}

/// Every definition a practice can see: the built-ins (in code) and, cached on first use, the practice's own
/// published versions (immutable, so they are never invalidated; only the "latest" pointer is).
final class QuestionnaireCatalog: Sendable {
    let builtIns: [String: PublishedQuestionnaire]
    private let cache = Mutex<[VersionKey: PublishedQuestionnaire]>([:])
    private static let capacity = 10_000

    struct VersionKey: Hashable {
        let practice: String
        let id: String
        let version: Int
    }

    init() {
        var builtIns: [String: PublishedQuestionnaire] = [:]
        for definition in BuiltInInstruments.all {
            builtIns[definition.id] = PublishedQuestionnaire(definition: definition, isBuiltIn: true)
        }
        self.builtIns = builtIns
    }

    /// Whether `id` names a built-in instrument (practices can't publish under these ids).
    func isBuiltIn(_ id: String) -> Bool { builtIns[id] != nil }

    /// A cached practice version.
    func cached(practice: String, id: String, version: Int) -> PublishedQuestionnaire? {
        cache.withLock { $0[VersionKey(practice: practice, id: id, version: version)] }
    }

    /// Caches a practice version (bounded: a full cache starts over).
    func remember(_ published: PublishedQuestionnaire, practice: String) {
        let key = VersionKey(practice: practice, id: published.definition.id, version: published.definition.version)
        cache.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = published
        }
    }
}
