import ArgumentParser
import Casework
import CaseStore
import Foundation

/// The options every command takes (CLI.md), with their environment variables.
/// Read by hand too, for plain invocations of `case list` and `deadlines` (`FastDispatch`,
/// `init(plain:)`): an option added here is added there.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default $CADESK_DB, else $XDG_DATA_HOME/cadesk/cases.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The acting officer (default $CADESK_OFFICER, else the login name).", valueName: "officer"))
    var officer: String?

    @Option(name: .long, help: ArgumentHelp("Today's date, YYYY-MM-DD (default $CADESK_TODAY, else today in the office time zone).", valueName: "date"))
    var today: CivilDate?

    @Flag(name: .customLong("no-color"), help: "No colours (also when $NO_COLOR is set).")
    var noColor = false

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// A blank path would open (or create) a file whose name is spaces: refused before anything.
    func validate() throws {
        if let db, db.allSatisfy(\.isWhitespace) { throw ValidationError("--db may not be blank") }
        if let env = environment["CADESK_DB"], !env.isEmpty, env.allSatisfy(\.isWhitespace) {
            throw ValidationError("CADESK_DB may not be blank")
        }
    }

    var databasePath: String { CaseStore.resolvePath(explicit: db, environment: environment) }

    /// The officer `--as` or `$CADESK_OFFICER` names, if any.
    var namedOfficer: String? {
        if let officer, !officer.isEmpty { return officer }
        if let env = environment["CADESK_OFFICER"], !env.isEmpty { return env }
        return nil
    }

    var colorDisabled: Bool { noColor || !(environment["NO_COLOR"] ?? "").isEmpty }

    /// Whether `--today` or `$CADESK_TODAY` moves today away from the clock.
    var overridesToday: Bool { today != nil || !(environment["CADESK_TODAY"] ?? "").isEmpty }

    /// `--today`, else `$CADESK_TODAY`, else the civil date now in the office time zone.
    func todayDate(timeZone: String) throws -> CivilDate {
        if let today { return today }
        if let env = environment["CADESK_TODAY"], !env.isEmpty {
            guard let date = CivilDate(entered: env) else {
                throw CLIError.usage("CADESK_TODAY", "'\(env)' is not a date from 1900-01-01 to 2199-12-31 (YYYY-MM-DD)")
            }
            return date
        }
        return Self.realToday(timeZone: timeZone)
    }

    static func realToday(timeZone: String) -> CivilDate {
        CivilDate.of(Date(), in: TimeZone(identifier: timeZone) ?? .current)
    }
}

/// An open database, the acting officer and today: what every command works with.
struct Session {
    let store: CaseStore
    let officer: String
    let role: Role
    let today: CivilDate
    let policy: Policy
    let noColor: Bool
    let isTraining: Bool

    /// What the command does with the database: on an office database `--today` moves reads
    /// only, so that no one records an act on a date the law's time limits would not allow.
    enum Purpose { case reading, writing }

    /// Opens an existing database (never creates one) as the acting officer. An office is never
    /// set up implicitly here: `cadesk init` does it, on a database that holds no cases.
    static func open(_ global: GlobalOptions, requireOfficer: Bool = true, for purpose: Purpose = .writing) throws -> Session {
        // A read opens read-only: nothing written to the file or its folder (issue 14).
        let path = global.databasePath
        let store = purpose == .reading ? try CaseStore.openForReading(path: path) : try CaseStore.openExisting(path: path)
        return try open(global, store: store, requireOfficer: requireOfficer, for: purpose)
    }

    static func open(_ global: GlobalOptions, store: CaseStore, requireOfficer: Bool = true,
                     for purpose: Purpose = .writing) throws -> Session {
        guard try store.isInitialized() else {
            throw CLIError.storage(store.path, "no office is set up in this database; a supervisor sets it up with cadesk init")
        }
        let policy = try store.loadPolicy()
        let officer = try Identity.actingOfficer(global, policy: policy)
        let role = try store.role(of: officer)
        if role == .officer || role == .supervisor,
           !CaseStore.dailyBackupIsMade(for: store.path, policy: policy, now: Date()) {
            DailyBackup.arm(databasePath: store.path)
        }
        if requireOfficer && role == nil {
            throw CLIError.refused(officer, "not an officer of this office; a supervisor can add them with `cadesk officer add \(officer) --role officer`")
        }
        let training = try store.isTraining()
        let today = try global.todayDate(timeZone: policy.timeZone)
        if purpose == .writing, !training { try checkRealDate(today, global: global, policy: policy) }
        return Session(store: store, officer: officer, role: role ?? .viewer, today: today, policy: policy,
                       noColor: global.colorDisabled, isTraining: training)
    }

    /// CLI.md "Training databases": on an office database a change is recorded on the real date.
    static func checkRealDate(_ today: CivilDate, global: GlobalOptions, policy: Policy) throws {
        let real = GlobalOptions.realToday(timeZone: policy.timeZone)
        guard !global.overridesToday || today == real else {
            throw CLIError.refused("--today", "on an office database --today (\(today)) applies to reads only; changes are recorded on the real date, \(real) (give an earlier effective date with --on, or replay dates on a training database: cadesk init --training)")
        }
    }

    func context() throws -> CaseContext {
        try store.context(actor: officer, today: today, now: Date())
    }

    /// Office administration (officers, holidays, backups, rebuilds, exchanges) as Casework's
    /// `OfficeRules` allow it to this officer's role; a refusal exits 3.
    func require(_ operation: OfficeOperation) throws {
        try OfficeRules.check(operation, role: role, actor: officer)
    }
}

/// An error of the command line itself, with its exit code (CLI.md). Its description is what the
/// desk shows when a command-line step it runs (the demo load) is refused.
struct CLIError: Error, CustomStringConvertible {
    let code: Int32
    let what: String
    let why: String
    var description: String { "\(what): \(why)" }

    static func usage(_ what: String, _ why: String) -> CLIError { CLIError(code: 2, what: what, why: why) }
    static func refused(_ what: String, _ why: String) -> CLIError { CLIError(code: 3, what: what, why: why) }
    static func storage(_ what: String, _ why: String) -> CLIError { CLIError(code: 4, what: what, why: why) }

    static func code(for error: StoreError) -> Int32 {
        switch error.category {
        case .usage: return 2
        case .refused: return 3
        case .storage: return 4
        }
    }

    /// A refusal reads as the engine wrote it, with its article.
    static func describe(_ error: StoreError) -> String {
        if case .refused(let engine) = error { return engine.description }
        return error.description
    }

    /// What the officer can do next: for a damaged database, the newest sound backup and the
    /// command that restores it.
    static func advice(_ error: StoreError) -> String {
        switch error {
        case .damaged(let path, _), .notACadeskDatabase(let path, _):
            guard let backup = CaseStore.latestSoundBackup(for: path) else { return "" }
            return "; the most recent good backup is \(backup): cadesk restore \(backup)"
        default:
            return ""
        }
    }
}

extension CivilDate: ExpressibleByArgument {
    /// Dates outside 1900-01-01…2199-12-31 are usage errors like impossible ones (CLI.md).
    public init?(argument: String) { self.init(entered: argument) }
    public static var defaultCompletionKind: CompletionKind { .default }
}

/// `--format text|json` with `--json` as a shorthand, for read commands.
/// Read by hand too, for plain invocations of `case list` (`FastDispatch`, `init(plain:)`).
struct OutputOptions: ParsableArguments {
    static let defaultFormat = OutputFormat.text
    @Flag(name: .long, help: "Print JSON (same as --format json).")
    var json = false
    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = OutputOptions.defaultFormat

    var isJSON: Bool { json || format == .json }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum JSONOutput {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func print<T: Encodable>(_ value: T) throws {
        Swift.print(try string(value))
    }
}
