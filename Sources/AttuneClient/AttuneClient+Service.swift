public import AttuneCore

extension AttuneClient {
    /// `GET /healthz`: the process is up.
    public func health() async throws(AttuneClientError) -> ServiceStatus {
        try await resource(ServiceStatus.self, Call(method: .get, path: "/healthz"))
    }

    /// `GET /readyz`: the server takes traffic (a `503` problem while starting or draining).
    public func readiness() async throws(AttuneClientError) -> ServiceStatus {
        try await resource(ServiceStatus.self, Call(method: .get, path: "/readyz"))
    }

    /// `GET /v1/me`: the calling key's id, role, practice and therapist.
    public func me() async throws(AttuneClientError) -> KeyIdentity {
        try await resource(KeyIdentity.self, Call(method: .get, path: "/v1/me"))
    }
}
