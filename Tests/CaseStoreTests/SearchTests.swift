import Casework
import Foundation
import GRDB
import Testing
@testable import CaseStore

/// Search through the indexes: Chinese, Japanese and Korean words anywhere in a run, the
/// officer, and the index kept right as cases change, are rebuilt and are migrated.
@Suite struct SearchIndexTests {
    static func office(_ location: Where = .memory) throws -> (Office, [CaseFile]) {
        let office = try Office(location)
        try office.store.addOfficer("r.sharma", role: .officer)
        let files = [
            try office.register(title: "网络诈骗案件", facts: "嫌疑人通过虚假投资平台实施诈骗。"),
            try office.register(counterpart: "ITA", title: "サイバー攻撃の捜査", facts: "ランサムウェア・グループ"),
            try office.register(counterpart: "USA", title: "Ransomware against a hospital", facts: "Encrypted records"),
            try office.register(counterpart: "DEU", title: "보이스피싱 조직 수사", facts: "계좌 추적"),
        ]
        return (office, files)
    }

    func found(_ office: Office, _ text: String) throws -> [String] {
        try office.store.listCases(CaseQuery(filter: CaseFilter(openOnly: false, text: text), sort: .ref, limit: 50),
                                   today: Office.today).cases.map(\.ref)
    }

    @Test func cjkWordsAreFoundAnywhereInARun() throws {
        let (office, f) = try Self.office()
        // Two characters in the middle of a run, in the title and in the facts.
        #expect(try found(office, "诈骗") == [f[0].ref])
        #expect(try found(office, "投资") == [f[0].ref])
        #expect(try found(office, "攻撃") == [f[1].ref])
        #expect(try found(office, "조직") == [f[3].ref])
        // One character, also the last of a run; three and more as a phrase of pairs.
        #expect(try found(office, "骗") == [f[0].ref])
        #expect(try found(office, "件") == [f[0].ref])
        #expect(try found(office, "诈骗案件") == [f[0].ref])
        #expect(try found(office, "虚假投资平台") == [f[0].ref])
        // The characters of a word, but not in its order or not side by side: no match.
        #expect(try found(office, "骗诈").isEmpty)
        #expect(try found(office, "诈案").isEmpty)
        // Punctuation ends a run: the pair across `・` is not a word of the text.
        #expect(try found(office, "アグ").isEmpty)
        #expect(try found(office, "グループ") == [f[1].ref])
        // With another word, both must match; Latin search is as before.
        #expect(try found(office, "诈骗 DEU") == [f[0].ref])
        #expect(try found(office, "诈骗 ITA").isEmpty)
        #expect(try found(office, "ranso") == [f[2].ref])
        #expect(try found(office, "encrypt hospital") == [f[2].ref])
    }

    @Test func theOfficerIsFoundThroughTheIndexAndFollowsAssignment() throws {
        let (office, f) = try Self.office()
        #expect(try found(office, "moreau").count == 4)
        #expect(try found(office, "sharma").isEmpty)
        try office.act(f[2].ref, .assign, ActionInputs(officer: "r.sharma"))
        #expect(try found(office, "sharma") == [f[2].ref])
        #expect(try found(office, "r.sharma") == [f[2].ref])
        #expect(try found(office, "sharma hospital") == [f[2].ref])
        #expect(try found(office, "moreau").count == 3)
    }

    @Test func anEditRemovesTheOldWordsFromTheCJKIndex() throws {
        let (office, f) = try Self.office()
        try office.act(f[0].ref, .edit, ActionInputs(title: "电信诈骗", facts: "冒充客服"))
        #expect(try found(office, "网络").isEmpty)
        #expect(try found(office, "投资").isEmpty)
        #expect(try found(office, "电信诈骗") == [f[0].ref])
        #expect(try found(office, "客服") == [f[0].ref])
        #expect(try found(office, "诈骗") == [f[0].ref])
        // What is stored is what a rebuild from the events would write.
        #expect(try office.store.check().projections.isEmpty)
    }

    @Test func checkSeesAStrayPieceAndARebuildRemovesIt() throws {
        let (office, f) = try Self.office()
        try office.sql("INSERT INTO case_cjk(rowid, grams) VALUES ((SELECT seq FROM cases WHERE ref = '\(f[2].ref)'), '蠕虫 虫')")
        #expect(try found(office, "蠕虫") == [f[2].ref])
        let differences = try office.store.check().projections
        #expect(differences == ["case \(f[2].ref): search index differs from what the events say"])
        try office.store.rebuildProjections(now: Office.now)
        #expect(try found(office, "蠕虫").isEmpty)
        #expect(try found(office, "诈骗") == [f[0].ref])
        #expect(try office.store.check().projections.isEmpty)
    }

    @Test(arguments: Where.allCases)
    func theMigrationIndexesTheOfficerAndTheCJKTextOfExistingCases(_ location: Where) throws {
        let (office, f) = try Self.office(location)
        try office.act(f[2].ref, .assign, ActionInputs(officer: "r.sharma"))
        let before = try office.projections()
        // The database as v5 left it: the index without the officer and without case_cjk.
        try office.store.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE old_text USING fts5(ref, title, facts, offence, counterpart, notes,
                    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
                INSERT INTO old_text(rowid, ref, title, facts, offence, counterpart, notes)
                    SELECT rowid, ref, title, facts, offence, counterpart, notes FROM case_text;
                DROP TABLE case_text; DROP TABLE case_cjk;
                ALTER TABLE old_text RENAME TO case_text;
                DELETE FROM grdb_migrations WHERE identifier = 'v6-search-cjk-officer';
                """)
        }
        let store: CaseStore
        if let folder = office.folder {
            store = try CaseStore.open(path: folder.file("cases.sqlite"))
        } else {
            // In memory: the same migrator, run again on the same connection.
            try Schema.migrator.migrate(office.store.writer)
            store = office.store
        }
        let migrated = Office(reopened: store, folder: office.folder)
        #expect(try migrated.projections() == before)
        #expect(try found(migrated, "sharma") == [f[2].ref])
        #expect(try found(migrated, "诈骗") == [f[0].ref])
        #expect(try found(migrated, "捜査") == [f[1].ref])
        #expect(try migrated.store.check().projections.isEmpty)
    }

    /// A database as v8 left it (the search index with prefix indexes), filled by this code,
    /// then migrated (in place, or opened from a file): every kind of word finds the same cases
    /// in the same order, the chain verifies, nothing differs from a rebuild, new cases are
    /// indexed, and the index has no prefix indexes left.
    @Test(arguments: Where.allCases)
    func theMigrationWithoutPrefixIndexesFindsTheSameCases(_ location: Where) throws {
        let old = try Office(initialized: CaseStore.inMemory(upTo: "v8-conflicts"), folder: nil)
        // Today's projector also writes v12's deadline stretches and v13's deadline bases: a
        // scratch table and columns take them while the old database is filled, and go before
        // the migrations (which fill them).
        try old.store.writer.write {
            try $0.execute(sql: Schema.deadlineSpansTable + """
                ;
                ALTER TABLE deadlines ADD COLUMN basis TEXT NOT NULL DEFAULT '?';
                ALTER TABLE deadlines ADD COLUMN replayed INTEGER NOT NULL DEFAULT 0;
                """ + Schema.deadlineStretchesTable)
            // And v14's compressed payloads.
            try Schema.allowCompressedPayloads($0)
        }
        try old.store.addOfficer("r.sharma", role: .officer)
        let f = [
            try old.register(title: "网络诈骗案件", facts: "嫌疑人通过虚假投资平台实施诈骗。"),
            try old.register(counterpart: "ITA", title: "サイバー攻撃の捜査", facts: "ランサムウェア・グループ"),
            try old.register(counterpart: "USA", title: "Ransomware against a hospital", facts: "Encrypted records"),
            try old.register(counterpart: "BEL", title: "Ransom paid from a café", facts: "Crypto exchange in Zürich"),
            try old.register(title: "Phishing of a bank's customers", facts: "Emails with a fake login page"),
        ]
        try old.act(f[2].ref, .assign, ActionInputs(officer: "r.sharma"))
        try old.act(f[3].ref, .note, ActionInputs(note: "Encryption keys seized"))
        func indexSQL(_ office: Office) throws -> String {
            try office.store.read { db in
                try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'case_text'") ?? ""
            }
        }
        #expect(try indexSQL(old).contains("prefix"))
        let words = ["ra", "ran", "ransom", "r", "en", "enc", "encrypt", "cafe", "zur", "sharma", "r.sharma",
                     "moreau", "DEU", "bel", "belg", "诈骗", "诈", "捜査", "ranso hospital", "bank's", f[0].ref]
        let before = try words.map { try found(old, $0) }
        #expect(before[0] == [f[2].ref, f[3].ref], "\(before)")
        // v13 leaves the bases of the rows before it not known.
        try old.store.writer.write {
            try $0.execute(sql: "UPDATE deadlines SET basis = '?', replayed = 0; DELETE FROM deadline_stretches")
        }
        let projections = try old.projections()
        try old.store.writer.write {
            try $0.execute(sql: """
                DROP TABLE deadline_spans; DROP TABLE deadline_stretches;
                ALTER TABLE deadlines DROP COLUMN basis; ALTER TABLE deadlines DROP COLUMN replayed
                """)
        }

        let migrated: Office
        let folder = TemporaryFolder()
        switch location {
        case .memory:
            try Schema.migrator.migrate(old.store.writer)
            migrated = old
        case .disk:
            // The file an office upgrading from v8 has: opening it migrates it.
            try old.store.backup(to: folder.file("cases.sqlite"))
            migrated = Office(reopened: try CaseStore.open(path: folder.file("cases.sqlite")), folder: folder)
        }
        #expect(try !indexSQL(migrated).contains("prefix"))
        #expect(try words.map { try found(migrated, $0) } == before)
        #expect(try migrated.projections() == projections)
        #expect(try migrated.store.verifyAudit().ok)
        #expect(try migrated.store.check().ok)
        let later = try migrated.register(counterpart: "USA", title: "Ransom note by e-mail")
        #expect(try found(migrated, "ra") == (before[0] + [later.ref]).sorted())
    }

    @Test func piecesOfARun() {
        #expect(CJKGrams.of(["网络诈骗"]) == "网络 络诈 诈骗 骗")
        #expect(CJKGrams.of(["A网B", "ランサム・ウェア"]) == "网 ラン ンサ サム ム ウェ ェア ア")
        #expect(CJKGrams.query("诈") == "\"诈\"*")
        #expect(CJKGrams.query("诈骗案") == "\"诈骗 骗案\"")
        #expect(CJKGrams.query("ransom") == nil)
    }
}

extension Office {
    init(reopened store: CaseStore, folder: TemporaryFolder?) {
        self.store = store
        self.folder = folder
    }

    /// An office made as `Office()` makes one, on a store opened otherwise.
    init(initialized store: CaseStore, folder: TemporaryFolder?) throws {
        self.init(reopened: store, folder: folder)
        try store.initialize(office: "Central authority", state: "FRA", timeZone: "Europe/Paris",
                             firstSupervisor: "s.chief")
        try store.addOfficer("a.moreau", role: .officer)
        try store.addOfficer("v.viewer", role: .viewer)
    }
}
