import GRDB

/// The search index of one case, written and removed in one place: the full-text table
/// `case_text` (words, as prefixes) and `case_cjk`, the two-character pieces of its Chinese,
/// Japanese and Korean text (`CJKGrams`), so that `诈骗` is found inside `网络诈骗案件`.
/// Both are keyed by `cases.seq` and written in the caller's transaction.
enum SearchIndex {
    /// What is indexed of a case.
    struct Fields: Equatable {
        var ref: String
        var title: String
        var facts: String
        var offence: String
        var counterpart: String
        var notes: String
        var officer: String

        /// The text `case_cjk` is made from: the columns people write in their own language.
        var cjkGrams: String { CJKGrams.of([title, facts, offence, notes]) }
    }

    /// New cases' entries held back to the end of a transaction that registers many (a bulk
    /// batch), then written one after another. SQLite's FTS5 (3.40) writes what it holds in
    /// memory to a new segment of the index whenever a statement that may write several rows
    /// begins in the same transaction — an insert into `cases`, whose triggers write other
    /// tables, is one. Interleaved with each case's rows, every entry became a segment of its
    /// own, merged again and again; written together they make a few.
    final class Later {
        private var entries: [(seq: Int64, fields: Fields)] = []

        func add(seq: Int64, _ fields: Fields) { entries.append((seq, fields)) }

        /// Writes the entries held (in the caller's transaction) and forgets them.
        func write(_ db: Database) throws {
            defer { entries.removeAll(keepingCapacity: true) }
            for entry in entries { try SearchIndex.insert(db, seq: entry.seq, entry.fields) }
        }
    }

    static func insert(_ db: Database, seq: Int64, _ f: Fields) throws {
        try db.cachedStatement(sql: """
            INSERT INTO case_text(rowid, ref, title, facts, offence, counterpart, notes, officer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [seq, f.ref, f.title, f.facts, f.offence, f.counterpart, f.notes, f.officer])
        let grams = f.cjkGrams
        if !grams.isEmpty {
            try db.cachedStatement(sql: "INSERT INTO case_cjk(rowid, grams) VALUES (?, ?)").execute(arguments: [seq, grams])
        }
    }

    /// Removes a case from both tables. `case_cjk` keeps no copy of its text: what to remove is
    /// computed again from the text `case_text` holds, which is what it was made from.
    static func remove(_ db: Database, seq: Int64) throws {
        guard let old = try stored(db, seq: seq) else { return }
        let grams = old.cjkGrams
        if !grams.isEmpty {
            try db.cachedStatement(sql: "INSERT INTO case_cjk(case_cjk, rowid, grams) VALUES ('delete', ?, ?)")
                .execute(arguments: [seq, grams])
        }
        try db.cachedStatement(sql: "DELETE FROM case_text WHERE rowid = ?").execute(arguments: [seq])
    }

    /// Rewrites a case's entry, or leaves it as it is when nothing indexed changed (most
    /// actions add no text: rewriting would only grow the index's segments).
    static func replace(_ db: Database, seq: Int64, with fields: Fields) throws {
        if let old = try stored(db, seq: seq) {
            if old == fields { return }
            try remove(db, seq: seq)
        }
        try insert(db, seq: seq, fields)
    }

    static func stored(_ db: Database, seq: Int64) throws -> Fields? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT ref, title, facts, offence, counterpart, notes, officer FROM case_text WHERE rowid = ?
            """), arguments: [seq]).map { fields($0) }
    }

    /// The seven columns of `case_text` from the row's column `from` on, in their order.
    static func fields(_ row: Row, from n: Int = 0) -> Fields {
        Fields(ref: row[n] ?? "", title: row[n + 1] ?? "", facts: row[n + 2] ?? "", offence: row[n + 3] ?? "",
               counterpart: row[n + 4] ?? "", notes: row[n + 5] ?? "", officer: row[n + 6] ?? "")
    }

    /// Entries of cases that no longer exist (what a case-by-case rebuild cannot reach).
    static func removeOrphans(_ db: Database) throws {
        let orphans = try Int64.fetchAll(db, sql: "SELECT rowid FROM case_text WHERE rowid NOT IN (SELECT seq FROM cases)")
        for seq in orphans { try remove(db, seq: seq) }
    }

    /// Empties both tables (`case_cjk` has no rows to delete one by one without their text).
    static func removeAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM case_text; INSERT INTO case_cjk(case_cjk) VALUES ('delete-all');")
    }

    /// `case_cjk` made again from `case_text`: a rebuild starts here, so that a `case_text`
    /// changed by hand cannot leave pieces behind that no later removal would compute.
    static func rebuildCJK(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO case_cjk(case_cjk) VALUES ('delete-all')")
        try fillCJK(db)
    }

    /// Fills `case_cjk` from `case_text` (the migration that made it, and rebuilds).
    static func fillCJK(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT rowid, ref, title, facts, offence, counterpart, notes, officer FROM case_text
            """)
        let insert = try db.makeStatement(sql: "INSERT INTO case_cjk(rowid, grams) VALUES (?, ?)")
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            let grams = fields(row, from: 1).cjkGrams
            if !grams.isEmpty { try insert.execute(arguments: [seq, grams]) }
        }
    }
}

/// The Chinese, Japanese and Korean runs of a text cut into overlapping pairs of characters,
/// with each run's last character alone: `网络诈骗` → `网络 络诈 诈骗 骗`. These scripts put no
/// spaces between words, so a word is found as the phrase of its pairs (`诈骗案` → "诈骗 骗案")
/// and a single character as a prefix (`诈*`), anywhere in a run.
enum CJKGrams {
    static func of(_ texts: [String]) -> String {
        var out: [String] = []
        for text in texts {
            for run in runs(text) { out += grams(run) }
        }
        return out.joined(separator: " ")
    }

    /// The pieces of one run, in order (a phrase query needs them adjacent).
    static func grams(_ run: [Unicode.Scalar]) -> [String] {
        guard !run.isEmpty else { return [] }
        var out: [String] = []
        for i in 0..<(run.count - 1) {
            var pair = String.UnicodeScalarView()
            pair.append(run[i]); pair.append(run[i + 1])
            out.append(String(pair))
        }
        out.append(String(String.UnicodeScalarView([run[run.count - 1]])))
        return out
    }

    /// The runs of letters of these scripts: punctuation (`・`, `。`) and anything else ends a run.
    static func runs(_ text: String) -> [[Unicode.Scalar]] {
        var runs: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for s in text.unicodeScalars {
            if SearchTerms.isCJK(s) && s.properties.isAlphabetic {
                current.append(s)
            } else if !current.isEmpty {
                runs.append(current); current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// What `case_cjk` is asked for a word typed: each of its runs as the phrase of its pairs,
    /// a single character as a prefix; nil when the word has none of these scripts.
    static func query(_ word: String) -> String? {
        let parts = runs(word).map { run -> String in
            run.count == 1 ? "\"\(String(String.UnicodeScalarView(run)))\"*"
                           : "\"" + grams(run).dropLast().joined(separator: " ") + "\""
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
