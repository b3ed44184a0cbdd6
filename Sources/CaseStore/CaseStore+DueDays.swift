import Casework
import Foundation
import GRDB
import Synchronization

/// A change of a policy period, of the working-day rule or of the holidays moves due days, and
/// nothing else a deadline is: which deadlines a case has, whether met or cancelled and when,
/// follow from its events alone. Each deadline row keeps how its due day follows from the policy
/// (`DeadlineBasis`, computed by the replay that wrote it), so the change moves the due days of
/// the cases it touches from their rows, with no replay of their events: at 100,000 cases the
/// replay took about a millisecond a case.
///
/// A batch does it for thousands of cases at once, in a few statements: the due days through
/// the SQL function `cadesk_due` (`DeadlineBasis.due` under the current policy), the next
/// deadline, and the stretches. A case's stretches are told from its deadline rows, or for a
/// case whose stretches are replayed from its events from its stretches by basis
/// (`deadline_stretches`), as `OverdueSpan.told` and `OverdueSpan.spans(from:policy:calendar:)`
/// tell them; `admin check` and the tests compare both with a replay. A case that cannot be
/// told so — a basis not known ("?", stored before v13), two bases of one kind on one day, or
/// stretches not kept — is replayed after its due days moved (or instead, for an unknown basis).
extension CaseStore {
    /// One batch of cases pending with due days to move (`PendingDeadlines.dueDays` and
    /// `.dueDaysThenReplay`). Returns how many it took.
    static func moveDueDaysBatch(_ db: Database, context: CaseContext) throws -> Int {
        let due = dueFunction(context)
        db.add(function: due)
        defer { db.remove(function: due) }
        let taken = try chooseBatch(db)
        guard taken > 0 else { return 0 }
        try moveDueDaysAndNextDeadlines(db)
        try tellStretchesFromRows(db)
        try tellStretchesFromBases(db)
        try writeToldStretches(db)
        try settleBatch(db)
        return taken
    }

    /// `cadesk_due(basis, due)`: the due day a stored basis gives under `context`'s policy and
    /// holidays; the stored day itself for a fixed basis, NULL for a basis not known. Thousands of
    /// rows share a basis (a period counted from one day): each is computed once.
    private static func dueFunction(_ context: CaseContext) -> DatabaseFunction {
        let policy = context.policy, calendar = context.officeCalendar
        let known = Mutex<[String: String?]>([:])
        return DatabaseFunction("cadesk_due", argumentCount: 2, pure: true) { values in
            guard let text = String.fromDatabaseValue(values[0]) else { return nil }
            if text.isEmpty { return String.fromDatabaseValue(values[1]) }  // fixed: the stored day
            if let day = known.withLock({ $0[text] }) { return day }
            let day = DeadlineBasis(storedText: text)?.due(policy: policy, calendar: calendar)?.storedText
            known.withLock { $0[text] = day }
            return day
        }
    }

    /// Fills `temp.due_batch` with the next cases and what each needs; returns how many.
    private static func chooseBatch(_ db: Database) throws -> Int {
        // In the order the cases were stored, which is near the order of their rows, from where
        // the last batch stopped (`due_cursor`, kept on this connection; from the start again
        // when nothing is left after it, for cases another process marked since).
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS due_cursor (seq INTEGER NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS due_batch (
                case_id  TEXT PRIMARY KEY NOT NULL,
                seq      INTEGER NOT NULL,  -- the case's row in cases
                need     INTEGER NOT NULL,
                replayed INTEGER NOT NULL DEFAULT 0,
                -- 1: replayed after this batch (its stretches cannot be told); 2: replayed instead.
                replay   INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            DELETE FROM temp.due_batch;
            """)
        for from in [try Int64.fetchOne(db, sql: "SELECT max(seq) FROM temp.due_cursor") ?? 0, 0] {
            try db.execute(sql: """
                INSERT INTO temp.due_batch(case_id, seq, need)
                    SELECT p.case_id, c.seq, p.deadlines FROM cases c JOIN pending_projections p ON p.case_id = c.id
                     WHERE c.seq > ? AND p.deadlines IN (2, 3) ORDER BY c.seq LIMIT ?;
                DELETE FROM temp.due_cursor;
                INSERT INTO temp.due_cursor(seq)
                    SELECT coalesce(max(seq), 0) FROM temp.due_batch;
                """, arguments: [from, dueDaysBatchCases])
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM temp.due_batch)") == true || from == 0 { break }
        }
        // One pass over the batch's deadline rows: how they were last made (`replayed`), and
        // whether one has a basis not known (the case is replayed instead).
        try db.execute(sql: """
            UPDATE temp.due_batch SET replay = CASE WHEN need = 3 THEN 1 ELSE 0 END;
            WITH rows AS (
                SELECT case_id, max(replayed) AS replayed, max(cadesk_due(basis, due) IS NULL) AS unknown
                  FROM deadlines WHERE case_id IN (SELECT case_id FROM temp.due_batch) GROUP BY case_id)
            UPDATE temp.due_batch SET replayed = rows.replayed, replay = CASE WHEN rows.unknown THEN 2 ELSE replay END
              FROM rows WHERE rows.case_id = due_batch.case_id;
            UPDATE temp.due_batch SET replay = 1 WHERE replay = 0 AND replayed = 2;
            """)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.due_batch") ?? 0
    }

    private static func moveDueDaysAndNextDeadlines(_ db: Database) throws {
        let moving = "SELECT case_id FROM temp.due_batch WHERE replay < 2"
        try db.execute(sql: """
            UPDATE deadlines SET due = cadesk_due(basis, due)
             WHERE case_id IN (\(moving)) AND cadesk_due(basis, due) <> due;

            WITH next AS (
                SELECT b.seq AS seq,
                       (SELECT due FROM deadlines WHERE case_id = b.case_id AND +status = 'open' ORDER BY due, kind LIMIT 1) AS due,
                       (SELECT kind FROM deadlines WHERE case_id = b.case_id AND +status = 'open' ORDER BY due, kind LIMIT 1) AS kind
                  FROM temp.due_batch b WHERE b.replay < 2)
            UPDATE cases SET next_due = coalesce(next.due, '\(CaseProjection.noDeadline)'), next_kind = coalesce(next.kind, '')
              FROM next
             WHERE cases.seq = next.seq
               AND (cases.next_due IS NOT coalesce(next.due, '\(CaseProjection.noDeadline)') OR cases.next_kind IS NOT coalesce(next.kind, ''));
            """)
    }

    private static func tellStretchesFromRows(_ db: Database) throws {
        // Stretches told from the deadline rows (`OverdueSpan.told`), numbered in the order a
        // replay gives the deadlines: by due day, then the lifecycle table's order of kinds.
        let told = "SELECT case_id FROM temp.due_batch WHERE replay < 2 AND replayed = 0"
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS due_spans (
                case_id TEXT NOT NULL, n INTEGER NOT NULL, kind TEXT NOT NULL, due TEXT NOT NULL,
                from_day TEXT NOT NULL, until TEXT NOT NULL, PRIMARY KEY (case_id, n)) WITHOUT ROWID;
            DELETE FROM temp.due_spans;
            INSERT INTO temp.due_spans(case_id, n, kind, due, from_day, until)
                SELECT case_id, row_number() OVER (PARTITION BY case_id ORDER BY due, \(kindOrder)) - 1,
                       kind, due, '', CASE WHEN status = 'open' THEN '' ELSE closed END
                  FROM deadlines
                 WHERE case_id IN (\(told))
                   AND (+status = 'open' OR (+status IN ('met', 'cancelled') AND closed <> '' AND date(due, '+1 day') < closed));
            """)
    }

    private static func tellStretchesFromBases(_ db: Database) throws {
        // Stretches told from the stretches by basis (`OverdueSpan.spans(from:…)`), unless two
        // bases of one kind now fall on one day: those cases are replayed.
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS due_stretches (
                case_id TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, due TEXT, from_day TEXT NOT NULL, until TEXT NOT NULL);
            DELETE FROM temp.due_stretches;
            INSERT INTO temp.due_stretches(case_id, kind, key, due, from_day, until)
                SELECT s.case_id, s.kind, s.basis || '|' || s.due, cadesk_due(s.basis, s.due), s.from_day, s.until
                  FROM deadline_stretches s
                 WHERE s.case_id IN (SELECT case_id FROM temp.due_batch WHERE replay < 2 AND replayed = 1);
            UPDATE temp.due_batch SET replay = 1 WHERE case_id IN (
                SELECT case_id FROM temp.due_stretches GROUP BY case_id, kind
                HAVING count(DISTINCT key) <> count(DISTINCT due) OR max(due IS NULL));
            INSERT INTO temp.due_spans(case_id, n, kind, due, from_day, until)
                SELECT case_id,
                       row_number() OVER (PARTITION BY case_id
                                          ORDER BY due, kind, from_day, CASE WHEN until = '' THEN due ELSE until END) - 1,
                       kind, due, from_day, until
                  FROM temp.due_stretches
                 WHERE case_id IN (SELECT case_id FROM temp.due_batch WHERE replay = 0 AND replayed = 1)
                   AND (until = '' OR max(from_day, date(due, '+1 day')) < until);
            """)
    }

    /// The stretches told (`temp.due_spans`) written over the stored ones, row by row: a
    /// policy change moves few of them (an acknowledgement met on time under both periods has
    /// none), and rewriting every told case's rows was a quarter of a batch.
    private static func writeToldStretches(_ db: Database) throws {
        let told = "SELECT case_id FROM temp.due_batch WHERE (replay < 2 AND replayed = 0) OR (replay = 0 AND replayed = 1)"
        try db.execute(sql: """
            DELETE FROM deadline_spans
             WHERE case_id IN (\(told))
               AND NOT EXISTS (SELECT 1 FROM temp.due_spans t
                                WHERE t.case_id = deadline_spans.case_id AND t.n = deadline_spans.n
                                  AND t.kind = deadline_spans.kind AND t.due = deadline_spans.due
                                  AND t.from_day = deadline_spans.from_day AND t.until = deadline_spans.until);
            INSERT INTO deadline_spans(case_id, n, kind, due, from_day, until)
                SELECT case_id, n, kind, due, from_day, until FROM temp.due_spans t
                 WHERE NOT EXISTS (SELECT 1 FROM deadline_spans d WHERE d.case_id = t.case_id AND d.n = t.n);
            DELETE FROM temp.due_spans;
            """)
    }

    /// Done, or left to be replayed.
    private static func settleBatch(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE pending_projections SET deadlines = 1 WHERE case_id IN (SELECT case_id FROM temp.due_batch WHERE replay > 0);
            DELETE FROM pending_projections
             WHERE case_id IN (SELECT case_id FROM temp.due_batch WHERE replay = 0) AND rebuild = 0;
            UPDATE pending_projections SET deadlines = 0
             WHERE case_id IN (SELECT case_id FROM temp.due_batch WHERE replay = 0) AND rebuild > 0;
            DELETE FROM temp.due_batch;
            DELETE FROM temp.due_stretches;
            """)
    }

    /// Cases a due-days batch takes: 4,000 took 0.3–0.45 s at 100,000 cases on a 2-core machine,
    /// and an officer's write waited up to 1,074 ms behind the change; 3,000 keep a batch near a
    /// quarter of a second. As many as a replay batch when a test makes those small.
    static let dueDaysBatchCases: Int = {
        ProcessInfo.processInfo.environment["CADESK_TEST_BATCH_CASES"] == nil ? 3000 : batchCases
    }()

    /// `ORDER BY` the lifecycle table's order of kinds (`DeadlineKind.allCases`).
    private static let kindOrder = "CASE kind "
        + DeadlineKind.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ")
        + " END"
}
