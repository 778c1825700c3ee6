import ArgumentParser
import Glibc

/// `attune`: the Attune server and its administration commands.
struct Attune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attune",
        abstract: "Measure the therapeutic relationship: the Attune HTTP/JSON service.",
        subcommands: [Serve.self, Migrate.self, PracticeCommand.self, KeyCommand.self, Backup.self, Demo.self],
        defaultSubcommand: nil
    )
}

/// Runs a command line; exit codes are 0 ok, 1 failure, 2 usage error.
@main
enum Main {
    static func main() {
        do {
            var command = try Attune.parseAsRoot()
            try command.run()
        } catch {
            let code = Attune.exitCode(for: error)
            let message = Attune.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            FileHandleOutput.standardError(message)
            // ArgumentParser reports usage errors as EX_USAGE (64); the project's convention is 2.
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

enum FileHandleOutput {
    static func standardError(_ text: String) {
        var line = Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
        _ = line.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
