import ArgumentParser
import AttuneSQLite
import AttuneServer
import AttuneStore
import Foundation
import Glibc

/// `attune demo`: fills a practice with realistic synthetic data.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill a practice with realistic synthetic data (clients, therapists, ruptures, repairs).",
        discussion: """
            Every submission is scored and stored by the same rules as POST /v1/submissions, in large \
            transactions; the practice should have no submissions of these client ids yet.
            """
    )

    @Option(help: "The practice to fill (from attune practice create).") var practice: String
    @Option(help: "Clients (default 100).") var clients: Int = 100
    @Option(help: "Weekly sessions per client (default 40).") var sessions: Int = 40
    @Option(help: "Therapists (default: one per 25 clients).") var therapists: Int?
    @Option(help: "Random seed: the same seed gives the same data (default 1).") var seed: UInt64 = 1
    @Flag(help: .hidden) var unsafeNoSync = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1...10_000_000).contains(clients) else { throw ValidationError("clients must be 1…10000000") }
        guard (1...1000).contains(sessions) else { throw ValidationError("sessions must be 1…1000") }
        if let therapists, !(1...10_000).contains(therapists) {
            throw ValidationError("therapists must be 1…10000")
        }
    }

    func run() throws {
        let location = try database.location()
        let noSync = unsafeNoSync || Environment.string("ATTUNE_UNSAFE_NO_SYNC") == "1"
        let store = try report { try location.open(durability: noSync ? .off : .full, ifMissing: .refuse) }
        defer { store.close() }
        guard try report({ try store.practice(id: practice) }) != nil else {
            FileHandleOutput.standardError("attune: no practice \(practice) in this database")
            throw ExitCode.failure
        }
        let demo = DemoConfiguration(clients: clients, sessions: sessions, therapists: therapists, seed: seed)
        let bar = ProgressBar()
        let filled = try report {
            try DemoPractice.fill(store: store, practiceID: practice, configuration: demo) { done, total in
                bar.show(done, of: total)
            }
        }
        bar.finish()
        let rate = filled.seconds > 0 ? Double(filled.submissions) / filled.seconds : 0
        print(
            "filled practice \(practice): \(filled.submissions) submissions, \(clients) clients, "
                + "\(filled.therapists) therapists in \(String(format: "%.1f", filled.seconds)) s "
                + "(\(Int(rate)) submissions/s)"
        )
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar {
    private let isTerminal = isatty(2) == 1
    private let started = Date()

    func show(_ done: Int, of total: Int) {
        guard isTerminal, total > 0 else { return }
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Int(Double(done) / elapsed) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        var line = Array("\r[\(bar)] \(Int(fraction * 100))% \(done)/\(total) \(rate)/s".utf8)
        _ = line.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    func finish() {
        guard isTerminal else { return }
        var newline = Array("\n".utf8)
        _ = newline.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
