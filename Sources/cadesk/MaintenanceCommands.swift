import ArgumentParser
import Casework
import CaseStore
import Foundation
import Letters
import TerminalKit

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "An online, consistent copy of the database (default: the backups folder beside it).")
    @Argument(help: "Where to write the copy; must not exist (default: backups/NAME-YYYYMMDD-HHMMSS.sqlite beside the database).")
    var file: String?
    @Flag(help: "Replace FILE if it is an existing regular file (never the database, a folder, a device or a link).")
    var force = false
    @OptionGroup var global: GlobalOptions
    func run() throws {
        // A blank path is refused before the database is even opened (issue 7, item 10).
        let chosen = try OutputFile.named(file, force: force, database: global.databasePath, what: "backup")
        let store = try CaseStore.openExisting(path: global.databasePath)
        let target: OutputFile
        if let chosen {
            target = chosen
        } else {
            try CaseStore.makeBackupFolder(for: store.path)
            target = try OutputFile(CaseStore.defaultBackupPath(for: store.path, now: Date()), numbered: true,
                                    protecting: store.path)
        }
        do { print(Sanitize.terminalSafe(try store.backup(to: target))) } catch {
            throw CLIError.output(error, what: "backup")
        }
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Replace the database with a backup, keeping the current one aside.",
        discussion: "The backup is checked first (integrity and audit chain). Refused while another program (a desk, a script) has the database open: quit the other sessions first.")
    @Argument(help: "The backup file (made by cadesk backup).") var file: String
    @OptionGroup var global: GlobalOptions
    func run() throws {
        let path = global.databasePath
        // A sound database is replaced only by a supervisor. A damaged or foreign one — the usual
        // reason to restore — cannot say who its supervisors are, and is kept aside by restore.
        if FileManager.default.fileExists(atPath: path) {
            do {
                let session = try Session.open(global)
                try session.require(.restoreBackup)
                // Our own connection would keep the file from being taken exclusively.
                try session.store.closeConnections()
            } catch let error as StoreError where CLIError.code(for: error) == 4 {
                FileHandle.standardError.write(Data("cadesk: restore: the current database cannot be opened (\(Sanitize.terminalSafe(error.description))); replacing it\n".utf8))
            }
        }
        let aside = try CaseStore.restore(from: file, to: path, now: Date())
        print(Sanitize.terminalSafe("restored \(path) from \(file)" + (aside.map { "; the previous database is kept as \($0)" } ?? "")))
    }
}

struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Check the database, rebuild its projections from the events, or compact its payloads.",
        subcommands: [Check.self, Rebuild.self, Compact.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "integrity_check, foreign keys, the audit chain, and the stored projections compared with a rebuild from the events.")
        @OptionGroup var output: OutputOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let store = try CaseStore.openForInspection(path: global.databasePath)
            let report = try store.check()
            if output.isJSON { try JSONOutput.print(report) } else {
                print("integrity: \(report.integrity.joined(separator: "; "))")
                print("foreign keys: \(report.foreignKeys.isEmpty ? "ok" : report.foreignKeys.joined(separator: "; "))")
                print("audit chain: \(report.audit.ok ? "ok (\(report.audit.events) events)" : "broken at event \(report.audit.firstBroken!.seq): \(report.audit.firstBroken!.explanation)")")
                print("projections: \(report.projections.isEmpty ? "ok" : "\(report.projections.count) difference\(report.projections.count == 1 ? "" : "s") from a rebuild from the events (cadesk admin rebuild rewrites them)")")
                if let pending = report.pendingProjections {
                    print("pending: \(pending) case\(pending == 1 ? "" : "s") still to project again after an office-wide change (the next command that writes finishes them; so does cadesk admin rebuild)")
                }
                for line in report.projections { print("  " + Sanitize.terminalSafe(line)) }
            }
            if !report.ok { throw CLIError.storage("admin check", "the database is not sound (see above)") }
        }
    }

    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Recompute every projection (cases, deadlines, links, search index) from the events (supervisors only).",
            discussion: """
                The cases are rewritten in short batches (a quarter of a second each) with a pause between them, so \
                officers keep recording while it runs; a list shown meanwhile holds each case as it was or as rebuilt. \
                On a terminal the progress is shown on standard error. Interrupted (Ctrl-C, a crash), the next \
                `cadesk admin rebuild` resumes where it stopped.
                """)
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let session = try Session.open(global)
            try session.require(.rebuildProjections)
            let progress = PercentProgress("rebuilding projections")
            let resumed = try session.store.rebuildProjections(now: Date()) { progress.show($0.done, of: $0.total) }
            progress.end()
            print(resumed ? "projections rebuilt from the events (an interrupted rebuild resumed where it stopped)"
                          : "projections rebuilt from the events")
        }
    }
}

extension AdminCommand {
    struct Compact: ParsableCommand {

        static let configuration = CommandConfiguration(
            commandName: "compact",
            abstract: "Store the event payloads kept as text before schema v14 compressed, as new ones are (supervisors only).",
            discussion: """
                Payloads are rewritten in short batches with a pause between them, so officers keep recording \
                while it runs; what each event says and its digest do not change (`cadesk audit verify` passes \
                before and after). A payload that no longer matches its event's digest is left as it is and \
                named as a storage problem (exit 4). The file itself shrinks only when SQLite copies it anew: \
                `--vacuum` does that after the payloads, while officers' writes wait (3.2 s for 100,000 cases on \
                a 2-core machine); it needs free disk for a second copy of the file.
                """)
        @Flag(help: "Then copy the database anew (SQLite's VACUUM), so that the file shrinks; writes wait meanwhile.")
        var vacuum = false
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let session = try Session.open(global)
            try session.require(.compactRecord)
            let progress = PercentProgress("compacting payloads")
            let report = try session.store.compactPayloads { progress.show($0, of: $1) }
            progress.end()
            func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
            if report.compressed == 0 && report.keptShort == 0 && report.notMatching == 0 {
                print("every payload is stored compressed already (or too short to gain)")
            } else {
                print("\(report.compressed) payload\(report.compressed == 1 ? "" : "s") compressed: "
                      + "\(megabytes(report.bytesBefore)) of text now \(megabytes(report.bytesAfter)); "
                      + "\(report.keptShort) left as text (no shorter compressed)")
            }
            if vacuum {
                let sizes = try session.store.vacuum()
                print("database copied anew (VACUUM): \(megabytes(sizes.before)) -> \(megabytes(sizes.after))")
            }
            if report.notMatching > 0 {
                throw CLIError.storage("admin compact", "\(report.notMatching) payload\(report.notMatching == 1 ? "" : "s") no longer match their events' digests and were left as they are: run cadesk audit verify")
            }
        }
    }
}

/// A long command's progress, "cadesk: WHAT: N%" on one line of standard error, and only on a
/// terminal: a script or a test reading stderr sees errors alone.
final class PercentProgress {
    private let what: String
    private let onTerminal = isatty(STDERR_FILENO) == 1
    private var shown = -1

    init(_ what: String) { self.what = what }

    func show(_ done: Int, of total: Int) {
        guard onTerminal, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != shown else { return }
        shown = percent
        FileHandle.standardError.write(Data("\rcadesk: \(what): \(percent)%".utf8))
    }

    /// Ends the line, when one was shown.
    func end() {
        if onTerminal, shown >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// Read by hand too, when the invocation is plain (`FastDispatch`, `init(plain:)`): an option
/// added here is added there.
struct DeadlinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines", _superCommandName: FastDispatch.parent, abstract: "Deadlines across cases: overdue, due soon and open by default.")
    static let defaultFormat = DeadlineFormat.text
    @Option(help: "Overdue ones and those due within N days, inclusive.") var within: Int?
    @Flag(help: "Only overdue deadlines.") var overdue = false
    @Option(help: "Only this officer's deadlines.") var officer: String?
    @Flag(help: "Also met, suspended and cancelled deadlines.") var all = false
    @Option(help: "text, json or ics.") var format: DeadlineFormat = DeadlinesCommand.defaultFormat
    @Flag(help: "Same as --format json.") var json = false
    @Option(help: "Write to this new file (mode 0600) instead of standard output.") var out: String?
    @Flag(help: "With --out: replace an existing regular file (never the database, a folder, a device or a link).")
    var force = false
    @OptionGroup var global: GlobalOptions

    enum DeadlineFormat: String, ExpressibleByArgument, CaseIterable { case text, json, ics }

    func validate() throws {
        if [within != nil, overdue, all].filter({ $0 }).count > 1 {
            throw ValidationError("--within, --overdue and --all exclude each other")
        }
        if let within, !(0...36_500).contains(within) { throw ValidationError("--within must be from 0 to 36500 days") }
        if force && out == nil { throw ValidationError("--force needs --out") }
    }

    func run() throws {
        let output = try OutputFile.named(out, force: force, database: global.databasePath, what: "deadlines")
        let session = try Session.open(global, for: .reading)
        let scope: DeadlineFilter.Scope = all ? .all : overdue ? .overdue : within.map { .within($0) } ?? .pending
        let shown = json ? .json : format
        // The text table shows no title or article: without them the rows come from one index.
        let rows = try session.store.deadlines(DeadlineFilter(scope: scope, officer: officer, titles: shown != .text),
                                               today: session.today)
        let text: String
        switch shown {
        case .json:
            text = PrettyJSON.array(rows.map(DeadlineRowJSON.value)).text
        case .ics:
            text = try calendar(rows, session: session)
        case .text:
            text = rows.isEmpty ? "No deadlines." : TextTables.table(
                ["REF", "DEADLINE", "DUE", "STATUS", "DAYS", "OFFICER", "CTRY"],
                rows.map { [$0.ref, $0.kind.rawValue, $0.due.description, $0.status.rawValue, "\($0.days)", $0.officer, $0.counterpart] })
        }
        if let output {
            do { try output.write(Data((text.hasSuffix("\r\n") ? text : text + "\n").utf8)) } catch {
                throw CLIError.output(error, what: "deadlines")
            }
        } else {
            print(text, terminator: text.hasSuffix("\r\n") ? "" : "\n")
        }
    }

    /// iCalendar all-day events, one per deadline, for officers' calendars: each case's record
    /// is replayed once (once more per change of the office's rules while it ran) for the
    /// stable UIDs and sequences of its deadlines.
    func calendar(_ rows: [DeadlineRow], session: Session) throws -> String {
        let rules = try session.store.officeRulesHistory()
        var byCase: [UUID: [CalendarDeadline]] = [:]
        var entries: [(CalendarDeadline, CalendarLabel)] = []
        for row in rows {
            if byCase[row.caseID] == nil {
                let snapshot = try session.store.caseSnapshot(.id(row.caseID), actor: session.officer,
                                                              today: session.today, now: Date())
                byCase[row.caseID] = DeadlineCalendar.deadlines(of: snapshot.file, context: snapshot.context, rules: rules)
            }
            guard let entry = byCase[row.caseID]?.first(where: { $0.deadline.kind == row.kind }) else { continue }
            entries.append((entry, CalendarLabel(title: row.title, counterpart: row.counterpart, officer: row.officer)))
        }
        return CalendarFile.ics(entries, office: session.policy.officeName,
                                warningThresholds: session.policy.warningThresholds, generated: Date())
    }
}

struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow", abstract: "The workflows the engine runs: states and actions, as text or a Graphviz diagram.")
    @Option(help: "incoming or outgoing (default: all four workflows).") var direction: Direction?
    @Option(help: "mla or preservation.") var kind: RequestKind?
    @Option(help: "text or dot.") var format: WorkflowFormat = .text
    @OptionGroup var global: GlobalOptions

    enum WorkflowFormat: String, ExpressibleByArgument, CaseIterable { case text, dot }

    func run() throws {
        let tables = Workflow.all.filter {
            (direction == nil || $0.id.direction == direction) && (kind == nil || $0.id.kind == kind)
        }
        print(tables.map { format == .dot ? $0.dot() : $0.text() }.joined(separator: "\n\n"))
    }
}
