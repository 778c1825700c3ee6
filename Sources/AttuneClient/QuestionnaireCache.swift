public import AttuneCore
internal import Synchronization

/// A questionnaire definition as fetched, with how it was obtained.
public struct FetchedQuestionnaire: Sendable, Equatable {
    /// How the client came by the definition.
    public enum Source: Sendable, Equatable {
        /// A `200` with the definition.
        case downloaded
        /// The cached copy, confirmed current by a `304 Not Modified` (RFC 9110 §15.4.5).
        case revalidated
        /// The cached copy of an immutable version, without asking the server.
        case cached
    }

    /// The definition.
    public var definition: QuestionnaireDefinition
    /// Its strong entity tag.
    public var etag: String?
    /// Where it came from this time.
    public var source: Source
}

/// Definitions with their ETags, per path: the latest version is revalidated with `If-None-Match` on
/// every fetch (the server marks it `no-cache`), a numbered version is immutable and served from here.
final class QuestionnaireCache: Sendable {
    struct Entry: Sendable {
        var definition: QuestionnaireDefinition
        var etag: String?
    }

    private let entries = Mutex<[String: Entry]>([:])

    func entry(_ path: String) -> Entry? { entries.withLock { $0[path] } }

    func store(_ entry: Entry, at path: String) {
        entries.withLock { $0[path] = entry }
    }

    func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}
