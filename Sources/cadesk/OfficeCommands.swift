import ArgumentParser
import Casework
import CaseStore
import Foundation
import TerminalKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the office's database, or change its name, State or time zone. The acting officer becomes the first supervisor.",
        discussion: """
            Creates the database when nothing exists at the path; run it again (a supervisor) to change the office's \
            name, State or time zone. An office database identifies officers by their system account \
            (officer_identity = account); a training database (--training) by name, and lets --today date changes.
            """)
    @Option(help: "The office's name, e.g. 'Central Authority of Ruritania'.") var office: String?
    @Option(help: "The office's State, ISO 3166-1 alpha-3.") var state: String?
    @Option(help: "The office time zone, e.g. Europe/Paris (dates and deadlines are civil dates there).") var timezone: String?
    @Flag(help: "A training database: --today applies to changes too, officers are named with --as; it never becomes an office database.")
    var training = false
    @Option(help: "Share a new database with this group (folder 2770, files 0660), for officers each logged in as themselves on one host.")
    var group: String?
    @OptionGroup var global: GlobalOptions

    /// Checked before any file is created, in init's own words (the policy would say "policy set").
    func validate() throws {
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone: unknown time zone '\(timezone)'; give an IANA name such as Europe/Paris or UTC")
        }
    }

    func run() throws {
        let path = global.databasePath
        let isNew = !CaseStore.exists(path)
        let store = try openOrCreate()
        do {
            try setUp(store)
        } catch {
            // A refused init leaves nothing behind: not even the file it had just created.
            if isNew { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
            throw error
        }
    }

    func setUp(_ store: CaseStore) throws {
        let initialized = try store.isInitialized()
        if !initialized, try store.holdsCases() {
            throw CLIError.refused("init", "\(store.path) holds cases but has no supervisor; it is not set up again (restore a backup)")
        }
        let isTraining = try training || store.isTraining()
        var policy = try store.loadPolicy()
        // A new office identifies its officers by account; a training one by name (CLI.md).
        if !initialized { policy.officerIdentity = isTraining ? .name : .account }
        let officer = try Identity.actingOfficer(global, policy: policy)
        if initialized { try OfficeRules.check(.changeOffice, role: try store.role(of: officer) ?? .viewer, actor: officer) }
        if isTraining, try !store.isTraining() { try store.becomeTraining() }
        try store.initialize(office: office ?? (initialized ? policy.officeName : "Central authority"),
                             state: state?.uppercased() ?? policy.stateCode,
                             timeZone: timezone ?? (initialized ? policy.timeZone : TimeZone.current.identifier),
                             firstSupervisor: officer, identity: initialized ? nil : policy.officerIdentity)
        policy = try store.loadPolicy()
        print(Sanitize.terminalSafe("\(policy.officeName)\(policy.stateCode.isEmpty ? "" : " (\(policy.stateCode))") · time zone \(policy.timeZone) · \(store.path)"
              + (isTraining ? " · training database" : "")))
    }

    /// The database at the path, created (shared with `--group`) when nothing is there.
    func openOrCreate() throws -> CaseStore {
        let path = global.databasePath
        if CaseStore.exists(path) {
            if group != nil {
                throw CLIError.usage("init --group", "\(path) exists; --group shares a database as it is created (for an existing one: chgrp and chmod)")
            }
            return try CaseStore.openExisting(path: path)
        }
        return try CaseStore.create(path: try DatabaseCreation.checkedPath(path), sharedWith: try group.map(DatabaseCreation.groupID))
    }
}

/// The rules for making a new database file (CLI.md, "Databases"), shared by init, demo and the
/// interface's first run.
enum DatabaseCreation {
    /// A name with leading or trailing spaces, control characters or bytes that are not UTF-8
    /// (shown as U+FFFD) is almost always a slip: creating it would start a second, empty office
    /// that mints references the real one already used.
    static func checkedPath(_ path: String) throws -> String {
        let name = (path as NSString).lastPathComponent
        let bad = name.isEmpty || name != name.trimmingCharacters(in: .whitespacesAndNewlines)
            || path.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{FFFD}" }
        if bad {
            throw CLIError.usage(path, "not a name cadesk creates a database under (no leading or trailing spaces, control characters or invalid UTF-8)")
        }
        return path
    }

    static func groupID(_ name: String) throws -> gid_t {
        guard let entry = getgrnam(name) else {
            throw CLIError.usage("init --group", "\(name): no such group")
        }
        return entry.pointee.gr_gid
    }
}

struct OfficerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officer", abstract: "The office's officers and their roles.",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an officer, or change an officer's role (supervisors only).")
        @Argument(help: "The officer's name, as given to --as.") var name: String
        @Option(help: "officer, supervisor or viewer.") var role: Casework.Role
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = try Session.open(global)
            try session.require(.addOfficer)
            // The store checks the name (one word, like a.moreau).
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if try session.store.role(of: trimmed) != nil {
                try session.store.setRole(role, of: trimmed)
            } else {
                try session.store.addOfficer(trimmed, role: role)
            }
            print("\(trimmed): \(role.rawValue)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the officers.")
        @OptionGroup var output: OutputOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let officers = try Session.open(global, requireOfficer: false, for: .reading).store.officers()
            if output.isJSON {
                try JSONOutput.print(officers)
            } else {
                print(TextTables.table(["OFFICER", "ROLE"], officers.map { [$0.name, $0.role.rawValue] }))
            }
        }
    }
}

extension Casework.Role: ExpressibleByArgument {}

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "The office policy: periods, thresholds, consultation switches, reservations.",
        subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show every policy key with its value.")
        @OptionGroup var output: OutputOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let policy = try Session.open(global, requireOfficer: false, for: .reading).policy
            if output.isJSON {
                try JSONOutput.print(Dictionary(uniqueKeysWithValues: Policy.keys.map { ($0.name, policy.value(of: $0.name)) }))
            } else {
                print(TextTables.table(["KEY", "VALUE", "MEANING"], Policy.keys.map {
                    [$0.name, policy.value(of: $0.name), $0.description + ($0.article.map { " (art. \($0))" } ?? "")]
                }))
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a policy key (supervisors only).",
            discussion: """
                The new value is saved at once. The deadlines it moves are then recomputed case by case in short \
                batches (a quarter of a second each), so officers keep recording meanwhile; until the command \
                ends, a list or the desk may show some cases' deadlines under the old value and others under the \
                new one, each case whole under one or the other. If the command is interrupted, the next cadesk \
                command that writes to the database finishes the recomputation.
                """)
        @Argument(help: "A key of `cadesk policy show`.") var key: String
        @Argument(help: "The new value (see policy show for each key's bounds).") var value: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let session = try Session.open(global)
            try session.require(.changePolicy)
            var policy = session.policy
            try policy.set(key, value)
            try session.store.savePolicy(policy)
            print(Sanitize.terminalSafe("\(key) = \(policy.value(of: key))"))
        }
    }
}

struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays", abstract: "The office's holiday calendar (skipped by working-day periods).",
        subcommands: [Add.self, Import.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add holiday dates.")
        @Argument(help: "Dates, YYYY-MM-DD.") var dates: [CivilDate]
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let session = try Session.open(global)
            try session.require(.addHolidays)
            let added = try session.store.addHolidays(dates)
            print("\(added) holiday\(added == 1 ? "" : "s") added")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import holidays from a text file of dates (one per line) or an iCalendar (.ics) file of all-day events.")
        @Argument(help: "A text file of YYYY-MM-DD dates, or an .ics file.") var file: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let session = try Session.open(global)
            try session.require(.importHolidays)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError.usage("holidays import", "\(file): cannot read the file")
            }
            let dates = try HolidayFile.parse(String(decoding: data, as: UTF8.self), name: file)
            let added = try session.store.addHolidays(dates)
            print("\(dates.count) date\(dates.count == 1 ? "" : "s") read, \(added) new")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the holidays.")
        @OptionGroup var output: OutputOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let dates = try Session.open(global, requireOfficer: false, for: .reading).store.holidays()
            if output.isJSON { try JSONOutput.print(dates.map(\.description)) } else {
                print(dates.isEmpty ? "No holidays." : dates.map(\.description).joined(separator: "\n"))
            }
        }
    }
}

/// Holiday files: plain dates one per line (`#` comments), or iCalendar all-day events
/// (`DTSTART;VALUE=DATE:20261225`). A timed event (a meeting at 10:00) is not a day off and is
/// skipped. All or nothing: one bad line refuses the whole file.
enum HolidayFile {
    static func parse(_ text: String, name: String) throws -> [CivilDate] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var dates: [CivilDate] = []
        if text.contains("BEGIN:VCALENDAR") {
            for (n, line) in lines.enumerated() where line.hasPrefix("DTSTART") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let parameters = line[..<colon].uppercased().split(separator: ";").dropFirst()
                guard parameters.contains("VALUE=DATE") else { continue }
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                guard value.count == 8, let date = CivilDate(entered: "\(value.prefix(4))-\(value.dropFirst(4).prefix(2))-\(value.suffix(2))") else {
                    throw CLIError.usage("holidays import", "\(name):\(n + 1): '\(line)' is not an all-day date from 1900 to 2199")
                }
                dates.append(date)
            }
        } else {
            for (n, raw) in lines.enumerated() {
                let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                if line.isEmpty { continue }
                guard let date = CivilDate(entered: line) else {
                    throw CLIError.usage("holidays import", "\(name):\(n + 1): '\(line)' is not a date from 1900-01-01 to 2199-12-31 (YYYY-MM-DD)")
                }
                dates.append(date)
            }
        }
        return dates
    }
}

struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory", abstract: "States, their central authorities (art. 40.12), 24/7 contacts (art. 41), languages and treaties.",
        subcommands: [List.self, Show.self, Set.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the States.")
        @Flag(help: "Only States with something recorded by the office.") var known = false
        @OptionGroup var output: OutputOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            var entries = try Session.open(global, requireOfficer: false, for: .reading).store.directory()
            if known { entries = entries.filter { !$0.centralAuthority.isEmpty || !$0.contact247.isEmpty || !$0.treaty.isEmpty || !$0.languages.isEmpty } }
            if output.isJSON { try JSONOutput.print(entries) } else {
                print(TextTables.table(["ISO3", "STATE", "CENTRAL AUTHORITY", "24/7", "LANGUAGES"],
                                       entries.map { [$0.iso3, $0.name, $0.centralAuthority, $0.contact247, $0.languages.joined(separator: ",")] }))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one State.")
        @Argument(help: "The State, ISO 3166-1 alpha-3 (e.g. FRA).") var iso3: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let session = try Session.open(global, requireOfficer: false, for: .reading)
            guard let e = try session.store.directoryEntry(iso3.uppercased()) else {
                throw CLIError.usage("directory show", "'\(iso3)' is not an ISO 3166-1 alpha-3 State code")
            }
            if output.isJSON { try JSONOutput.print(e) } else {
                print(TextTables.table(["FIELD", "VALUE"], [
                    ["State", "\(e.name) (\(e.iso3))"], ["Official name", e.officialName],
                    ["Central authority", e.centralAuthority], ["24/7 contact", e.contact247],
                    ["Languages", e.languages.joined(separator: ", ")], ["Treaty", e.treaty], ["Notes", e.notes],
                ]))
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Record a State's central authority, 24/7 contact, languages, treaty or notes.")
        @Argument(help: "The State, ISO 3166-1 alpha-3 (e.g. FRA).") var iso3: String
        @Option(help: "Its central authority (art. 40.12).") var centralAuthority: String?
        @Option(name: .customLong("contact-24-7"), help: "Its 24/7 point of contact (art. 41).") var contact247: String?
        @Option(help: "Accepted languages, ISO 639 codes separated by commas (art. 40.13).") var languages: String?
        @Option(help: "The MLA treaty binding us with it, if any (art. 40.7).") var treaty: String?
        @Option(help: "Free notes for officers.") var notes: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let session = try Session.open(global)
            try session.require(.editDirectory)
            guard var e = try session.store.directoryEntry(iso3.uppercased()) else {
                throw CLIError.usage("directory set", "'\(iso3)' is not an ISO 3166-1 alpha-3 State code")
            }
            if let centralAuthority { e.centralAuthority = centralAuthority }
            if let contact247 { e.contact247 = contact247 }
            if let languages {
                e.languages = languages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            }
            if let treaty { e.treaty = treaty }
            if let notes { e.notes = notes }
            try session.store.setDirectoryEntry(e)
            print("\(e.iso3): updated")
        }
    }
}
