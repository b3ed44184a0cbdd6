import Casework
import Foundation
import GRDB
@testable import CaseStore
import Testing

/// Issue 14: a policy change and `admin rebuild` commit in one short transaction with the list
/// of cases left to project again, then project them in short batches. Officers write in
/// between; a process that dies between batches leaves the list for the next one.
@Suite("Office-wide changes in batches")
struct OfficeWideChangeTests {
    /// Every incoming case's acknowledgement, as `deadlines --all` lists it.
    static func acknowledgements(_ store: CaseStore) throws -> [String] {
        try store.deadlines(DeadlineFilter(scope: .all), today: Office.today)
            .filter { $0.kind == .acknowledgement }.map { "\($0.ref) \($0.due)" }.sorted()
    }

    @Test func writersKeepWorkingDuringAPolicyChange() throws {
        let office = try Office(.disk)
        _ = try office.store.bulkLoad(demoCases(3000))
        let target = try office.register(title: "worked on during the policy change")
        let before = try Self.acknowledgements(office.store)
        // Another process's writer that waits at most one second; "busy" would reach the user.
        let writer = try CaseStore.open(path: office.store.path, busyTimeout: 1)
        let (writes, failures) = notesWritten(by: writer, on: target.ref) {
            var policy = try office.store.loadPolicy()
            try policy.set("acknowledge_days", "9")
            try office.store.savePolicy(policy)
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(try office.store.events(of: .ref(target.ref)).count == writes + 1)
        // Every acknowledgement moved, nothing is left to do, and a rebuild on a copy agrees.
        let after = try Self.acknowledgements(office.store)
        #expect(after.count == before.count && after.count > 300)
        #expect(zip(before, after).allSatisfy { $0 != $1 })
        #expect(try office.store.pendingProjections() == 0)
        #expect(try office.store.projectionDifferences(now: Office.now).isEmpty)
        // The batches left checkpoints to a connection of their own; the writer checkpoints
        // by itself again.
        #expect(try office.store.onWriterConnection { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") } == 1000)
    }

    /// SQLite starts the log over only when a write transaction begins with all of it copied
    /// into the database. A batch that began while the checkpoint of the one before was still
    /// copying appended instead: `admin rebuild` at 100,000 cases grew the log to 2.2 GB.
    /// `shortenLog` waits for that checkpoint once the log is long (here: always), so the next
    /// write starts the log over.
    @Test func theWriteAfterALongLogStartsItOver() throws {
        let office = try Office(.disk)
        let checkpointer = try BatchCheckpointer(path: office.store.path, longLogFrames: 0)
        try office.store.onWriterConnection { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        try office.store.write { db in
            try db.execute(sql: "CREATE TABLE filler(x BLOB)")
            for _ in 0..<8000 { try db.execute(sql: "INSERT INTO filler VALUES (randomblob(3000))") }
        }
        let long = try office.store.onWriterConnection { db in try db.checkpoint(.passive, on: "main") }
        #expect(long.walFrameCount > 8000)
        try office.store.write { db in try db.execute(sql: "UPDATE filler SET x = randomblob(3000) WHERE rowid <= 8000") }
        checkpointer.checkpointSoon()
        checkpointer.shortenLog()
        try office.store.write { db in try db.execute(sql: "INSERT INTO filler VALUES (x'00')") }
        checkpointer.finish()
        let after = try office.store.onWriterConnection { db in try db.checkpoint(.passive, on: "main") }
        #expect(after.walFrameCount < 100, "the log went on from frame \(after.walFrameCount)")
    }

    /// What the first transaction of `policy set acknowledge_days 9` leaves when its process goes no
    /// further: the new policy, the cases still to project, and the 'reprojecting' mark of `worker`.
    static func policySavedWithWorkLeft(cases: Int, worker: Int32) throws -> Office {
        let office = try Office(.disk)
        _ = try office.store.bulkLoad(demoCases(cases))
        try markAcknowledgeDays9(office.store) { db in
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('reprojecting', ?)",
                           arguments: ["\(worker) \(Int(Date().timeIntervalSince1970))"])
        }
        return office
    }

    /// The transaction of `policy set acknowledge_days 9` alone: the new value and the cases it
    /// marks pending (and `also`), no batch.
    static func markAcknowledgeDays9(_ store: CaseStore, also: (Database) throws -> Void = { _ in }) throws {
        let old = try store.loadPolicy()
        var policy = old
        try policy.set("acknowledge_days", "9")
        try store.write { db in
            try CaseStore.savePolicy(policy, db)
            try CaseStore.markDeadlinesPending(db, holding: policy.deadlineKindsMoved(from: old))
            try also(db)
        }
    }

    /// What a process killed after saving the policy leaves: the new value and its list of cases.
    /// The next process that opens the database for writing finishes them.
    @Test func aChangeCutShortIsFinishedByTheNextOpen() throws {
        // The dead process's mark: its pid is no one's now.
        let office = try Self.policySavedWithWorkLeft(cases: 300, worker: Int32.max - 1)
        let pending = try office.store.pendingProjections()
        #expect(pending == (try Self.acknowledgements(office.store).count))
        let report = try office.store.check()
        #expect(report.pendingProjections == pending)
        // A change under way is not a fault: `admin check` finishes it in its copy before comparing.
        #expect(report.ok && report.projections.isEmpty, "\(report.projections)")
        #expect(!(try office.store.projectionDifferences(now: Office.now)).isEmpty, "the stored deadlines still follow the old policy")

        let next = try CaseStore.open(path: office.store.path)
        #expect(try next.pendingProjections() == 0)
        #expect(try next.projectionDifferences(now: Office.now).isEmpty)
        #expect(try next.check().pendingProjections == nil)
        #expect(try next.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'reprojecting'") } == nil)
    }

    /// A live process at work on the list keeps it: another opening leaves it alone.
    @Test func aLiveWorkersListIsLeftToIt() throws {
        // Our parent process stands for another cadesk at work.
        let office = try Self.policySavedWithWorkLeft(cases: 50, worker: getppid())
        let pending = try office.store.pendingProjections()
        #expect(pending > 0)
        _ = try CaseStore.open(path: office.store.path)
        #expect(try office.store.pendingProjections() == pending)
        // `admin rebuild` does not wait for it: it finishes everything.
        try office.store.rebuildProjections(now: Office.now)
        #expect(try office.store.pendingProjections() == 0)
        #expect(try office.store.projectionDifferences(now: Office.now).isEmpty)
    }

    /// A rebuild cut short after its links pass resumes where it stopped, and only then is done.
    @Test func anInterruptedRebuildResumes() throws {
        let office = try Office(.disk)
        _ = try office.store.bulkLoad(demoCases(200))
        let a = try office.register(title: "stored wrong")
        try office.sql("UPDATE cases SET state = 'executing' WHERE ref = '\(a.ref)'")
        // Where a rebuild killed after writing every case's links stands.
        try office.sql("INSERT INTO pending_projections(case_id, rebuild) SELECT id, 1 FROM cases WHERE true")
        let cases = try office.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") }
        #expect(try office.store.check().pendingProjections == cases)
        #expect(try office.store.rebuildProjections(now: Office.now, progress: nil) == true)
        #expect(try office.store.pendingProjections() == 0)
        #expect(try office.store.projectionDifferences(now: Office.now).isEmpty)
        // A rebuild with nothing left over starts afresh.
        #expect(try office.store.rebuildProjections(now: Office.now, progress: nil) == false)
    }

    /// The batches' figures: every step counted once, progress rising to the total.
    @Test func aRebuildReportsItsProgress() throws {
        let office = try Office(.disk)
        _ = try office.store.bulkLoad(demoCases(120))
        let cases = try office.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") } ?? 0
        #expect(cases > 30)
        let seen = Outcomes()
        try office.store.rebuildProjections(now: Office.now) { progress in
            seen.add("\(progress.done)/\(progress.total)")
        }
        // Links then projections: two steps a case.
        #expect(seen.all.last == "\(2 * cases)/\(2 * cases)", "\(seen.all)")
    }

    /// How many pending rows need what (`PendingDeadlines`).
    static func needs(_ store: CaseStore) throws -> [Int: Int] {
        try store.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT deadlines, count(*) AS n FROM pending_projections GROUP BY deadlines
                """).map { ($0["deadlines"] as Int, $0["n"] as Int) })
        }
    }

    /// A policy change moves due days from the rows' bases: on an office whose rows all know
    /// theirs, no case is replayed but those whose stretches are told from a replay, and those
    /// only after their due days moved.
    @Test func aPolicyChangeMovesDueDaysFromTheBases() throws {
        let office = try Office(.disk)
        _ = try office.store.bulkLoad(demoCases(600))
        // Say that some cases' stretches are replayed (these simple cases' are not: the replay
        // that finishes them writes that back).
        try office.store.write { db in
            try db.execute(sql: """
                UPDATE deadlines SET replayed = 2
                 WHERE case_id IN (SELECT case_id FROM deadlines WHERE kind = 'acknowledgement' ORDER BY case_id LIMIT 40)
                """)
        }
        try Self.markAcknowledgeDays9(office.store)
        let needs = try Self.needs(office.store)
        #expect(needs[CaseStore.PendingDeadlines.replay.rawValue] == nil)
        #expect(needs[CaseStore.PendingDeadlines.dueDays.rawValue] ?? 0 > 50)
        #expect(needs[CaseStore.PendingDeadlines.dueDaysThenReplay.rawValue] == 40)

        let next = try CaseStore.open(path: office.store.path)
        #expect(try next.pendingProjections() == 0)
        #expect(try next.projectionDifferences(now: Office.now).isEmpty)
    }

    /// Rows stored before v13 know no basis ("?", what the migration leaves): a policy change
    /// replays their cases, which writes the bases; `admin check` takes "?" for no difference.
    @Test func rowsWithoutABasisAreReplayed() throws {
        let office = try Office(.disk)
        _ = try office.store.bulkLoad(demoCases(300))
        try office.store.write { db in try db.execute(sql: "UPDATE deadlines SET basis = '?', replayed = 0") }
        #expect(try office.store.projectionDifferences(now: Office.now).isEmpty)
        try Self.markAcknowledgeDays9(office.store)
        let needs = try Self.needs(office.store)
        #expect(needs.keys.sorted() == [CaseStore.PendingDeadlines.replay.rawValue])
        try office.store.finishPendingProjections(.officeChanges, force: true)
        let unknown = try office.store.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM deadlines WHERE basis = '?'
                   AND case_id IN (SELECT case_id FROM deadlines WHERE kind = 'acknowledgement')
                """)
        }
        #expect(unknown == 0)
        #expect(try office.store.projectionDifferences(now: Office.now).isEmpty)
    }
}
