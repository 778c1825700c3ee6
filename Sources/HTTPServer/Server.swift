/// An HTTP/1.1 server on sockets and Dispatch.
public final class Server: Sendable {}
