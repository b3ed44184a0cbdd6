import CadeskResources
import Foundation
import GRDB

/// The database schema. A shipped migration is never edited (GRDB Migrations.md): later
/// changes are new migrations appended after "v1".
enum Schema {
    /// `PRAGMA application_id` of a cadesk database ("CDK1"), checked before anything is
    /// migrated so that another program's SQLite file is never initialised over.
    static let applicationID: Int32 = 0x4344_4B31
    /// `meta.app`: a second, human-readable mark.
    static let appMark = "cadesk"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2-training", migrate: v2Training)
        migrator.registerMigration("v3-their-ref", migrate: v3TheirRef)
        migrator.registerMigration("v4-devices", migrate: v4Devices)
        migrator.registerMigration("v5-dashboard-dates", migrate: v5DashboardDates)
        migrator.registerMigration("v6-search-cjk-officer", migrate: v6SearchCJKOfficer)
        migrator.registerMigration("v7-office-rules", migrate: v7OfficeRules)
        migrator.registerMigration("v8-conflicts", migrate: v8Conflicts)
        migrator.registerMigration("v9-search-without-prefix-index", migrate: v9SearchWithoutPrefixIndex)
        migrator.registerMigration("v10-pending-projections", migrate: v10PendingProjections)
        migrator.registerMigration("v11-events-by-type", migrate: v11EventsByType)
        migrator.registerMigration("v12-deadline-spans", migrate: v12DeadlineSpans)
        migrator.registerMigration("v13-deadline-bases", migrate: v13DeadlineBases)
        migrator.registerMigration("v14-compressed-payloads", migrate: v14CompressedPayloads)
        return migrator
    }

    static var knownMigrations: [String] { migrator.migrations }

    /// Whether the database is a training database (CLI.md, "Training databases"): every
    /// database made before is an office one. The way back is closed in the schema, so that no
    /// command, however it is called, turns a training database into an office database.
    private static func v2Training(_ db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO meta(key, value) VALUES ('training', 'false');
            CREATE TRIGGER meta_training_stays BEFORE UPDATE ON meta
            WHEN OLD.key = 'training' AND OLD.value = 'true' AND (NEW.key <> 'training' OR NEW.value <> 'true')
            BEGIN SELECT RAISE(ABORT, 'a training database never becomes an office database'); END;
            CREATE TRIGGER meta_training_kept BEFORE DELETE ON meta WHEN OLD.key = 'training'
            BEGIN SELECT RAISE(ABORT, 'a training database never becomes an office database'); END;
            """)
    }

    private static func v1(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: """
            -- Facts about the database itself: app mark, device code of a field copy ('' at
            -- headquarters), head of the audit chain (hex), revision (bumped by every write).
            CREATE TABLE meta (
                key   TEXT NOT NULL PRIMARY KEY CHECK (length(key) > 0),
                value TEXT NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE officers (
                name  TEXT NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
                role  TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'viewer')),
                added TEXT NOT NULL
            ) WITHOUT ROWID;

            -- Office policy, one row per key of Policy's JSON encoding; value is JSON.
            CREATE TABLE policy (
                key   TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL CHECK (json_valid(value))
            ) WITHOUT ROWID;

            CREATE TABLE holidays (
                date TEXT NOT NULL PRIMARY KEY
                     CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                name TEXT NOT NULL DEFAULT ''
            ) WITHOUT ROWID;

            -- Every State of ISO 3166-1, with what the office knows of its authorities (40.12).
            CREATE TABLE directory (
                iso3              TEXT NOT NULL PRIMARY KEY
                                  CHECK (length(iso3) = 3 AND iso3 GLOB '[A-Z][A-Z][A-Z]'),
                alpha2            TEXT NOT NULL,
                name              TEXT NOT NULL,
                official          TEXT NOT NULL,
                central_authority TEXT NOT NULL DEFAULT '',
                contact_24_7      TEXT NOT NULL DEFAULT '',
                languages         TEXT NOT NULL DEFAULT '',
                treaty            TEXT NOT NULL DEFAULT '',
                notes             TEXT NOT NULL DEFAULT ''
            ) WITHOUT ROWID;

            -- The last sequence number minted per (direction, kind, year, device code).
            CREATE TABLE ref_sequences (
                direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
                kind      TEXT NOT NULL CHECK (kind IN ('mla', 'preservation')),
                year      INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),
                device    TEXT NOT NULL DEFAULT '',
                last      INTEGER NOT NULL CHECK (last >= 1),
                PRIMARY KEY (direction, kind, year, device)
            ) WITHOUT ROWID;

            -- Projection: one row per case, rebuilt from events by rebuildProjections().
            -- next_due is the earliest open deadline ('9999-12-31' when none, so that sorting by
            -- it uses the index); statuses are computed when read, from the caller's today.
            CREATE TABLE cases (
                seq          INTEGER PRIMARY KEY,
                id           TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
                ref          TEXT NOT NULL UNIQUE CHECK (length(ref) >= 15),
                direction    TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
                kind         TEXT NOT NULL CHECK (kind IN ('mla', 'preservation')),
                state        TEXT NOT NULL CHECK (length(state) > 0),
                open         INTEGER NOT NULL CHECK (open IN (0, 1)),
                counterpart  TEXT NOT NULL REFERENCES directory(iso3),
                officer      TEXT NOT NULL DEFAULT '',
                title        TEXT NOT NULL DEFAULT '',
                urgency      TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent', 'emergency')),
                confidential INTEGER NOT NULL CHECK (confidential IN (0, 1)),
                received     TEXT NOT NULL CHECK (length(received) = 10),
                next_due     TEXT NOT NULL DEFAULT '9999-12-31' CHECK (length(next_due) = 10),
                next_kind    TEXT NOT NULL DEFAULT '',
                updated      TEXT NOT NULL CHECK (length(updated) = 24),
                events       INTEGER NOT NULL CHECK (events >= 1)
            );
            CREATE INDEX cases_updated ON cases(updated);
            CREATE INDEX cases_received ON cases(received);
            CREATE INDEX cases_next_due ON cases(next_due);
            CREATE INDEX cases_open_next_due ON cases(open, next_due);
            CREATE INDEX cases_open_updated ON cases(open, updated);
            CREATE INDEX cases_officer_updated ON cases(officer, updated);
            CREATE INDEX cases_counterpart_updated ON cases(counterpart, updated);
            CREATE INDEX cases_state_updated ON cases(state, updated);

            -- The record: append-only. The first event of a case is inserted after its cases row.
            -- digest = SHA-256(canonical bytes of the event); chain = SHA-256(previous chain ‖ digest)
            -- in seq order, from 32 zero bytes. A retention purge may set payload to NULL and
            -- nothing else: digest and chain stay, so the chain still verifies.
            CREATE TABLE events (
                seq       INTEGER PRIMARY KEY,
                id        TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
                case_id   TEXT NOT NULL REFERENCES cases(id),
                type      TEXT NOT NULL CHECK (length(type) > 0),
                actor     TEXT NOT NULL,
                recorded  TEXT NOT NULL CHECK (length(recorded) = 24),
                effective TEXT NOT NULL CHECK (length(effective) = 10),
                payload   TEXT CHECK (payload IS NULL OR json_valid(payload)),
                digest    BLOB NOT NULL CHECK (length(digest) = 32),
                chain     BLOB NOT NULL CHECK (length(chain) = 32)
            );
            CREATE INDEX events_case ON events(case_id, seq);
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN
                SELECT RAISE(ABORT, 'events are append-only: an event is never deleted');
            END;
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            WHEN NOT (OLD.payload IS NOT NULL AND NEW.payload IS NULL
                      AND NEW.seq IS OLD.seq AND NEW.id IS OLD.id AND NEW.case_id IS OLD.case_id
                      AND NEW.type IS OLD.type AND NEW.actor IS OLD.actor
                      AND NEW.recorded IS OLD.recorded AND NEW.effective IS OLD.effective
                      AND NEW.digest IS OLD.digest AND NEW.chain IS OLD.chain)
            BEGIN
                SELECT RAISE(ABORT, 'events are append-only: only a retention purge may blank a payload');
            END;

            -- Projection: every deadline of every case, with its lasting status
            -- (open / met / suspended / cancelled); due-soon and overdue are read-time views of open.
            CREATE TABLE deadlines (
                case_id TEXT NOT NULL REFERENCES cases(id),
                kind    TEXT NOT NULL CHECK (length(kind) > 0),
                due     TEXT NOT NULL CHECK (length(due) = 10),
                status  TEXT NOT NULL CHECK (status IN ('open', 'met', 'suspended', 'cancelled')),
                article TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX deadlines_status_due ON deadlines(status, due);
            CREATE INDEX deadlines_case ON deadlines(case_id);

            -- Projection: links each case's events declare (preservation ↔ follow-up MLA, …).
            CREATE TABLE links (
                case_id  TEXT NOT NULL REFERENCES cases(id),
                other_id TEXT NOT NULL REFERENCES cases(id),
                relation TEXT NOT NULL CHECK (length(relation) > 0),
                PRIMARY KEY (case_id, other_id, relation)
            ) WITHOUT ROWID;
            CREATE INDEX links_other ON links(other_id);

            -- Projection: the case's text for full-text search; rowid = cases.seq.
            CREATE VIRTUAL TABLE case_text USING fts5(
                ref, title, facts, offence, counterpart, notes,
                tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
            );
            """)
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('app', ?), ('device_code', ''), ('chain_head', ?), ('revision', '0')",
                       arguments: [appMark, String(repeating: "0", count: 64)])
        try prefillDirectory(db)
    }

    /// The other side's reference on the case row, so lists and searches can find a case by it.
    /// Cases registered before it existed had none: '' is their true value, nothing to backfill.
    private static func v3TheirRef(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE cases ADD COLUMN their_ref TEXT NOT NULL DEFAULT ''")
    }

    /// Two dates the dashboard counts by (issue 10): when a request started for the office
    /// (`cases.started`: received, or sent for an outgoing one; '' for a draft never sent), and
    /// when a deadline was met or cancelled (`deadlines.closed`), from which the overdue count
    /// of past weeks is told. Both are projections, so the existing cases are projected again.
    private static func v5DashboardDates(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE cases ADD COLUMN started TEXT NOT NULL DEFAULT '';
            ALTER TABLE deadlines ADD COLUMN closed TEXT NOT NULL DEFAULT '';
            CREATE INDEX cases_started ON cases(started);
            CREATE INDEX deadlines_closed ON deadlines(closed);
            """)
        // The existing cases are projected again by v12-deadline-spans (v8-conflicts asks it to):
        // the projector writes every column and table of today's schema, not there yet here.
    }

    /// The copies this one exchanges bundles with (issue 13): at headquarters its field copies, on
    /// a field copy headquarters (`HQ`). Only public keys: the private ones never enter a database.
    private static func v4Devices(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE devices (
                code        TEXT NOT NULL PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 8),
                signing_key TEXT NOT NULL CHECK (length(signing_key) = 43),
                recipient   TEXT NOT NULL CHECK (recipient LIKE 'age1%'),
                officers    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(officers)),
                added       TEXT NOT NULL CHECK (length(added) = 10),
                revoked     TEXT CHECK (revoked IS NULL OR length(revoked) = 10),
                -- The sender's audit chain head in the last bundle imported from it: a later
                -- bundle must extend it (more events), or repeat it exactly.
                last_events INTEGER NOT NULL DEFAULT 0,
                last_head   TEXT NOT NULL DEFAULT ''
            ) WITHOUT ROWID;
            -- Which device each imported event came from (events recorded here have no row).
            CREATE TABLE event_origins (
                event_id TEXT NOT NULL PRIMARY KEY REFERENCES events(id),
                device   TEXT NOT NULL REFERENCES devices(code)
            ) WITHOUT ROWID;
            """)
    }

    /// Search finds the officer through the index (a column of `case_text`), and Chinese,
    /// Japanese or Korean words anywhere in a run through `case_cjk` (`SearchIndex`), instead of
    /// scanning every case per keystroke. `case_cjk` keeps no copy of the text (contentless):
    /// `case_text` holds what it was made from. Both are filled here from what is indexed now.
    private static func v6SearchCJKOfficer(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE case_text_new USING fts5(
                ref, title, facts, offence, counterpart, notes, officer,
                tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
            );
            INSERT INTO case_text_new(rowid, ref, title, facts, offence, counterpart, notes, officer)
                SELECT t.rowid, t.ref, t.title, t.facts, t.offence, t.counterpart, t.notes, c.officer
                  FROM case_text t JOIN cases c ON c.seq = t.rowid;
            DROP TABLE case_text;
            ALTER TABLE case_text_new RENAME TO case_text;
            -- Pairs of characters of the CJK runs (CJKGrams), space-separated: the ascii tokenizer
            -- takes every non-ASCII character as part of a word, so each pair is one token.
            CREATE VIRTUAL TABLE case_cjk USING fts5(grams, content = '', tokenize = 'ascii');
            """)
        try SearchIndex.fillCJK(db)
    }

    /// The office's policy and holidays over time (`recordOfficeRules`, `officeRulesHistory`),
    /// appended on every change: a calendar sees a due date moved by a change of policy. What
    /// was in force before this migration is known only as it is now: from the beginning.
    private static func v7OfficeRules(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE office_rules (
                seq      INTEGER PRIMARY KEY,
                recorded TEXT NOT NULL CHECK (length(recorded) = 24),
                policy   TEXT NOT NULL CHECK (json_valid(policy)),
                holidays TEXT NOT NULL CHECK (json_valid(holidays) AND json_type(holidays) = 'array')
            );
            """)
        try CaseStore.recordOfficeRules(db, now: Date(timeIntervalSince1970: 0))
    }

    /// Whether two copies changed the case apart and no supervisor has kept one yet (issue 13),
    /// so that lists show it without folding. No case could diverge before: 0 is true of all.
    private static func v8Conflicts(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE cases ADD COLUMN conflict INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1))")
        // v5's `started` and `deadlines.closed` are projections: a database coming from v4 has
        // them empty until its cases are projected again, which needs today's whole schema. (A
        // database already at v5 is projected a second time: the same values, once.) The last
        // migration that adds a projection does it, and finds this mark: v12-deadline-spans.
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0 > 0 {
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, 'true')", arguments: [reprojectMark])
        }
    }

    /// The search index without its prefix indexes (`prefix = '2 3'`), which stored every word's
    /// positions three times (the word, its first two letters, its first three) and were 60% of
    /// the index (issue 14: 554 of the 6,488 bytes of a demo case, BENCHMARKS.md). Every search
    /// is a prefix query (`"fr"*`) and finds the same cases without them: FTS5 then reads the
    /// words that begin so instead (measured at 100,000 cases: 2–5 ms more for a word of two or
    /// three letters, the same for longer ones). Only the index is rewritten, from the text `case_text` holds, so
    /// this moves no projection. No `VACUUM` here: it cannot run in the migration's transaction,
    /// and at 100,000 cases it would rewrite the whole file (with as much free disk again) on
    /// the first open after an upgrade. The pages set free are reused by the cases to come, and
    /// `sqlite3 cases.sqlite VACUUM` (office closed) gives them back to the disk at once.
    private static func v9SearchWithoutPrefixIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE case_text_new USING fts5(
                ref, title, facts, offence, counterpart, notes, officer,
                tokenize = 'unicode61 remove_diacritics 2'
            );
            INSERT INTO case_text_new(rowid, ref, title, facts, offence, counterpart, notes, officer)
                SELECT rowid, ref, title, facts, offence, counterpart, notes, officer FROM case_text;
            DROP TABLE case_text;
            ALTER TABLE case_text_new RENAME TO case_text;
            """)
    }

    /// The cases an office-wide change (a policy key, holidays, `admin rebuild`) still has to
    /// project again. The change commits with its rows in one short transaction; the cases are
    /// then projected in batches, each deleting its rows, so that a process that dies between
    /// batches leaves the rest written down for the next one to finish (`Reprojection`).
    /// `deadlines` = 1: its deadlines follow an older policy or holiday list. `rebuild` = 2: its
    /// links and then its projections are rebuilt from the events; 1: links done, projections left.
    private static func v10PendingProjections(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE pending_projections (
                case_id   TEXT PRIMARY KEY NOT NULL,
                deadlines INTEGER NOT NULL DEFAULT 0 CHECK (deadlines IN (0, 1)),
                rebuild   INTEGER NOT NULL DEFAULT 0 CHECK (rebuild IN (0, 1, 2))
            ) WITHOUT ROWID;
            """)
    }

    /// The dashboard's weekly overdue count replays the cases that had a deadline-moving or
    /// suspending action since the first week charted (`replayedCases`). Without an index by
    /// type and date that query read every event of every case changed in those weeks: 1.4 s at
    /// 100,000 cases, on the supervisor's first screen. The index covers the query (about 36 MB,
    /// 360 bytes a case, at 100,000 cases; the query then takes 0.08 s in the sqlite3 shell).
    private static func v11EventsByType(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX events_type_effective ON events(type, effective, case_id)")
    }

    /// The `meta` key a migration leaves when every case must be projected again once the
    /// schema is whole (see v8-conflicts).
    static let reprojectMark = "reproject-after-migrations"

    /// The dashboard's weekly overdue count told from stored stretches (`OverdueSpan`, a new
    /// projection) instead of replaying at each opening the cases whose deadlines moved: at
    /// 100,000 cases the replay folded about 2,900 cases and read their events through a 36 MB
    /// index (v11), which goes. And the dashboard's counts of open cases per officer and per
    /// counterpart read covering indexes instead of one table row per open case (sqlite3 shell,
    /// 100,000 cases: 31 → 4 ms and 51 → 6 ms); its ages and months read the cases started per
    /// day, counted in `started_days` by triggers (`startedDaysTable`). The open deadlines the dashboard lists, with their cases'
    /// reference, officer and counterpart, are kept in `open_deadlines` by triggers
    /// (`openDeadlinesTable`).
    /// The stretches of the existing cases are filled here: from their deadline rows, or for a
    /// case with a deadline moved or suspended from its events (`CaseStore.fillDeadlineSpans`);
    /// a database that comes from before v8 is projected again whole instead.
    static let deadlineSpansTable = """
        CREATE TABLE deadline_spans (
            case_id  TEXT NOT NULL REFERENCES cases(id),
            n        INTEGER NOT NULL CHECK (n >= 0),
            kind     TEXT NOT NULL CHECK (length(kind) > 0),
            due      TEXT NOT NULL CHECK (length(due) = 10),
            from_day TEXT NOT NULL DEFAULT '' CHECK (from_day = '' OR length(from_day) = 10),
            until    TEXT NOT NULL DEFAULT '' CHECK (until = '' OR length(until) = 10),
            PRIMARY KEY (case_id, n)
        ) WITHOUT ROWID
        """

    /// The pending deadlines with what the dashboard groups and lists them by, kept by SQLite
    /// itself as the projector writes `deadlines` and `cases`: reading the 8,111 open deadlines
    /// of a 100,000-case office joined to their cases looked up 8,111 scattered case rows
    /// (55 ms of the dashboard's 130 ms, release, in process); this table is read whole. A
    /// deadline row is never updated in place (the projector deletes and inserts), but the
    /// update trigger keeps the table right if one ever is.
    /// The row of `open_deadlines` for the deadline row `NEW`, from its case.
    private static let openDeadlineOfNew = """
        INSERT INTO open_deadlines(deadline, case_id, ref, officer, counterpart, direction, case_kind, kind, due)
        SELECT NEW.rowid, c.id, c.ref, c.officer, c.counterpart, c.direction, c.kind, NEW.kind, NEW.due
          FROM cases c WHERE c.id = NEW.case_id
        """

    static let openDeadlinesTable = """
        CREATE TABLE open_deadlines (
            deadline    INTEGER PRIMARY KEY,
            case_id     TEXT NOT NULL,
            ref         TEXT NOT NULL,
            officer     TEXT NOT NULL,
            counterpart TEXT NOT NULL,
            direction   TEXT NOT NULL,
            case_kind   TEXT NOT NULL,
            kind        TEXT NOT NULL,
            due         TEXT NOT NULL
        );
        CREATE INDEX open_deadlines_case ON open_deadlines(case_id);
        -- The dashboard's order (most overdue, then soonest, then by reference), read from the
        -- index alone.
        CREATE INDEX open_deadlines_due ON open_deadlines(due, ref, kind, case_id, officer, counterpart, direction, case_kind);
        CREATE TRIGGER open_deadlines_insert AFTER INSERT ON deadlines WHEN NEW.status = 'open' BEGIN
            \(openDeadlineOfNew);
        END;
        CREATE TRIGGER open_deadlines_delete AFTER DELETE ON deadlines WHEN OLD.status = 'open' BEGIN
            DELETE FROM open_deadlines WHERE deadline = OLD.rowid;
        END;
        CREATE TRIGGER open_deadlines_update AFTER UPDATE ON deadlines BEGIN
            DELETE FROM open_deadlines WHERE deadline = OLD.rowid;
            \(openDeadlineOfNew) AND NEW.status = 'open';
        END;
        CREATE TRIGGER open_deadlines_case AFTER UPDATE OF id, ref, officer, counterpart, direction, kind ON cases
        WHEN OLD.id IS NOT NEW.id OR OLD.ref IS NOT NEW.ref OR OLD.officer IS NOT NEW.officer
          OR OLD.counterpart IS NOT NEW.counterpart OR OLD.direction IS NOT NEW.direction OR OLD.kind IS NOT NEW.kind BEGIN
            UPDATE open_deadlines SET case_id = NEW.id, ref = NEW.ref, officer = NEW.officer, counterpart = NEW.counterpart,
                                      direction = NEW.direction, case_kind = NEW.kind
             WHERE case_id = OLD.id;
        END
        """

    /// How many cases started (received, or sent) on each day, by direction, kind and whether
    /// they are open, kept by triggers as the projector writes `cases`: the dashboard's months
    /// and ages read a few thousand rows instead of counting the 71,000 cases a 100,000-case
    /// office started in a year (17–33 ms of the dashboard, release, in process).
    /// `OLD` (a case row) no longer counted: its day's count down by one, gone at zero.
    private static let startedDayOfOldRemoved = """
        DELETE FROM started_days WHERE day = OLD.started AND direction = OLD.direction AND kind = OLD.kind
                                   AND open = OLD.open AND count = 1;
        UPDATE started_days SET count = count - 1 WHERE day = OLD.started AND direction = OLD.direction
                                                    AND kind = OLD.kind AND open = OLD.open;
        """

    static let startedDaysTable = """
        CREATE TABLE started_days (
            day       TEXT NOT NULL CHECK (length(day) = 10),
            direction TEXT NOT NULL,
            kind      TEXT NOT NULL,
            open      INTEGER NOT NULL,
            count     INTEGER NOT NULL CHECK (count > 0),
            PRIMARY KEY (day, direction, kind, open)
        ) WITHOUT ROWID;
        CREATE TRIGGER started_days_insert AFTER INSERT ON cases WHEN NEW.started <> '' BEGIN
            INSERT INTO started_days(day, direction, kind, open, count) VALUES (NEW.started, NEW.direction, NEW.kind, NEW.open, 1)
                ON CONFLICT(day, direction, kind, open) DO UPDATE SET count = count + 1;
        END;
        CREATE TRIGGER started_days_update AFTER UPDATE OF started, direction, kind, open ON cases
        WHEN OLD.started IS NOT NEW.started OR OLD.direction IS NOT NEW.direction OR OLD.kind IS NOT NEW.kind
          OR OLD.open IS NOT NEW.open BEGIN
            \(startedDayOfOldRemoved)
            INSERT INTO started_days(day, direction, kind, open, count)
                SELECT NEW.started, NEW.direction, NEW.kind, NEW.open, 1 WHERE NEW.started <> ''
                ON CONFLICT(day, direction, kind, open) DO UPDATE SET count = count + 1;
        END;
        CREATE TRIGGER started_days_delete AFTER DELETE ON cases WHEN OLD.started <> '' BEGIN
            \(startedDayOfOldRemoved)
        END
        """

    /// `started_days` and `open_deadlines` counted again from `cases` and `deadlines`: when
    /// they are made (v12), and before a rebuild or its comparison, so that rows edited by hand
    /// do not outlive it (the triggers only follow changes).
    static func recountTriggerTables(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM started_days;
            INSERT INTO started_days(day, direction, kind, open, count)
            SELECT started, direction, kind, open, count(*) FROM cases WHERE started <> '' GROUP BY 1, 2, 3, 4;
            DELETE FROM open_deadlines;
            INSERT INTO open_deadlines(deadline, case_id, ref, officer, counterpart, direction, case_kind, kind, due)
            SELECT d.rowid, c.id, c.ref, c.officer, c.counterpart, c.direction, c.kind, d.kind, d.due
              FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.status = 'open';
            """)
    }

    private static func v12DeadlineSpans(_ db: Database) throws {
        try db.execute(sql: deadlineSpansTable + """
            ;
            CREATE INDEX deadline_spans_until ON deadline_spans(until, due, from_day);
            CREATE INDEX cases_open_officer ON cases(open, officer, started, ref);
            CREATE INDEX cases_open_counterpart ON cases(open, counterpart, direction);
            """)
        try db.execute(sql: startedDaysTable)
        try db.execute(sql: openDeadlinesTable)
        try recountTriggerTables(db)
        // A database that comes from before v8 is projected again whole by the last migration
        // (v13 since it came: today's projector writes v13's columns).
        if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [reprojectMark]) == nil {
            try CaseStore.fillDeadlineSpans(db)
        }
        try db.execute(sql: "DROP INDEX IF EXISTS events_type_effective")
    }

    /// A policy change replayed every case holding a deadline it moves: 98.6 s for the 53,518
    /// incoming cases of a 100,000-case office. Each deadline row now keeps how its due day
    /// follows from the policy (`basis`, `DeadlineBasis.storedText`), and whether its case's
    /// stretches are replayed from its events (`replayed`), and such a case's stretches keyed by
    /// basis (`deadline_stretches`), so that the change moves due days and tells stretches from
    /// the rows (`CaseStore.moveDueDays`). The rows stored before have basis "?": their
    /// cases are replayed at the next office-wide change, or by any action, which writes their
    /// bases. `pending_projections.deadlines` gains 2 (due days from the bases) and 3 (due days,
    /// then a replay for the stretches).
    /// The stretches of a replayed case keyed by basis (`BasisStretch`): its spans under any
    /// policy follow from them.
    static let deadlineStretchesTable = """
        CREATE TABLE deadline_stretches (
            case_id  TEXT NOT NULL REFERENCES cases(id),
            n        INTEGER NOT NULL CHECK (n >= 0),
            kind     TEXT NOT NULL CHECK (length(kind) > 0),
            basis    TEXT NOT NULL,
            due      TEXT NOT NULL DEFAULT '' CHECK (due = '' OR length(due) = 10),
            from_day TEXT NOT NULL CHECK (length(from_day) = 10),
            until    TEXT NOT NULL DEFAULT '' CHECK (until = '' OR length(until) = 10),
            PRIMARY KEY (case_id, n)
        ) WITHOUT ROWID
        """

    private static func v13DeadlineBases(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE deadlines ADD COLUMN basis TEXT NOT NULL DEFAULT '?';
            ALTER TABLE deadlines ADD COLUMN replayed INTEGER NOT NULL DEFAULT 0 CHECK (replayed IN (0, 1, 2));
            \(deadlineStretchesTable);
            CREATE TABLE pending_projections_v13 (
                case_id   TEXT PRIMARY KEY NOT NULL,
                deadlines INTEGER NOT NULL DEFAULT 0 CHECK (deadlines IN (0, 1, 2, 3)),
                rebuild   INTEGER NOT NULL DEFAULT 0 CHECK (rebuild IN (0, 1, 2))
            ) WITHOUT ROWID;
            INSERT INTO pending_projections_v13(case_id, deadlines, rebuild)
                SELECT case_id, deadlines, rebuild FROM pending_projections;
            DROP TABLE pending_projections;
            ALTER TABLE pending_projections_v13 RENAME TO pending_projections;
            """)
        // The last migration: a database from before v8 is projected again whole now (v8).
        if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [reprojectMark]) != nil {
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [reprojectMark])
            try CaseStore.reprojectAll(db, now: Date())
        }
    }

    /// The check on `events.payload` as v1 wrote it, and as v14 makes it: a payload may also be
    /// a compressed BLOB (`StoredPayload`), which `json_valid` cannot read. Only the check
    /// changes; the rows, the column's type and every event's digest stay as they are.
    static let payloadCheckV1 = "payload   TEXT CHECK (payload IS NULL OR json_valid(payload)),"
    static let payloadCheckV14 = """
        payload   TEXT CHECK (payload IS NULL OR (typeof(payload) = 'text' AND json_valid(payload)) \
        OR (typeof(payload) = 'blob' AND length(payload) > 2 AND substr(payload, 1, 1) = x'01')),
        """

    /// Loosens the payload check in place, the way SQLite's documentation gives for removing or
    /// loosening a CHECK constraint (lang_altertable.html, "making other kinds of table schema
    /// changes"): the table's text in `sqlite_schema` is edited and the schema version raised, in
    /// this migration's transaction. No row is rewritten (at 100,000 cases the 12-step rebuild
    /// of `events` would copy 340 MB with the write lock held); payloads written before stay
    /// text, and read as before.
    private static func v14CompressedPayloads(_ db: Database) throws {
        try allowCompressedPayloads(db)
    }

    /// v14's change, on its own: also what a test gives a database of an older schema before
    /// today's store fills it. Does nothing when the check is already v14's.
    static func allowCompressedPayloads(_ db: Database) throws {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'") else {
            throw StoreError.damaged(path: "", reason: "the database has no events table")
        }
        if sql.contains(payloadCheckV14) { return }
        guard sql.components(separatedBy: payloadCheckV1).count == 2 else {
            throw StoreError.damaged(path: "", reason: "the events table is not the one v1 made (its payload check differs)")
        }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        do {
            try db.execute(sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'events'",
                           arguments: [sql.replacingOccurrences(of: payloadCheckV1, with: payloadCheckV14)])
            try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        } catch {
            try? db.execute(sql: "PRAGMA writable_schema = OFF")
            throw error
        }
        try db.execute(sql: "PRAGMA writable_schema = OFF")
    }

    /// Every State of ISO 3166-1 from the shipped iso-codes list.
    private static func prefillDirectory(_ db: Database) throws {
        let insert = try db.makeStatement(sql: """
            INSERT INTO directory(iso3, alpha2, name, official) VALUES (?, ?, ?, ?)
            """)
        for line in ShippedData.countriesTSV.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, f[0].count == 3 else { continue }
            try insert.execute(arguments: [f[0], f[1], f[2], f[3]])
        }
    }
}
