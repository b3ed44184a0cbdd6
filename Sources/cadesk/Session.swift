import ArgumentParser
import Casework
import CaseStore
import Foundation

/// The options every command takes (CLI.md), with their environment variables.
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

    var databasePath: String { CaseStore.resolvePath(explicit: db, environment: environment) }

    var officerName: String {
        if let officer, !officer.isEmpty { return officer }
        if let env = environment["CADESK_OFFICER"], !env.isEmpty { return env }
        for key in ["LOGNAME", "USER"] { if let v = environment[key], !v.isEmpty { return v } }
        return NSUserName()
    }

    var colorDisabled: Bool { noColor || !(environment["NO_COLOR"] ?? "").isEmpty }

    /// `--today`, else `$CADESK_TODAY`, else the civil date now in the office time zone.
    func todayDate(timeZone: String) throws -> CivilDate {
        if let today { return today }
        if let env = environment["CADESK_TODAY"], !env.isEmpty {
            guard let date = CivilDate(env) else {
                throw CLIError.usage("CADESK_TODAY", "'\(env)' is not a date (YYYY-MM-DD)")
            }
            return date
        }
        return CivilDate.of(Date(), in: TimeZone(identifier: timeZone) ?? .current)
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

    /// Opens (or creates) the database. On first use the office is set up implicitly and the
    /// acting officer becomes its first supervisor; afterwards an unknown officer is refused.
    static func open(_ global: GlobalOptions, requireOfficer: Bool = true) throws -> Session {
        let store = try CaseStore.open(path: global.databasePath)
        let officer = global.officerName
        if try !store.isInitialized() {
            try store.initialize(office: "Central authority", state: "",
                                 timeZone: TimeZone.current.identifier, firstSupervisor: officer)
        }
        let role = try store.role(of: officer)
        if requireOfficer && role == nil {
            throw CLIError.refused(officer, "not an officer of this office; a supervisor can add them with `cadesk officer add \(officer) --role officer`")
        }
        let policy = try store.loadPolicy()
        return Session(store: store, officer: officer, role: role ?? .viewer,
                       today: try global.todayDate(timeZone: policy.timeZone), policy: policy,
                       noColor: global.colorDisabled)
    }

    func context() throws -> CaseContext {
        try store.context(actor: officer, today: today, now: Date())
    }

    /// For office administration (officers, holidays, backups, rebuilds): supervisors only.
    func requireSupervisor(_ what: String) throws {
        guard role == .supervisor else {
            throw CLIError.refused(what, "only a supervisor may do this; \(officer) is \(role.rawValue == "officer" ? "an" : "a") \(role.rawValue)")
        }
    }
}

/// An error of the command line itself, with its exit code (CLI.md).
struct CLIError: Error {
    let code: Int32
    let what: String
    let why: String

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
}

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var defaultCompletionKind: CompletionKind { .default }
}

/// `--format text|json` with `--json` as a shorthand, for read commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON (same as --format json).")
    var json = false
    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

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
