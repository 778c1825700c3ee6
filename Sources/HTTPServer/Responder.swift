internal import Logging
internal import Synchronization

/// Delivers the response of a deferred handler. Call ``respond(_:)`` or ``fail(_:)`` exactly once, from
/// any thread; later calls are ignored, so a timeout and a late completion cannot both answer.
public struct Responder: Sendable {
    private let delivered: Flag
    private let deliver: @Sendable (HTTPResponse) -> Void
    private let logger: Logger

    init(logger: Logger, deliver: @escaping @Sendable (HTTPResponse) -> Void) {
        self.logger = logger
        self.deliver = deliver
        delivered = Flag()
    }

    /// Sends `response`.
    public func respond(_ response: HTTPResponse) {
        guard delivered.setOnce() else { return }
        deliver(response)
    }

    /// Sends the response for `error`: its own when it is ``HTTPResponseConvertible``, else an opaque 500.
    public func fail(_ error: any Error) {
        respond(RequestDispatch.response(for: error, logger: logger))
    }

    private final class Flag: Sendable {
        private let value = Atomic<Bool>(false)

        func setOnce() -> Bool { !value.exchange(true, ordering: .acquiringAndReleasing) }
    }
}
