import ArgumentParser
import AttuneServer
import AttuneStore
import Foundation

/// `--database`, shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: "SQLite file path or sqlite:PATH. (ATTUNE_DATABASE, default ./attune.sqlite)"
    )
    var value: String?

    func location() throws -> StoreLocation {
        let text = try Environment.resolve(value, "ATTUNE_DATABASE", default: "./attune.sqlite")
        do {
            return try StoreLocation(parsing: text)
        } catch {
            throw ValidationError("--database: \(error.message)")
        }
    }

    /// Opens the store or fails with the store's own message (exit 1).
    ///
    /// - Parameter missing: `.create` makes a missing database (and says so on standard error, with
    ///   its path); `.refuse` fails with exit 1, for commands that only use existing data.
    func open(ifMissing missing: StoreLocation.MissingDatabase) throws -> any Store {
        let location = try location()
        do {
            return try location.open(ifMissing: missing) { path in
                FileHandleOutput.standardError("attune: created a new database at \(path)")
            }
        } catch let error as StoreLocationError {
            FileHandleOutput.standardError("attune: \(error.message)")
            throw ExitCode.failure
        } catch {
            FileHandleOutput.standardError("attune: cannot open the database: \(error)")
            throw ExitCode.failure
        }
    }
}

/// `attune migrate`: applies pending schema migrations and reports the versions.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open(ifMissing: .create)
        defer { store.close() }
        let report = try store.migrate()
        print("schema version \(report.toVersion)")
    }
}

/// `attune practice create`.
struct PracticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Manage practices.",
        subcommands: [Create.self, List.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a practice and print its first admin key (shown once)."
        )

        @Option(help: "The practice's name.") var name: String
        @Flag(help: "Print one JSON object: {\"practice\": …, \"key\": …}.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(ifMissing: .create)
            defer { store.close() }
            let created = try report { try store.createPractice(name: name) }
            if json {
                print(#"{"practice":"\#(created.practice.id)","key":"\#(created.adminKey.token)"}"#)
            } else {
                print("practice \(created.practice.id)")
                print("admin key (shown once, store it now): \(created.adminKey.token)")
            }
        }
    }
}

/// `attune key create`.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Manage API keys.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key and print it (shown once).")

        @Option(help: "The practice id.") var practice: String
        @Option(help: "admin, intake, clinician, supervisor or submit.") var role: String
        @Option(help: "The therapist a clinician key is bound to.") var therapist: String?
        @Option(help: "A label to recognise the key by.") var label: String?
        @Flag(help: "Print one JSON object: {\"id\": …, \"key\": …}.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be admin, intake, clinician, supervisor or submit")
            }
            let store = try database.open(ifMissing: .refuse)
            defer { store.close() }
            guard try store.practice(id: practice) != nil else {
                FileHandleOutput.standardError("attune: no practice \(practice)")
                throw ExitCode.failure
            }
            let new = NewAPIKey(role: role, therapistID: therapist, label: label)
            let created = try report { try store.createKey(practiceID: practice, new, actor: .commandLine) }
            if json {
                print(#"{"id":"\#(created.key.id)","key":"\#(created.token)"}"#)
            } else {
                print("key \(created.key.id) (\(role.rawValue))")
                print("secret (shown once, store it now): \(created.token)")
            }
        }
    }
}

/// `attune backup PATH`: a consistent copy while the server runs.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the database to PATH (safe while the server runs)."
    )

    @Argument(help: "Where to write the copy; must not exist.") var path: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open(ifMissing: .refuse)
        defer { store.close() }
        try report { try store.backup(to: path) }
        print("backup written to \(path)")
    }
}

/// Runs a store call; a store error is printed with its own message and exits 1.
func report<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        FileHandleOutput.standardError("attune: \(error)")
        throw ExitCode.failure
    }
}
