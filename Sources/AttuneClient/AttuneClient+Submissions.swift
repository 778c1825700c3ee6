public import AttuneCore

/// What `POST /v1/submissions` answered.
public struct SubmissionReceipt: Sendable, Equatable {
    /// The stored submission with the server's scores, alerts and flags.
    public var submission: SubmissionResource
    /// `Location`: the submission's path.
    public var location: String?
    /// Whether this answer replays an earlier one for the same `Idempotency-Key` (a retry, or the
    /// caller sending the same submission again): then nothing new was stored.
    public var replayed: Bool
    /// The key the submission was sent with.
    public var idempotencyKey: IdempotencyKey?
}

/// The filters of `GET /v1/submissions`; nil means "any".
public struct SubmissionFilter: Sendable, Equatable {
    /// Only this client's submissions.
    public var client: String?
    /// Only this therapist's.
    public var therapist: String?
    /// Only this questionnaire's.
    public var questionnaire: String?
    /// Sessions on or after this date (`YYYY-MM-DD`).
    public var from: String?
    /// Sessions on or before this date.
    public var to: String?
    /// Submissions per page (1–the server's maximum); the server's default when nil.
    public var pageSize: Int?
    /// Whether superseded submissions are listed too.
    public var includeSuperseded: Bool

    /// A filter.
    public init(
        client: String? = nil,
        therapist: String? = nil,
        questionnaire: String? = nil,
        from: String? = nil,
        to: String? = nil,
        pageSize: Int? = nil,
        includeSuperseded: Bool = false
    ) {
        self.client = client
        self.therapist = therapist
        self.questionnaire = questionnaire
        self.from = from
        self.to = to
        self.pageSize = pageSize
        self.includeSuperseded = includeSuperseded
    }

    var query: [(name: String, value: String)] {
        var query: [(name: String, value: String)] = []
        if let client { query.append(("client", client)) }
        if let therapist { query.append(("therapist", therapist)) }
        if let questionnaire { query.append(("questionnaire", questionnaire)) }
        if let from { query.append(("from", from)) }
        if let to { query.append(("to", to)) }
        if let pageSize { query.append(("limit", String(pageSize))) }
        if includeSuperseded { query.append(("includeSuperseded", "true")) }
        return query
    }
}

extension AttuneClient {
    /// `POST /v1/submissions`: stores and scores a completed questionnaire.
    ///
    /// The `Idempotency-Key` is made once here and sent with every retry, so a retry after a dropped
    /// answer replays the first `201` instead of storing a duplicate. Pass your own key to make
    /// resending the same submission later (after a crash of the intake system) safe too; pass nil
    /// to send none, and the request is then never retried.
    public func submit(
        _ submission: PostedSubmission,
        idempotencyKey: IdempotencyKey? = .generate()
    ) async throws(AttuneClientError) -> SubmissionReceipt {
        let call = Call(
            method: .post,
            path: "/v1/submissions",
            body: submission.jsonBytes,
            idempotencyKey: idempotencyKey
        )
        let response = try await send(call, expecting: [201])
        return SubmissionReceipt(
            submission: try Self.decode(SubmissionResource.self, response),
            location: response.header("location"),
            replayed: response.header("idempotent-replayed") == "true",
            idempotencyKey: idempotencyKey
        )
    }

    /// `GET /v1/submissions/{id}`.
    public func submission(_ id: String) async throws(AttuneClientError) -> SubmissionResource {
        try await resource(SubmissionResource.self, Call(method: .get, path: Self.path("/v1/submissions", id)))
    }

    /// One page of `GET /v1/submissions`, newest first; pass the previous page's `next` as `cursor`.
    public func submissionPage(_ filter: SubmissionFilter = SubmissionFilter(), cursor: String? = nil)
        async throws(AttuneClientError) -> ResourcePage<SubmissionResource>
    {
        var call = Call(method: .get, path: "/v1/submissions", query: filter.query)
        if let cursor { call.query.append(("cursor", cursor)) }
        return try Self.page(SubmissionResource.self, "submissions", isPaged: true, try await send(call))
    }

    /// Every submission the filter matches, newest first, fetched a page at a time as the sequence is
    /// iterated (following `next` until the last page).
    public func submissions(_ filter: SubmissionFilter = SubmissionFilter()) -> PagedSequence<SubmissionResource> {
        PagedSequence { cursor throws(AttuneClientError) in
            try await self.submissionPage(filter, cursor: cursor)
        }
    }
}

/// The elements of a cursor-paged list, fetched lazily page by page; iterate with `for try await`.
public struct PagedSequence<Element: WireResource>: AsyncSequence, Sendable {
    /// Fetches the page after `cursor` (nil: the first page).
    let fetch: @Sendable (String?) async throws(AttuneClientError) -> ResourcePage<Element>

    init(fetch: @escaping @Sendable (String?) async throws(AttuneClientError) -> ResourcePage<Element>) {
        self.fetch = fetch
    }

    /// An iterator from the first page.
    public func makeAsyncIterator() -> Iterator { Iterator(fetch: fetch) }

    /// Walks the pages.
    public struct Iterator: AsyncIteratorProtocol {
        let fetch: @Sendable (String?) async throws(AttuneClientError) -> ResourcePage<Element>
        var buffer: [Element] = []
        var position = 0
        var cursor: String?
        var isFinished = false
        var started = false

        init(fetch: @escaping @Sendable (String?) async throws(AttuneClientError) -> ResourcePage<Element>) {
            self.fetch = fetch
        }

        /// The next element, fetching the next page when this one is used up; nil after the last.
        public mutating func next() async throws(AttuneClientError) -> Element? {
            while position == buffer.count {
                guard !isFinished else { return nil }
                let page = try await fetch(started ? cursor : nil)
                started = true
                buffer = page.items
                position = 0
                cursor = page.next
                // A cursor that does not move would loop for ever: stop instead.
                isFinished = page.next == nil || page.items.isEmpty
            }
            defer { position += 1 }
            return buffer[position]
        }
    }

    /// Every element in one array (for small lists).
    public func collect() async throws(AttuneClientError) -> [Element] {
        var all: [Element] = []
        var iterator = makeAsyncIterator()
        while let element = try await iterator.next() { all.append(element) }
        return all
    }
}
