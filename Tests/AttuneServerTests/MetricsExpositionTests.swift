import Foundation
import Testing

@testable import AttuneServer

/// `/metrics` read as Prometheus reads it: every family declared with HELP and TYPE before its samples.
@Suite(.timeLimit(.minutes(1)))
struct MetricsExpositionTests {
    struct Family {
        var help: String?
        var type: String?
        var samples: [(labels: String, value: Double)] = []
    }

    /// A strict reader of the text format 0.0.4: unknown lines, undeclared families and bad values fail.
    static func parse(_ text: String) -> (families: [String: Family], errors: [String]) {
        var families: [String: Family] = [:]
        var errors: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ", maxSplits: 1)
                guard parts.count == 2 else {
                    errors.append("malformed: \(line)")
                    continue
                }
                let name = String(parts[0])
                if line.hasPrefix("# HELP ") {
                    if families[name]?.help != nil { errors.append("second HELP for \(name)") }
                    families[name, default: Family()].help = String(parts[1])
                } else {
                    if families[name]?.type != nil { errors.append("second TYPE for \(name)") }
                    if !(families[name]?.samples.isEmpty ?? true) { errors.append("TYPE after samples: \(name)") }
                    families[name, default: Family()].type = String(parts[1])
                }
                continue
            }
            if line.hasPrefix("#") { continue }
            let nameEnd = line.firstIndex { $0 == "{" || $0 == " " } ?? line.endIndex
            let sampleName = String(line[..<nameEnd])
            let rest = line[nameEnd...]
            let labels = rest.hasPrefix("{") ? String(rest.prefix { $0 != "}" }) + "}" : ""
            guard let valueText = rest.dropFirst(labels.count).split(separator: " ").first,
                let value = Double(valueText) ?? (valueText == "+Inf" ? .infinity : nil)
            else {
                errors.append("bad sample: \(line)")
                continue
            }
            let family =
                [sampleName]
                + ["_bucket", "_sum", "_count"].compactMap {
                    sampleName.hasSuffix($0) ? String(sampleName.dropLast($0.count)) : nil
                }
            guard let name = family.first(where: { families[$0]?.type != nil }) else {
                errors.append("sample of an undeclared family: \(line)")
                continue
            }
            families[name]?.samples.append((labels, value))
        }
        for (name, family) in families where family.help == nil || family.help?.isEmpty == true {
            errors.append("no HELP for \(name)")
        }
        return (families, errors)
    }

    @Test func everyFamilyHasHelpAndTheRightType() throws {
        let fixture = try SubmissionFixture()
        defer { fixture.stop() }
        _ = try fixture.create(.checkin())
        #expect(try fixture.client.get("/v1/therapists", token: nil).status == 401)
        let response = try fixture.client.get("/metrics", token: nil)
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let (families, errors) = Self.parse(response.text)
        #expect(errors.isEmpty, "\(errors)")
        let expected: [String: String] = [
            "attune_store_commits_total": "counter",
            "attune_store_writes_total": "counter",
            "attune_submissions_created_total": "counter",
            "attune_alerts_fired_total": "counter",
            "attune_unauthenticated_total": "counter",
            "attune_rate_limited_total": "counter",
            "attune_build_info": "gauge",
            "process_cpu_seconds_total": "counter",
            "process_resident_memory_bytes": "gauge",
            "process_open_fds": "gauge",
            "process_max_fds": "gauge",
            "process_start_time_seconds": "gauge",
        ]
        for (name, type) in expected {
            #expect(families[name]?.type == type, "\(name)")
            #expect(families[name]?.samples.isEmpty == false, "\(name) has no sample")
        }
        #expect(families.keys.allSatisfy { !$0.contains("per_commit") })
        #expect(families["attune_submissions_created_total"]?.samples.first?.value == 1)
        #expect((families["attune_unauthenticated_total"]?.samples.first?.value ?? 0) >= 1)
        #expect((families["attune_store_commits_total"]?.samples.first?.value ?? 0) >= 1)
        #expect(families["attune_build_info"]?.samples.first?.labels.contains("version=\"") == true)
        #expect((families["process_resident_memory_bytes"]?.samples.first?.value ?? 0) > 1_000_000)
        let started = families["process_start_time_seconds"]?.samples.first?.value ?? 0
        #expect(abs(started - Date().timeIntervalSince1970) < 24 * 3600)
        #expect(
            (families["process_open_fds"]?.samples.first?.value ?? 0)
                <= (families["process_max_fds"]?.samples.first?.value ?? 0)
        )
    }

    @Test func helpIsAddedToFamiliesDeclaredWithoutIt() {
        let emitted =
            "# TYPE http_open_connections gauge\nhttp_open_connections 3\n"
            + "# HELP x_total Xs\n# TYPE x_total counter\nx_total 1\n"
        let (families, errors) = Self.parse(MetricsExposition.addingMissingHelp(to: emitted))
        #expect(errors.isEmpty, "\(errors)")
        #expect(families["http_open_connections"]?.help == "Client connections open now")
        #expect(families["x_total"]?.help == "Xs")
        #expect(Self.parse(emitted).errors == ["no HELP for http_open_connections"])
    }
}
