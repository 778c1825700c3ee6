import AttuneTesting
import Foundation
import Glibc
import Testing

/// nginx (Debian's package) terminating TLS with a self-signed certificate made for this test, in
/// front of a server on 127.0.0.1:`upstream`.
final class TLSProxy {
    let directory: TemporaryDirectory
    let process = Process()
    let port: Int
    /// The certificate, which is also its own CA: the file a client trusts.
    var caFile: String { directory.file("cert.pem") }
    var baseURL: String { "https://127.0.0.1:\(port)" }

    static func executable(_ name: String, in paths: [String]) -> String? {
        paths.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(upstream: Int) throws {
        let nginx = try #require(
            Self.executable("nginx", in: ["/usr/sbin", "/usr/bin", "/usr/local/sbin"]),
            "nginx is not installed (scripts/test installs nginx-light)"
        )
        let openssl = try #require(Self.executable("openssl", in: ["/usr/bin", "/usr/local/bin"]), "openssl missing")
        directory = try TemporaryDirectory()
        try Self.run(
            openssl,
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", directory.file("key.pem"), "-out", directory.file("cert.pem"),
            ]
        )
        port = try Self.freePort()
        let root = directory.file("")
        let config = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(root)nginx.pid;
            error_log \(root)error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path \(root)body;
                proxy_temp_path \(root)proxy;
                fastcgi_temp_path \(root)fastcgi;
                uwsgi_temp_path \(root)uwsgi;
                scgi_temp_path \(root)scgi;
                upstream attune { server 127.0.0.1:\(upstream); keepalive 8; }
                server {
                    listen 127.0.0.1:\(port) ssl;
                    ssl_certificate \(root)cert.pem;
                    ssl_certificate_key \(root)key.pem;
                    location / {
                        proxy_pass http://attune;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                    }
                }
            }
            """
        try config.write(toFile: directory.file("nginx.conf"), atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-p", root, "-c", directory.file("nginx.conf"), "-e", directory.file("error.log")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !Self.accepts(port) {
            guard process.isRunning, Date() < deadline else {
                let log = (try? String(contentsOfFile: directory.file("error.log"), encoding: .utf8)) ?? ""
                stop()
                throw POSIXError(.ECONNREFUSED, userInfo: [NSLocalizedDescriptionKey: "nginx did not start: \(log)"])
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// SIGKILL: a child of the test runner inherits its blocked signals (Dispatch blocks SIGTERM on its
    /// threads), so nginx would never see a SIGTERM.
    func stop() {
        if process.isRunning {
            _ = kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        directory.remove()
    }

    deinit {
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(executable) \(arguments.joined(separator: " "))")
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    static func freePort() throws -> Int {
        let server = try ScriptedServer([.drop])
        defer { server.stop() }
        return server.port
    }
}
