internal import AttuneCore
internal import HTTPServer
internal import Locking

/// A published questionnaire version, ready to serve: the definition, its canonical bytes, a strong ETag and
/// the plan submissions are scored with. Published versions never change, so an entry is valid forever once built.
struct PublishedQuestionnaire: Sendable {
    let definition: QuestionnaireDefinition
    /// Compiled once here, so each submission only looks its answers up.
    let plan: ScoringPlan
    let bytes: [UInt8]
    let etag: String
    let isBuiltIn: Bool
    /// The header fields of a 200 and of a 304, per caching policy, encoded once: a GET copies them.
    private let latestFields: ResponseFields
    private let versionFields: ResponseFields

    /// How long a client may reuse the representation without asking again.
    enum Caching {
        /// "Latest" moves when a version is published: revalidate each time.
        case revalidate
        /// A published version never changes.
        case immutable

        var cacheControl: String {
            switch self {
            case .revalidate: "private, no-cache"
            case .immutable: "private, max-age=31536000, immutable"
            }
        }
    }

    private struct ResponseFields: Sendable {
        let ok: EncodedHeaderFields
        let notModified: EncodedHeaderFields

        init(etag: String, caching: Caching) {
            // RFC 9110 §15.4.5: a 304 carries the validator and caching fields a 200 would, not Content-Type.
            let common: HTTPHeaders = ["ETag": etag, "Cache-Control": caching.cacheControl]
            var full = common
            full.add(name: "Content-Type", value: "application/json")
            ok = EncodedHeaderFields(full)
            notModified = EncodedHeaderFields(common)
        }
    }

    init(definition: QuestionnaireDefinition, isBuiltIn: Bool) {
        self.definition = definition
        self.isBuiltIn = isBuiltIn
        plan = ScoringPlan(definition)
        bytes = DefinitionJSON.encode(definition)
        // Strong validator (RFC 9110 §8.8.3): a hash of the exact bytes served.
        etag = "\"" + sha256Hex(bytes, prefixBytes: 16) + "\""
        latestFields = ResponseFields(etag: etag, caching: .revalidate)
        versionFields = ResponseFields(etag: etag, caching: .immutable)
    }

    /// The pre-encoded header fields of a 200 (`notModified` false) or a 304 under `caching`.
    func headerFields(_ caching: Caching, notModified: Bool) -> EncodedHeaderFields {
        let fields = caching == .revalidate ? latestFields : versionFields
        return notModified ? fields.notModified : fields.ok
    }
}

/// Every definition a practice can see: the built-ins (in code) and, cached on first use, the practice's own
/// published versions (immutable, so they are never invalidated; only the "latest" pointer is).
final class QuestionnaireCatalog: Sendable {
    /// The latest version of each built-in, by id.
    let builtIns: [String: PublishedQuestionnaire]
    /// Every published version of each built-in, by id and version: older versions stay served and
    /// scored as published, so stored submissions keep their scores.
    private let builtInVersions: [String: [Int: PublishedQuestionnaire]]
    private let cache = Lock<[VersionKey: PublishedQuestionnaire]>([:])
    private static let capacity = 10_000

    struct VersionKey: Hashable {
        let practice: String
        let id: String
        let version: Int
    }

    init() {
        var versions: [String: [Int: PublishedQuestionnaire]] = [:]
        for definition in BuiltInInstruments.all {
            versions[definition.id, default: [:]][definition.version] = PublishedQuestionnaire(
                definition: definition,
                isBuiltIn: true
            )
        }
        builtInVersions = versions
        builtIns = versions.compactMapValues { byVersion in byVersion.max { $0.key < $1.key }?.value }
    }

    /// Version `version` of the built-in `id`, if it was published.
    func builtIn(_ id: String, version: Int) -> PublishedQuestionnaire? { builtInVersions[id]?[version] }

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
