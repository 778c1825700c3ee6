import AttuneClient
import AttuneCore
import AttuneJSON
import Foundation

/// Why a step did not pass: skipped (with the reason) or failed (with what went wrong).
enum StepEnd: Error {
    case skip(String)
    case fail(String)
}

/// The steps of one check, in order, with the clean-up that runs whatever happened before it.
final class SmokeRun {
    let client: AttuneClient
    let printer: StepPrinter
    private(set) var steps: [StepResult] = []
    /// The reserved client id of this run's synthetic submission: `attune-smoke-` and random hex, so
    /// that two runs never share one and real clients are never touched.
    let testClient = "attune-smoke-" + String(IdempotencyKey.generate().value.prefix(12))
    static let questionnaire = "relationship-checkin"

    init(client: AttuneClient, printer: StepPrinter) {
        self.client = client
        self.printer = printer
    }

    /// Runs every step and returns the report.
    func run() async -> SmokeReport {
        await step("health") {
            let status = try await self.client.health().status
            guard status == "ok" else { throw StepEnd.fail("status \(status)") }
            return "GET /healthz"
        }
        await step("readiness") {
            let status = try await self.client.readiness().status
            guard status == "ready" else { throw StepEnd.fail("status \(status)") }
            return "GET /readyz"
        }
        var identity: KeyIdentity?
        await step("key role") {
            let me = try await self.client.me()
            identity = me
            return "role \(me.role)" + (me.therapist.map { ", therapist \($0)" } ?? "")
        }
        guard let identity else {
            for name in Self.laterSteps { skip(name, "the key was not accepted (see key role)") }
            return SmokeReport(steps: steps)
        }
        let definition = await questionnaireSteps(role: identity.role)
        let plan = await writePlan(role: identity.role, definition: definition)
        var written: SubmissionResource?
        if let plan {
            written = await submissionSteps(plan)
            await trajectoryStep(written: written)
        } else {
            skip("trajectory", "needs the test submission, which was not written")
        }
        await aggregateStep(role: identity.role)
        if let plan {
            await cleanUp(plan, written: written)
        } else {
            skip("erase test client", "nothing was written")
        }
        return SmokeReport(steps: steps)
    }

    static let laterSteps = [
        "list questionnaires", "fetch questionnaire", "revalidate questionnaire", "create submission",
        "replay submission", "compare scores", "read submission", "trajectory", "aggregate", "erase test client",
    ]

    // MARK: - Questionnaires

    private func questionnaireSteps(role: KeyRole) async -> QuestionnaireDefinition? {
        if role == .submit {
            skip("list questionnaires", "a submit key may not list questionnaires")
        } else {
            await step("list questionnaires") {
                let list = try await self.client.questionnaires()
                guard list.contains(where: { $0.id == Self.questionnaire }) else {
                    throw StepEnd.fail("\(Self.questionnaire) is not listed")
                }
                return "\(list.count) definitions"
            }
        }
        var definition: QuestionnaireDefinition?
        await step("fetch questionnaire") {
            let fetched = try await self.client.questionnaire(Self.questionnaire)
            guard fetched.source == .downloaded, let etag = fetched.etag else {
                throw StepEnd.fail("no ETag on \(Self.questionnaire)")
            }
            definition = fetched.definition
            return "\(Self.questionnaire) v\(fetched.definition.version), ETag \(etag)"
        }
        if definition == nil {
            skip("revalidate questionnaire", "the definition was not fetched")
            return nil
        }
        await step("revalidate questionnaire") {
            let again = try await self.client.questionnaire(Self.questionnaire)
            guard again.source == .revalidated else { throw StepEnd.fail("expected 304 Not Modified, got 200") }
            return "304 Not Modified"
        }
        return definition
    }

    // MARK: - Writing

    /// What the write steps need; nil (with every write step skipped and why) when nothing may be written.
    struct WritePlan {
        var definition: QuestionnaireDefinition
        var submission: PostedSubmission
        var idempotencyKey: IdempotencyKey
    }

    private static let writeSteps = ["create submission", "replay submission", "compare scores", "read submission"]

    private func writePlan(role: KeyRole, definition: QuestionnaireDefinition?) async -> WritePlan? {
        func skipWrites(_ reason: String) -> WritePlan? {
            for name in Self.writeSteps { skip(name, reason) }
            return nil
        }
        guard role == .admin else {
            return skipWrites("a \(role) key cannot erase, so the check writes nothing")
        }
        guard let definition else { return skipWrites("the definition was not fetched") }
        // A DELETE of a client that cannot exist tells whether the server can erase at all: "no such
        // client" if it can, the route's own 404 or 405 if it cannot.
        do {
            try await client.eraseClient("attune-smoke-probe-" + String(IdempotencyKey.generate().value.prefix(12)))
            return skipWrites("the erasure probe unexpectedly erased something")
        } catch {
            if let missing = Self.routeMissing(error) {
                return skipWrites(
                    "the server cannot erase clients (DELETE /v1/clients/{client}: \(missing)), so "
                        + "the check writes nothing"
                )
            }
            guard error.status == 404 else { return skipWrites("the erasure probe failed: \(error)") }
        }
        let therapist: String
        do {
            guard let first = try await client.therapists().first?.id else {
                return skipWrites("the practice has no therapist to name in a submission")
            }
            therapist = first
        } catch {
            return skipWrites("could not list therapists: \(error)")
        }
        return WritePlan(
            definition: definition,
            submission: Self.synthetic(definition, client: testClient, therapist: therapist),
            idempotencyKey: .generate()
        )
    }

    private func submissionSteps(_ plan: WritePlan) async -> SubmissionResource? {
        var created: SubmissionResource?
        await step("create submission") {
            let receipt = try await self.client.submit(plan.submission, idempotencyKey: plan.idempotencyKey)
            created = receipt.submission
            guard !receipt.replayed else { throw StepEnd.fail("the first post was answered as a replay") }
            return "201 \(receipt.location ?? receipt.submission.id)"
        }
        guard let created else {
            for name in Self.writeSteps.dropFirst() { skip(name, "the submission was not created") }
            return nil
        }
        await step("replay submission") {
            let again = try await self.client.submit(plan.submission, idempotencyKey: plan.idempotencyKey)
            guard again.submission.id == created.id else {
                throw StepEnd.fail("a second submission \(again.submission.id) was created")
            }
            guard again.replayed else { throw StepEnd.fail("no Idempotent-Replayed: true") }
            return "same id, replayed"
        }
        await step("compare scores") {
            try Self.compareScores(created, plan)
        }
        await step("read submission") {
            let read = try await self.client.submission(created.id)
            guard read == created else { throw StepEnd.fail("the stored submission differs from the 201 body") }
            return "GET /v1/submissions/\(created.id)"
        }
        return created
    }

    static func compareScores(_ created: SubmissionResource, _ plan: WritePlan) throws -> String {
        let scoring = ScoringPlan(plan.definition)
        let local = scoring.score(scoring.answerSheet(plan.submission.answers)).result.scores
        var compared = 0
        for (scale, expected) in local.sorted(by: { $0.key < $1.key }) {
            guard let server = created.score(of: scale) else { throw StepEnd.fail("the server has no \(scale)") }
            let same =
                switch (server.value, expected.value) {
                case (let a?, let b?): abs(a - b) <= 1e-9
                case (nil, nil): true
                default: false
                }
            guard same, server.band == expected.band else {
                let serverText = server.value.map { String($0) } ?? "null"
                let localText = expected.value.map { String($0) } ?? "null"
                throw StepEnd.fail("\(scale): server \(serverText) \(server.band ?? ""), local \(localText)")
            }
            compared += 1
        }
        guard compared == created.scores.count else { throw StepEnd.fail("the server scored other scales") }
        return "\(compared) scales equal to AttuneCore's"
    }

    // MARK: - Analytics

    private func trajectoryStep(written: SubmissionResource?) async {
        guard let written else {
            skip("trajectory", "needs the test submission, which was not created")
            return
        }
        await step("trajectory") {
            do {
                let trajectory = try await self.client.trajectory(
                    client: self.testClient,
                    questionnaire: Self.questionnaire
                )
                guard trajectory.client == self.testClient, trajectory.sessions.map(\.submission) == [written.id]
                else {
                    throw StepEnd.fail("expected the test submission as the only session")
                }
                let scales = trajectory.scales.filter { $0.points.first?.value != nil }.count
                return "GET /v1/clients/{client}/trajectory: 1 session, \(scales) scales with a value"
            } catch let error as AttuneClientError {
                if let missing = Self.routeMissing(error) { throw StepEnd.skip("not on this server (\(missing))") }
                throw error
            }
        }
    }

    private func aggregateStep(role: KeyRole) async {
        guard role == .admin || role == .supervisor || role == .clinician else {
            skip("aggregate", "a \(role) key may not read aggregates")
            return
        }
        await step("aggregate") {
            do {
                let aggregate = try await self.client.aggregates(
                    AggregateQuery(questionnaire: Self.questionnaire, groupBy: "practice")
                )
                guard aggregate.questionnaire == Self.questionnaire else {
                    throw StepEnd.fail("aggregates of \(aggregate.questionnaire)")
                }
                return "GET /v1/aggregates?group_by=practice: \(aggregate.total.submissions) submissions"
            } catch let error as AttuneClientError {
                if let missing = Self.routeMissing(error) { throw StepEnd.skip("not on this server (\(missing))") }
                throw error
            }
        }
    }

    // MARK: - Clean-up

    /// Erases the test client whether or not the steps before passed: a create that failed midway may
    /// still have stored it.
    private func cleanUp(_ plan: WritePlan, written: SubmissionResource?) async {
        await step("erase test client") {
            do {
                try await self.client.eraseClient(self.testClient)
            } catch let error as AttuneClientError where error.status == 404 && written == nil {
                return "nothing to erase"
            }
            if let written {
                do {
                    _ = try await self.client.submission(written.id)
                    throw StepEnd.fail("the submission is still readable after erasure")
                } catch let error as AttuneClientError where error.status == 404 {
                    // Gone, as it should be.
                }
            }
            return "DELETE /v1/clients/{client}: 204"
        }
    }

    // MARK: - Helpers

    /// The route's own refusal (the server does not have it), as opposed to "no such resource".
    static func routeMissing(_ error: AttuneClientError) -> String? {
        guard let problem = error.problem else { return nil }
        if problem.status == 405 { return "405 Method Not Allowed" }
        if problem.status == 404, problem.detail == "No resource exists at this path." { return "404 no such route" }
        return nil
    }

    /// A complete, mid-range answer to every scored item of `definition`, for today's session 1.
    static func synthetic(_ definition: QuestionnaireDefinition, client: String, therapist: String) -> PostedSubmission
    {
        var answers: [PostedSubmission.Answer] = []
        for item in definition.items {
            let value: AnswerValue?
            switch item.type {
            case .likert:
                let low = item.min ?? 0
                let high = item.max ?? low
                value = .number(JSONNumber(((low + high) / 2).rounded(.down)))
            case .scale:
                let low = item.min ?? 0
                let high = item.max ?? low
                value = .number(JSONNumber(low + (high - low) / 2))
            case .choice: value = item.options?.first.map { .string($0.value) }
            case .boolean: value = .boolean(false)
            case .text: value = nil
            }
            if let value { answers.append(PostedSubmission.Answer(id: item.id, value: value)) }
        }
        return PostedSubmission(
            questionnaire: definition.id,
            version: definition.version,
            client: client,
            therapist: therapist,
            respondent: definition.respondent,
            session: 1,
            date: today(),
            answers: answers,
            scores: nil,
            supersedes: false
        )
    }

    /// Today's UTC date, `YYYY-MM-DD`.
    static func today() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        let pad: (Int32, Int) -> String = { value, width in
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
    }

    // MARK: - Steps

    private func step(_ name: String, _ body: () async throws -> String) async {
        let started = ContinuousClock.now
        let result: StepResult
        do {
            let detail = try await body()
            result = StepResult(name: name, status: .passed, milliseconds: Self.elapsed(since: started), detail: detail)
        } catch StepEnd.skip(let reason) {
            result = StepResult(name: name, status: .skipped, milliseconds: 0, detail: reason)
        } catch StepEnd.fail(let reason) {
            result = StepResult(name: name, status: .failed, milliseconds: Self.elapsed(since: started), detail: reason)
        } catch {
            result = StepResult(
                name: name,
                status: .failed,
                milliseconds: Self.elapsed(since: started),
                detail: String(describing: error)
            )
        }
        record(result)
    }

    private func skip(_ name: String, _ reason: String) {
        record(StepResult(name: name, status: .skipped, milliseconds: 0, detail: reason))
    }

    private func record(_ result: StepResult) {
        steps.append(result)
        printer.print(result)
    }

    private static func elapsed(since start: ContinuousClock.Instant) -> Double {
        let duration = ContinuousClock.now - start
        return Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
