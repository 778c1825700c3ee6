import ArgumentParser
import AttuneClient
import Foundation

/// `attune-smoke --url URL --key KEY [--json] [--timeout S]`: checks a running deployment end to end.
@main
struct AttuneSmoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attune-smoke",
        abstract: "Check a running Attune deployment end to end through the Swift SDK.",
        discussion: """
            One line per step with ✓ (passed), ✗ (failed) or - (skipped) and its time. Writes only with a key \
            that can erase (admin) on a server that can erase clients, and always erases its test client \
            again. Exits 0 when no step failed, 1 when one did.
            """
    )

    @Option(help: "The server's base URL, such as https://attune.example.")
    var url: String

    @Option(help: "An API key of the practice to check (ATTUNE_SMOKE_KEY when omitted).")
    var key: String?

    @Flag(help: "Print one JSON report instead of lines.")
    var json = false

    @Option(help: "Seconds each request may take.")
    var timeout: Double = 10

    @Option(help: "A PEM file of certificate authorities to trust (for a private CA).")
    var caFile: String?

    func run() async throws {
        guard let key = key ?? ProcessInfo.processInfo.environment["ATTUNE_SMOKE_KEY"], !key.isEmpty else {
            throw ValidationError("--key is required (or ATTUNE_SMOKE_KEY)")
        }
        guard timeout.isFinite, timeout > 0 else { throw ValidationError("--timeout must be a positive number") }
        let client: AttuneClient
        do {
            client = try AttuneClient(
                AttuneClientConfiguration(
                    baseURL: url,
                    key: APIKey(key),
                    connectTimeout: min(timeout, 5),
                    requestTimeout: timeout,
                    caFile: caFile,
                    retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.1, maxDelay: 1, maxRetryAfter: 2)
                )
            )
        } catch {
            throw ValidationError(error.description)
        }
        let printer = StepPrinter(json: json)
        let run = SmokeRun(client: client, printer: printer)
        let report = await run.run()
        if json {
            print(report.json(url: url))
        } else {
            print(report.summary)
        }
        if !report.passed { throw ExitCode.failure }
    }
}
