import Casework
import Foundation
import GRDB
import Testing
@testable import CaseStore

@Suite struct ConcurrencyAndBackup {
    /// Two terminals on one file act on the same case at once: the second waits for the lock,
    /// then decides on the new state — the action is never applied twice.
    @Test func concurrentActsFromTwoPoolsNeverApplyTwice() throws {
        let office = try Office(.disk)
        let path = office.store.path
        let refs = try (0..<10).map { _ in try office.register().ref }
        let stores = [try CaseStore.open(path: path), try CaseStore.open(path: path)]
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { n in
            let store = stores[n]
            for ref in refs {
                do {
                    _ = try store.act(.ref(ref), action: .assess, inputs: ActionInputs(), actor: "a.moreau",
                                      today: Office.today, now: Office.now)
                    outcomes.add("ok")
                } catch let error as StoreError {
                    outcomes.add(error.category == .refused ? "refused" : "other: \(error)")
                } catch {
                    outcomes.add("other: \(error)")
                }
            }
        }
        let all = outcomes.all
        #expect(all.filter { $0 == "ok" }.count == refs.count)
        #expect(all.filter { $0 == "refused" }.count == refs.count)
        for ref in refs {
            #expect(try office.store.events(of: .ref(ref)).filter { $0.action == .assess }.count == 1)
        }
        #expect(try office.store.verifyAudit().ok)
    }

    @Test func aWriterWaitsForAnotherProcessesTransaction() throws {
        let office = try Office(.disk)
        let file = try office.register()
        let other = try DatabaseQueue(path: office.store.path)
        let started = Date()
        let done = Outcomes()
        try other.inTransaction(.immediate) { _ in
            DispatchQueue.global().async {
                do {
                    _ = try office.act(file.ref, .assess)
                    done.add("ok")
                } catch {
                    done.add("\(error)")
                }
            }
            Thread.sleep(forTimeInterval: 0.5)
            return .commit
        }
        while done.all.isEmpty && Date().timeIntervalSince(started) < 10 { Thread.sleep(forTimeInterval: 0.02) }
        #expect(done.all == ["ok"])
        #expect(Date().timeIntervalSince(started) >= 0.5)
    }

    @Test func aLockHeldTooLongIsAStorageError() throws {
        let office = try Office(.disk)
        let file = try office.register()
        let impatient = try CaseStore.open(path: office.store.path, busyTimeout: 0.2)
        let other = try DatabaseQueue(path: office.store.path)
        try other.inTransaction(.immediate) { _ in
            #expect {
                _ = try impatient.act(.ref(file.ref), action: .assess, inputs: ActionInputs(),
                                      actor: "a.moreau", today: Office.today, now: Office.now)
            } throws: { error in
                guard case StoreError.busy = error else { return false }
                return (error as? StoreError)?.category == .storage
            }
            return .commit
        }
        #expect(try office.store.caseFile(.ref(file.ref)).state == .received)
    }

    /// A connection waiting for a lock tries again every 5 ms until its timeout, then gives up:
    /// an office-wide change's short pause between batches is enough for it to get its turn.
    @Test func aWaitingConnectionTriesEveryFewMillisecondsUntilItsTimeout() {
        let handler = CaseStore.pollingBusyHandler(timeout: 0.02)
        #expect((0..<4).allSatisfy { handler($0) })
        #expect(!handler(4))
        #expect(CaseStore.rebuildPauseMicroseconds >= 3 * CaseStore.busyPollMicroseconds)
    }

    @Test func concurrentRegistrationsMintDistinctReferences() throws {
        let office = try Office(.disk)
        let stores = [try CaseStore.open(path: office.store.path), try CaseStore.open(path: office.store.path)]
        let refs = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { n in
            for _ in 0..<15 {
                do {
                    let r = Registration(direction: .incoming, kind: .preservation, counterpart: "DEU", received: Office.today)
                    refs.add(try stores[n].register(r, actor: "a.moreau", today: Office.today, now: Office.now).ref)
                } catch {
                    refs.add("error: \(error)")
                }
            }
        }
        let expected = (1...30).map { String(format: "IN-PRES-2026-%04d", $0) }
        #expect(refs.all.sorted() == expected)
    }

    @Test func dataVersionChangesWhenAnotherStoreWrites() throws {
        let office = try Office(.disk)
        let other = try CaseStore.open(path: office.store.path)
        let before = try office.store.dataVersion()
        try other.addOfficer("b.other", role: .officer)
        #expect(try office.store.dataVersion() != before)
    }

    @Test func backupAndRestoreRoundTrip() throws {
        let office = try Office(.disk)
        let folder = try #require(office.folder)
        let kept = try office.register(title: "kept by the backup")
        let backup = folder.file("backups/copy.sqlite")
        #expect(CaseStore.defaultBackupPath(for: "/d/cases.sqlite", now: Office.now) == "/d/backups/cases-20260302-100000.sqlite")
        // An output creates its file, not folders: the backups folder is made for the default name.
        #expect(throws: StoreError.self) { try office.store.backup(to: backup) }
        try CaseStore.makeBackupFolder(for: office.store.path)
        try office.store.backup(to: backup)
        #expect(throws: StoreError.self) { try office.store.backup(to: backup) }
        #expect(try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int == 0o600)

        let lost = try office.register(title: "after the backup")
        // Even this process's own connection would write on into the file kept aside.
        try office.store.closeConnections()
        let aside = try #require(try CaseStore.restore(from: backup, to: office.store.path, now: Office.now))
        #expect(aside.hasSuffix("cases.sqlite.before-restore-20260302-100000"))

        let restored = try CaseStore.open(path: office.store.path)
        #expect(try restored.caseFile(.ref(kept.ref)).title == "kept by the backup")
        #expect(throws: StoreError.self) { _ = try restored.caseFile(.ref(lost.ref)) }
        #expect(try restored.verifyAudit().ok)
        #expect(try restored.check().ok)
        let previous = try CaseStore.open(path: aside)
        #expect(try previous.caseFile(.ref(lost.ref)).title == "after the backup")
    }

    @Test func restoreReplacesADamagedDatabaseAndKeepsItAside() throws {
        let office = try Office(.disk)
        let folder = try #require(office.folder)
        try office.register(title: "in the backup")
        try office.store.backup(to: folder.file("b.sqlite"))
        let broken = folder.file("broken.sqlite")
        _ = FileManager.default.createFile(atPath: broken, contents: Data("garbage".utf8))
        let aside = try #require(try CaseStore.restore(from: folder.file("b.sqlite"), to: broken, now: Office.now))
        #expect(try String(contentsOfFile: aside, encoding: .utf8) == "garbage")
        #expect(try CaseStore.open(path: broken).count(CaseFilter()) == 1)
    }

    @Test func restoreRefusesAForeignOrTamperedBackup() throws {
        let office = try Office(.disk)
        let folder = try #require(office.folder)
        try office.register(title: "precious")
        let foreign = folder.file("foreign.sqlite")
        _ = FileManager.default.createFile(atPath: foreign, contents: Data("hello".utf8))
        #expect(throws: StoreError.self) { try CaseStore.restore(from: foreign, to: office.store.path, now: Office.now) }

        let tampered = folder.file("tampered.sqlite")
        try office.store.backup(to: tampered)
        let raw = try DatabaseQueue(path: tampered)
        try raw.write { try $0.execute(sql: "DROP TRIGGER events_no_update; UPDATE events SET actor = 'x'") }
        try raw.close()
        #expect(throws: StoreError.self) { try CaseStore.restore(from: tampered, to: office.store.path, now: Office.now) }
        #expect(try office.store.count(CaseFilter()) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("before-restore") }.isEmpty)
    }

    @Test func inMemoryStoresBackUpToo() throws {
        let office = try Office()
        let folder = TemporaryFolder()
        try office.register(title: "in memory")
        try office.store.backup(to: folder.file("m.sqlite"))
        #expect(try CaseStore.open(path: folder.file("m.sqlite")).count(CaseFilter()) == 1)
    }
}

final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
