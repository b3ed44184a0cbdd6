import Foundation
import TerminalTesting
import Testing

/// Issue 14: office-wide changes commit at once and recompute the cases in short batches. A
/// process killed between batches (`CADESK_TEST_DIE_AFTER_BATCHES`) leaves no case computed under
/// the old policy for good: `admin check` says what is left, the next writing command finishes it.
@Suite(.serialized)
struct OfficeWideChangeCommandTests {
    /// Batches of 20 cases, so that a few hundred cases take many.
    static let smallBatches = ["CADESK_TEST_BATCH_CASES": "20"]

    static func demoOffice() throws -> Sandbox {
        let box = try Sandbox(training: false)
        let demo = try box.run(["demo", "--cases", "300", "--seed", "1"], timeout: 300)
        guard demo.status == 0 else { throw CadeskTestError("demo: \(demo)") }
        return box
    }

    /// Every acknowledgement deadline (met ones too), by case.
    static func acknowledgements(_ box: borrowing Sandbox) throws -> [String: String] {
        let rows = try box.run(["deadlines", "--all", "--json"]).json() as? [[String: Any]] ?? []
        var dues: [String: String] = [:]
        for row in rows where row["kind"] as? String == "acknowledgement" {
            dues[row["ref"] as? String ?? ""] = row["due"] as? String
        }
        return dues
    }

    @Test func aPolicyChangeKilledBetweenBatchesIsFinishedByTheNextWrite() throws {
        let box = try Self.demoOffice()
        let before = try Self.acknowledgements(box)
        #expect(before.count > 100)

        var env = Self.smallBatches
        env["CADESK_TEST_DIE_AFTER_BATCHES"] = "2"
        let cut = try box.run(["policy", "set", "acknowledge_days", "9"], env: env)
        #expect(cut.status == 137, "\(cut)")
        // The change itself is saved; some cases still show the old deadlines.
        let policy = try box.run(["policy", "show", "--json"]).json() as? [String: Any]
        #expect(policy?["acknowledge_days"] as? String == "9")
        let halfway = try Self.acknowledgements(box)
        let moved = halfway.filter { before[$0.key] != $0.value }.count
        #expect(moved > 0 && moved < before.count, "moved \(moved) of \(before.count)")

        // A change under way is not a fault: the check finishes it in its private copy, compares,
        // and says what is left to do.
        let check = try box.run(["admin", "check"])
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.contains("projections: ok"), "\(check)")
        // Those not moved yet, and those moved whose stretches wait for their replay.
        let pending = check.stdout.split(separator: "\n").first { $0.hasPrefix("pending: ") }
            .flatMap { Int($0.dropFirst("pending: ".count).prefix { $0.isNumber }) }
        #expect(pending.map { $0 >= before.count - moved && $0 <= before.count } == true, "\(check)")
        #expect(check.stdout.contains(" cases still to project again after an office-wide change"), "\(check)")

        // The next command that writes finishes the recomputation before its own work.
        let write = try box.run(["officer", "add", "x.newcomer", "--role", "viewer"])
        #expect(write.status == 0, "\(write)")
        let after = try Self.acknowledgements(box)
        #expect(after.count == before.count)
        #expect(after.allSatisfy { before[$0.key] != $0.value }, "every acknowledgement moved")
        let sound = try box.run(["admin", "check"])
        #expect(sound.status == 0, "\(sound)")
        #expect(sound.stdout.contains("projections: ok"))
        #expect(!sound.stdout.contains("pending:"))
    }

    @Test func anInterruptedRebuildResumesWhereItStopped() throws {
        let box = try Self.demoOffice()
        let listed = try box.run(["case", "list", "--all", "--limit", "1000", "--json"]).stdout
        var env = Self.smallBatches
        env["CADESK_TEST_DIE_AFTER_BATCHES"] = "20"
        let cut = try box.run(["admin", "rebuild"], env: env)
        #expect(cut.status == 137, "\(cut)")
        let check = try box.run(["admin", "check"])
        #expect(check.stdout.contains("cases still to project again"), "\(check)")
        // Another command leaves a rebuild's own work to `admin rebuild`.
        #expect(try box.run(["officer", "add", "x.newcomer", "--role", "viewer"]).status == 0)
        #expect(try box.run(["admin", "check"]).stdout.contains("cases still to project again"))

        let resumed = try box.run(["admin", "rebuild"], env: Self.smallBatches)
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.stdout == "projections rebuilt from the events (an interrupted rebuild resumed where it stopped)\n")
        // Not a terminal: no progress lines among the errors.
        #expect(resumed.stderr == "")
        let sound = try box.run(["admin", "check"])
        #expect(sound.status == 0, "\(sound)")
        #expect(!sound.stdout.contains("pending:"))
        #expect(try box.run(["case", "list", "--all", "--limit", "1000", "--json"]).stdout == listed)
        let again = try box.run(["admin", "rebuild"])
        #expect(again.stdout == "projections rebuilt from the events\n")
    }
}
