import ArgumentParser
import AttuneServer
import AttuneStore

// Recovering access from the shell: the practice ids and keys of an existing database.
// None of these commands creates a database.

extension PracticeCommand {
    /// `attune practice list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every practice: id, creation time, name.")

        @Flag(help: "Print one JSON object: {\"practices\": [{\"id\", \"name\", \"createdAt\"}, …]}.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(ifMissing: .refuse)
            defer { store.close() }
            let practices = try report { try store.practices() }
            if json {
                print(CommandLineJSON.practices(practices))
                return
            }
            for practice in practices {
                print("\(practice.id)  \(CommandLineJSON.date(practice.createdAt))  \(practice.name)")
            }
        }
    }
}

extension KeyCommand {
    /// `attune key list --practice ID`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a practice's keys (never their secrets), revoked ones included."
        )

        @Option(help: "The practice id.") var practice: String
        @Flag(help: "Print one JSON object: {\"keys\": […]}, each key as GET /v1/keys lists it.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(ifMissing: .refuse)
            defer { store.close() }
            guard try report({ try store.practice(id: practice) }) != nil else {
                FileHandleOutput.standardError("attune: no practice \(practice)")
                throw ExitCode.failure
            }
            let keys = try report { try store.keys(practiceID: practice) }
            if json {
                print(CommandLineJSON.keys(keys))
                return
            }
            for key in keys {
                var columns = [key.id, key.role.rawValue]
                if let therapist = key.therapistID { columns.append("therapist \(therapist)") }
                columns.append("created \(CommandLineJSON.date(key.createdAt))")
                if let revoked = key.revokedAt { columns.append("revoked \(CommandLineJSON.date(revoked))") }
                if let label = key.label { columns.append("label \(label)") }
                print(columns.joined(separator: "  "))
            }
        }
    }

    /// `attune key revoke ID`.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key: it never authenticates again (audited; revoking twice keeps the first time)."
        )

        @Argument(help: "The key id (key_…), as `attune key list` shows it.") var id: String
        @Flag(help: "Print the revoked key as one JSON object, as GET /v1/keys/{id} shows it.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(ifMissing: .refuse)
            defer { store.close() }
            guard let found = try report({ try store.keyInAnyPractice(id: id) }) else {
                FileHandleOutput.standardError("attune: no key \(id)")
                throw ExitCode.failure
            }
            let revoked = try report {
                try store.revokeKey(practiceID: found.practiceID, id: found.id, actor: .commandLine)
            }
            if json {
                print(CommandLineJSON.key(revoked))
            } else if found.isRevoked {
                print("key \(revoked.id) was already revoked")
            } else {
                print("key \(revoked.id) revoked")
            }
        }
    }
}
