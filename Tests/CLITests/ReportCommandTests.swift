import Foundation
import TerminalTesting
import Testing

/// `cadesk report` against a small office whose figures were counted by hand (issue 10 §3–4).
/// Every case is made through the engine with `--on` dates across the 2025/2026 year boundary
/// and the January/February month boundary. The expected numbers below are literals from the
/// hand count in `OfficeFixture`'s comments, never computed by the code under test.
@Suite(.serialized)
struct ReportCommandTests {
    func report(_ box: borrowing Sandbox, _ from: String, _ to: String) throws -> [String: [[String: Any]]] {
        let r = try box.run(["report", "--from", from, "--to", to, "--format", "json"])
        #expect(r.status == 0, "\(r)")
        let object = try #require(try r.json() as? [String: Any])
        return try #require(object["tables"] as? [String: [[String: Any]]])
    }

    /// The row of `table` whose text columns have these values.
    func row(_ tables: [String: [[String: Any]]], _ table: String, _ keys: [String: String]) throws -> [String: Any] {
        let rows = try #require(tables[table], "no table \(table)")
        return try #require(rows.first { row in keys.allSatisfy { row[$0.key] as? String == $0.value } },
                            "no row \(keys) in \(table): \(rows)")
    }

    func int(_ row: [String: Any], _ key: String) -> Int? { row[key] as? Int }

    @Test func januaryCountsWhatWasReceivedSentAndDecidedInJanuary() throws {
        let box = try Sandbox()
        try OfficeFixture.make(box)
        let t = try report(box, "2026-01-01", "2026-01-31")
        // Requests: C2, C3, C9 received; C4, C5 received; C6 sent on 2 Jan (drafted in December);
        // C7 is a draft; C8 was sent on 31 December.
        #expect(int(try row(t, "requests", ["direction": "incoming", "kind": "mla"]), "requests") == 3)
        #expect(int(try row(t, "requests", ["direction": "incoming", "kind": "preservation"]), "requests") == 2)
        #expect(int(try row(t, "requests", ["direction": "outgoing", "kind": "mla"]), "requests") == 1)
        #expect(int(try row(t, "requests", ["direction": "outgoing", "kind": "preservation"]), "requests") == 0)
        // Per State, most requests first, then by code.
        let states = try #require(t["by-counterpart"]).map { "\($0["counterpart"]!):\($0["total"]!)" }
        #expect(states == ["DEU:2", "USA:2", "BRA:1", "FRA:1"])
        #expect(int(try row(t, "by-counterpart", ["counterpart": "USA"]), "received_preservation") == 1)
        #expect(int(try row(t, "by-purpose", ["purpose": "evidence"]), "received") == 1)
        #expect(int(try row(t, "by-purpose", ["purpose": "evidence"]), "sent") == 1)
        #expect(int(try row(t, "by-purpose", ["purpose": "search-seizure"]), "received") == 0)
        // Outcomes by the date decided: C1 refused 10 Jan, C3 completed 20 Jan, C4 and C5
        // preserved (the voided preservation of C5 does not count), C6 refused by Brazil, C8
        // preserved by the USA on 3 Jan.
        let inMLA = try row(t, "outcomes", ["direction": "incoming", "kind": "mla"])
        #expect(int(inMLA, "executed") == 1 && int(inMLA, "refused") == 1 && int(inMLA, "partially_refused") == 0)
        #expect(int(try row(t, "outcomes", ["direction": "incoming", "kind": "preservation"]), "executed") == 2)
        #expect(int(try row(t, "outcomes", ["direction": "outgoing", "kind": "mla"]), "refused") == 1)
        #expect(int(try row(t, "outcomes", ["direction": "outgoing", "kind": "preservation"]), "executed") == 1)
        // C1's refusal on two grounds counts once above and under each ground; Brazil's refusal
        // of C6 is in the other table, and ours of 40.8 stays at 0.
        #expect(int(try row(t, "refusals-ours", ["ground": "40.21b"]), "mla_refused") == 1)
        #expect(int(try row(t, "refusals-ours", ["ground": "40.21c"]), "mla_refused") == 1)
        #expect(int(try row(t, "refusals-ours", ["ground": "40.21a"]), "mla_refused") == 0)
        #expect(int(try row(t, "refusals-theirs", ["ground": "40.21b"]), "mla_refused") == 1)
        #expect(int(try row(t, "refusals-theirs", ["ground": "40.8-dual-criminality"]), "mla_refused") == 1)
        #expect(int(try row(t, "refusals-theirs", ["ground": "40.21c"]), "mla_refused") == 0)
        #expect(int(try row(t, "refusals-ours", ["ground": "40.8-dual-criminality"]), "mla_refused") == 0)
        // Days: C1 20 Dec → 10 Jan = 21; C3 5 → 20 Jan = 15; C4 8 → 9 Jan = 1, C5 12 → 20 Jan = 8
        // (median of 1, 8 by nearest rank is 1, p90 is 8); C6 2 → 25 Jan = 23; C8 31 Dec → 3 Jan = 3.
        let refusal = try row(t, "time-to-decision", ["direction": "incoming", "kind": "mla", "decision": "refusal"])
        #expect(int(refusal, "decisions") == 1 && int(refusal, "median_days") == 21 && int(refusal, "p90_days") == 21)
        let inMLAExec = try row(t, "time-to-decision", ["direction": "incoming", "kind": "mla", "decision": "execution"])
        #expect(int(inMLAExec, "median_days") == 15)
        let preserve = try row(t, "time-to-decision", ["direction": "incoming", "kind": "preservation", "decision": "execution"])
        #expect(int(preserve, "decisions") == 2 && int(preserve, "median_days") == 1 && int(preserve, "p90_days") == 8)
        #expect(int(try row(t, "time-to-decision", ["direction": "outgoing", "kind": "mla", "decision": "refusal"]), "median_days") == 23)
        #expect(int(try row(t, "time-to-decision", ["direction": "outgoing", "kind": "preservation", "decision": "execution"]), "median_days") == 3)
        let none = try row(t, "time-to-decision", ["direction": "outgoing", "kind": "mla", "decision": "execution"])
        #expect(int(none, "decisions") == 0 && none["median_days"] is NSNull)
        // Preservation: C4 within its 2-day target (8 → 9 Jan), C5 after it (12 → 20 Jan).
        #expect(int(try row(t, "preservations", ["direction": "incoming", "figure": "preserved"]), "count") == 2)
        #expect(int(try row(t, "preservations", ["direction": "incoming", "figure": "preserved-within-target"]), "count") == 1)
        #expect(int(try row(t, "preservations", ["direction": "incoming", "figure": "preserved-after-target"]), "count") == 1)
        #expect(int(try row(t, "preservations", ["direction": "outgoing", "figure": "preserved"]), "count") == 1)
        #expect(int(try row(t, "preservations", ["direction": "incoming", "figure": "extended"]), "count") == 0)
        #expect(int(try row(t, "consultations", ["direction": "incoming", "kind": "mla", "subject": "refuse"]), "count") == 1)
        // C2, urgent, received 30 Jan and completed 2 Feb: undecided at the end of January.
        let urgent = try row(t, "urgent", ["direction": "incoming", "urgency": "urgent"])
        #expect(int(urgent, "requests") == 1 && int(urgent, "decided") == 0 && int(urgent, "undecided") == 1)
        #expect(int(try row(t, "urgent", ["direction": "outgoing", "urgency": "emergency"]), "requests") == 0)
    }

    @Test func theYearBoundaryAndFebruaryFallWhereTheirDatesAre() throws {
        let box = try Sandbox()
        try OfficeFixture.make(box)
        let december = try report(box, "2025-12-01", "2025-12-31")
        #expect(int(try row(december, "requests", ["direction": "incoming", "kind": "mla"]), "requests") == 1)
        #expect(int(try row(december, "requests", ["direction": "outgoing", "kind": "mla"]), "requests") == 0)
        #expect(int(try row(december, "requests", ["direction": "outgoing", "kind": "preservation"]), "requests") == 1)
        #expect(int(try row(december, "by-purpose", ["purpose": "search-seizure"]), "received") == 1)
        #expect(int(try row(december, "outcomes", ["direction": "incoming", "kind": "mla"]), "refused") == 0)
        let emergency = try row(december, "urgent", ["direction": "outgoing", "urgency": "emergency"])
        #expect(int(emergency, "requests") == 1 && int(emergency, "undecided") == 1)

        let february = try report(box, "2026-02-01", "2026-02-28")
        let inMLA = try row(february, "outcomes", ["direction": "incoming", "kind": "mla"])
        #expect(int(inMLA, "executed") == 1 && int(inMLA, "partially_refused") == 1 && int(inMLA, "refused") == 0)
        #expect(int(try row(february, "refusals-ours", ["ground": "40.8-de-minimis"]), "mla_partially_refused") == 1)
        #expect(int(try row(february, "preservations", ["direction": "incoming", "figure": "extended"]), "count") == 1)
        #expect(int(try row(february, "preservations", ["direction": "outgoing", "figure": "extension-requested"]), "count") == 1)
        // The request still awaits its answer: neither granted nor declined (42.9).
        #expect(int(try row(february, "preservations", ["direction": "outgoing", "figure": "extension-refused"]), "count") == 0)
        #expect(int(try row(february, "consultations", ["direction": "incoming", "kind": "mla", "subject": "partial-refuse"]), "count") == 1)

        // Over three months: execution of incoming MLA took 15 (C3) and 3 (C2) days.
        let quarter = try report(box, "2025-12-01", "2026-02-28")
        let exec = try row(quarter, "time-to-decision", ["direction": "incoming", "kind": "mla", "decision": "execution"])
        #expect(int(exec, "decisions") == 2 && int(exec, "median_days") == 3 && int(exec, "p90_days") == 15)
        let urgent = try row(quarter, "urgent", ["direction": "incoming", "urgency": "urgent"])
        #expect(int(urgent, "decided") == 1 && int(urgent, "median_days") == 3)
        #expect(int(try row(quarter, "urgent", ["direction": "outgoing", "urgency": "emergency"]), "median_days") == 3)
    }

    @Test func theCSVReadsBackInPythonAndTheFolderIsNew() throws {
        let box = try Sandbox()
        try OfficeFixture.make(box)
        let folder = box.root.appendingPathComponent("january").path
        var r = try box.run(["report", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "csv", "--out", folder])
        #expect(r.status == 0, "\(r)")
        let read = try LetterCommandTests.py("""
            import csv, os, sys
            folder = sys.argv[1]
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), newline='') as f:
                    rows = list(csv.reader(f, strict=True))
                print(name, oct(os.stat(os.path.join(folder, name)).st_mode & 0o777), len(rows) - 1, ",".join(rows[0]))
            with open(os.path.join(folder, 'requests.csv'), newline='') as f:
                for row in csv.DictReader(f):
                    print(row['direction'], row['kind'], row['requests'])
            print(oct(os.stat(folder).st_mode & 0o777))
            """, [folder])
        #expect(read.contains("requests.csv 0o600 4 direction,kind,requests"), "\(read)")
        #expect(read.contains("by-counterpart.csv 0o600 4 counterpart,received_mla,received_preservation,sent_mla,sent_preservation,total"), "\(read)")
        #expect(read.contains("incoming preservation 2\noutgoing mla 1"), "\(read)")
        #expect(read.contains("time-to-decision.csv 0o600 8 "), "\(read)")
        #expect(read.hasSuffix("0o700\n"), "\(read)")

        // The folder exists now: refused, and nothing in it changes.
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        r = try box.run(["report", "--from", "2025-12-01", "--to", "2025-12-31", "--format", "csv", "--out", folder])
        #expect(r.status == 2 && r.stderr.contains("the folder already exists") && r.stdout.isEmpty, "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before)
        let requests = try String(contentsOfFile: folder + "/requests.csv", encoding: .utf8)
        #expect(requests == "direction,kind,requests\r\nincoming,mla,3\r\nincoming,preservation,2\r\noutgoing,mla,1\r\noutgoing,preservation,0\r\n")

        // --force writes December's tables into it, and leaves other files there alone.
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        r = try box.run(["report", "--from", "2025-12-01", "--to", "2025-12-31", "--format", "csv", "--out", folder, "--force"])
        #expect(r.status == 0 && r.stdout == "11 tables -> \(folder)/\n", "\(r)")
        #expect(try String(contentsOfFile: folder + "/requests.csv", encoding: .utf8).contains("incoming,mla,1\r\n"))
        #expect(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8) == "mine")

        // One file, one section per table, read by the same reader.
        let single = box.root.appendingPathComponent("january.csv").path
        r = try box.run(["report", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "csv", "--out", single])
        #expect(r.status == 0, "\(r)")
        let sections = try LetterCommandTests.py("""
            import csv, sys
            with open(sys.argv[1], newline='') as f:
                rows = list(csv.reader(f, strict=True))
            names = [rows[0][0]] + [rows[i + 1][0] for i, row in enumerate(rows[:-1]) if row == []]
            print(" ".join(names))
            i = rows.index(['refusals-theirs'])
            print(rows[i + 1][:3])
            """, [single])
        #expect(sections.hasPrefix("report requests by-counterpart by-purpose outcomes refusals-ours refusals-theirs time-to-decision preservations consultations urgent\n"), "\(sections)")
        #expect(sections.contains("['ground', 'article', 'mla_refused']"), "\(sections)")
    }

    @Test func theTextIsAlignedAndBadPeriodsAreUsageErrors() throws {
        let box = try Sandbox()
        try OfficeFixture.make(box)
        var r = try box.run(["report", "--from", "2026-01-01", "--to", "2026-01-31"])
        #expect(r.status == 0, "\(r)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("DIRECTION  KIND") && $0.hasSuffix("REQUESTS") })
        #expect(Array(lines[header...(header + 4)]) == [
            "DIRECTION  KIND          REQUESTS",
            "incoming   mla                  3",
            "incoming   preservation         2",
            "outgoing   mla                  1",
            "outgoing   preservation         0",
        ])
        #expect(r.stdout.contains("outgoing   mla           execution          0       —    —"), "\(r.stdout)")

        r = try box.run(["report", "--from", "2026-02-01", "--to", "2026-01-31"])
        #expect(r.status == 2 && r.stderr.hasPrefix("cadesk: ") && r.stderr.contains("--from") && r.stdout.isEmpty, "\(r)")
        r = try box.run(["report", "--from", "2026-02-30", "--to", "2026-03-31"])
        #expect(r.status == 2, "\(r)")
        r = try box.run(["report", "--to", "2026-03-31"])
        #expect(r.status == 2, "\(r)")
    }
}
