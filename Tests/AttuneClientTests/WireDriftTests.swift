import AttuneClient
import AttuneCore
import AttuneJSON
import AttuneStore
import Testing

/// Every response the server sends, decoded through the shared wire types with unknown members
/// refused and written again: the same bytes, so client and server cannot drift apart unnoticed.
@Suite(.timeLimit(.minutes(1)))
struct WireDriftTests {
    /// The raw answer to `request`, after checking its status.
    func raw(_ client: AttuneClient, _ request: RawRequest, status: Int) async throws -> [UInt8] {
        let response = try await client.send(request)
        #expect(response.status == status, "\(request.method) \(request.path)")
        return response.body
    }

    /// Decodes strictly, writes again, and expects the server's exact bytes (for problems, the same
    /// members in any order: the server appends `instance` to whatever the route wrote).
    func roundTrip<R: WireResource>(
        _ type: R.Type,
        _ bytes: [UInt8],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> R {
        let decoded = try R.decode(bytes: bytes, unknown: .refuse)
        if R.self == ProblemResource.self {
            let canonical = { (bytes: [UInt8]) throws -> String in
                String(decoding: try JSONReader().parse(bytes).canonicalBytes, as: UTF8.self)
            }
            #expect(try canonical(decoded.jsonBytes) == canonical(bytes), sourceLocation: sourceLocation)
        } else {
            #expect(
                String(decoding: decoded.jsonBytes, as: UTF8.self) == String(decoding: bytes, as: UTF8.self),
                sourceLocation: sourceLocation
            )
        }
        return decoded
    }

    func roundTripPage<R: WireResource>(
        _ type: R.Type,
        _ member: String,
        isPaged: Bool,
        _ bytes: [UInt8],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ResourcePage<R> {
        let page = try ResourcePage<R>.decode(
            JSONReader().parse(bytes),
            member: member,
            isPaged: isPaged,
            unknown: .refuse
        )
        #expect(
            String(decoding: page.jsonBytes, as: UTF8.self) == String(decoding: bytes, as: UTF8.self),
            sourceLocation: sourceLocation
        )
        return page
    }

    @Test func accountAndServiceResponses() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            _ = try roundTrip(ServiceStatus.self, try await raw(client, RawRequest(.get, "/healthz"), status: 200))
            _ = try roundTrip(ServiceStatus.self, try await raw(client, RawRequest(.get, "/readyz"), status: 200))
            _ = try roundTrip(KeyIdentity.self, try await raw(client, RawRequest(.get, "/v1/me"), status: 200))
            let clinician = try server.client(token: server.token(.clinician, therapist: "t-1"))
            let me = try roundTrip(KeyIdentity.self, try await raw(clinician, RawRequest(.get, "/v1/me"), status: 200))
            #expect(me.therapist == "t-1")

            let therapistBody = Array(#"{"id":"t-9"}"#.utf8)
            _ = try roundTrip(
                TherapistResource.self,
                try await raw(client, RawRequest(.post, "/v1/therapists", body: therapistBody), status: 201)
            )
            _ = try roundTrip(
                TherapistResource.self,
                try await raw(client, RawRequest(.get, "/v1/therapists/t-9"), status: 200)
            )
            _ = try roundTripPage(
                TherapistResource.self,
                "therapists",
                isPaged: false,
                try await raw(client, RawRequest(.get, "/v1/therapists"), status: 200)
            )

            let deactivationBody = try await raw(client, RawRequest(.delete, "/v1/therapists/t-9"), status: 200)
            _ = try roundTrip(TherapistDeactivationResource.self, deactivationBody)
            _ = try roundTripPage(
                TherapistResource.self,
                "therapists",
                isPaged: false,
                try await raw(client, RawRequest(.get, "/v1/therapists", query: [("deactivated", "true")]), status: 200)
            )
            _ = try await raw(client, RawRequest(.post, "/v1/therapists", body: therapistBody), status: 201)

            let keyBody = Array(#"{"role":"clinician","therapist":"t-9","label":"drift"}"#.utf8)
            let created = try roundTrip(
                KeyResource.self,
                try await raw(client, RawRequest(.post, "/v1/keys", body: keyBody), status: 201)
            )
            #expect(created.secret != nil)
            _ = try roundTrip(
                KeyResource.self,
                try await raw(client, RawRequest(.get, "/v1/keys/" + created.id), status: 200)
            )
            _ = try roundTripPage(
                KeyResource.self,
                "keys",
                isPaged: false,
                try await raw(client, RawRequest(.get, "/v1/keys"), status: 200)
            )
            let revoked = try roundTrip(
                KeyResource.self,
                try await raw(client, RawRequest(.delete, "/v1/keys/" + created.id), status: 200)
            )
            #expect(revoked.revokedAt != nil)
            let audit = try roundTripPage(
                AuditEventResource.self,
                "events",
                isPaged: true,
                try await raw(client, RawRequest(.get, "/v1/audit", query: [("limit", "2")]), status: 200)
            )
            #expect(audit.items.count == 2 && audit.next != nil)
        }
    }

    @Test func questionnaireResponses() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            let list = try roundTripPage(
                QuestionnaireSummary.self,
                "questionnaires",
                isPaged: false,
                try await raw(client, RawRequest(.get, "/v1/questionnaires"), status: 200)
            )
            for summary in list.items {
                let bytes = try await raw(client, RawRequest(.get, "/v1/questionnaires/" + summary.id), status: 200)
                let definition = try DefinitionJSON.decode(JSONReader().parse(bytes))
                #expect(DefinitionJSON.encode(definition) == bytes)
                #expect(definition.version == summary.version && definition.title == summary.title)
            }
        }
    }

    @Test func submissionResponses() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            var floored = Fixtures.checkin(session: 2)
            floored.answers[0].value = .number(0)
            for posted in [Fixtures.checkin(), floored] {
                let created = try roundTrip(
                    SubmissionResource.self,
                    try await raw(client, RawRequest(.post, "/v1/submissions", body: posted.jsonBytes), status: 201)
                )
                let read = try roundTrip(
                    SubmissionResource.self,
                    try await raw(client, RawRequest(.get, "/v1/submissions/" + created.id), status: 200)
                )
                #expect(read == created)
            }
            var superseding = Fixtures.checkin(session: 2)
            superseding.supersedes = true
            _ = try await client.submit(superseding)
            let page = try roundTripPage(
                SubmissionResource.self,
                "submissions",
                isPaged: true,
                try await raw(
                    client,
                    RawRequest(.get, "/v1/submissions", query: [("includeSuperseded", "true"), ("limit", "2")]),
                    status: 200
                )
            )
            #expect(page.items.count == 2 && page.next != nil)
            let all = try await client.submissions(SubmissionFilter(includeSuperseded: true)).collect()
            #expect(all.contains { $0.supersededBy != nil })
            #expect(all.contains { !$0.alerts.isEmpty })
        }
    }

    @Test func problemResponses() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            var bad = Fixtures.checkin()
            bad.answers[1].value = .string("x")
            let requests: [(RawRequest, Int)] = [
                (RawRequest(.get, "/v1/submissions/none"), 404),
                (RawRequest(.get, "/v1/nothing-here"), 404),
                (RawRequest(.post, "/v1/me"), 405),
                (RawRequest(.post, "/v1/submissions", body: Array("{".utf8)), 400),
                (RawRequest(.post, "/v1/submissions", body: bad.jsonBytes), 422),
                (RawRequest(.get, "/v1/submissions", query: [("limit", "0")]), 400),
            ]
            for (request, status) in requests {
                let bytes = try await raw(client, request, status: status)
                let problem = try roundTrip(ProblemResource.self, bytes)
                #expect(problem.status == status)
                #expect(problem.instance != nil)
            }
            _ = try await client.submit(Fixtures.checkin(session: 4))
            let duplicate = try await raw(
                client,
                RawRequest(.post, "/v1/submissions", body: Fixtures.checkin(session: 4).jsonBytes),
                status: 409
            )
            #expect(try roundTrip(ProblemResource.self, duplicate).existingSubmission != nil)
            let unauthenticated = try server.client(token: "nope")
            _ = try roundTrip(
                ProblemResource.self,
                try await raw(unauthenticated, RawRequest(.get, "/v1/me"), status: 401)
            )
        }
    }

    @Test func aPostedSubmissionReadsBackAsTheSameValue() throws {
        var posted = Fixtures.checkin()
        posted.version = 2
        posted.scores = [PostedSubmission.SentScore(scale: "total", value: 2.75)]
        posted.supersedes = true
        #expect(try SubmissionJSON.decode(JSONReader().parse(posted.jsonBytes)) == posted)
    }

    @Test func theClientIgnoresMembersItDoesNotKnowAndTheDriftCheckDoesNot() throws {
        let bytes = Array(#"{"id":"k","role":"admin","practice":"p","therapist":null,"scopes":["all"]}"#.utf8)
        #expect(try KeyIdentity.decode(bytes: bytes).id == "k")
        #expect(throws: WireDecodingError.self) { try KeyIdentity.decode(bytes: bytes, unknown: .refuse) }
    }
}
