internal import AttuneStore

/// The position after the last submission of a page, signed for its practice and query.
///
/// Position text: `s:<received_at ms>:<id>`. Opaque to clients (see `PageCursorSigner`).
struct SubmissionCursor {
    var receivedAt: Int64
    var id: String

    init(after submission: StoredSubmission) {
        receivedAt = Timestamp.milliseconds(submission.receivedAt)
        id = submission.id
    }

    /// The position in `text`; `.invalid(field: "cursor", …)` unless this database signed it for
    /// this practice and query.
    init(_ text: String, query: SubmissionQuery, practiceID: String, signer: PageCursorSigner) throws(StoreError) {
        guard let position = signer.verify(text, scope: Self.scope(query, practiceID: practiceID)) else {
            throw PageCursorSigner.invalid
        }
        let parts = position.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "s", let receivedAt = Int64(parts[1]), !parts[2].isEmpty else {
            throw PageCursorSigner.invalid
        }
        self.receivedAt = receivedAt
        self.id = String(parts[2])
    }

    func text(query: SubmissionQuery, practiceID: String, signer: PageCursorSigner) -> String {
        signer.sign("s:\(receivedAt):\(id)", scope: Self.scope(query, practiceID: practiceID))
    }

    /// Every filter of the query (the page size may change between pages).
    private static func scope(_ query: SubmissionQuery, practiceID: String) -> PageCursorScope {
        PageCursorScope(
            listing: "submissions",
            practiceID: practiceID,
            filters: [
                query.therapistScope, query.therapistID, query.clientID, query.questionnaireID, query.from, query.to,
                query.includeSuperseded ? "superseded" : "current",
            ]
        )
    }
}

/// The position after the last audit event of a page, signed for its practice, range and order.
///
/// Position text: `<at ms>:<event id>`. A cursor read in the other order is refused rather than
/// silently skipping events.
struct AuditCursor {
    var at: Int64
    var id: String

    init(after event: AuditEvent) {
        self.at = Timestamp.milliseconds(event.at)
        self.id = event.id
    }

    /// The position in `text`; `.invalid(field: "cursor", …)` unless this database signed it for
    /// this practice and query.
    init(_ text: String, query: AuditQuery, practiceID: String, signer: PageCursorSigner) throws(StoreError) {
        guard let position = signer.verify(text, scope: Self.scope(query, practiceID: practiceID)) else {
            throw PageCursorSigner.invalid
        }
        let parts = position.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let at = Int64(parts[0]), !parts[1].isEmpty else { throw PageCursorSigner.invalid }
        self.at = at
        self.id = String(parts[1])
    }

    func text(query: AuditQuery, practiceID: String, signer: PageCursorSigner) -> String {
        signer.sign("\(at):\(id)", scope: Self.scope(query, practiceID: practiceID))
    }

    /// The range and the order (the page size may change between pages).
    private static func scope(_ query: AuditQuery, practiceID: String) -> PageCursorScope {
        PageCursorScope(
            listing: "audit",
            practiceID: practiceID,
            filters: [
                query.order.rawValue,
                query.from.map { String(Timestamp.milliseconds($0)) },
                query.to.map { String(Timestamp.milliseconds($0)) },
            ]
        )
    }
}
