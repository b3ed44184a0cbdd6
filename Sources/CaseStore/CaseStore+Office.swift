import CanonicalEvents
import CadeskResources
import Casework
import Foundation
import GRDB

extension CaseStore {
    /// Sets up (or renames) the office and makes `firstSupervisor` a supervisor. `identity`
    /// sets `officer_identity` when given; a training office always identifies officers by name.
    public func initialize(office: String, state: String, timeZone: String,
                           firstSupervisor: String, identity: OfficerIdentity? = nil) throws(StoreError) {
        let name = try Self.validOfficerName(firstSupervisor)
        try write { db in
            if !state.isEmpty { try Self.requireState(state, db) }
            // Read in the transaction that writes it back: a change committed meanwhile is kept.
            var policy = try Self.loadPolicy(db)
            try Self.engine { () throws(CaseworkError) in
                try policy.set("office_name", office)
                if !state.isEmpty { try policy.set("state_code", state) }
                try policy.set("time_zone", timeZone)
            }
            if try Self.isTraining(db) { policy.officerIdentity = .name } else if let identity { policy.officerIdentity = identity }
            try Self.savePolicy(policy, db)
            try db.execute(sql: """
                INSERT INTO officers(name, role, added) VALUES (?, 'supervisor', ?)
                ON CONFLICT(name) DO UPDATE SET role = 'supervisor'
                """, arguments: [name, CanonicalJSON.timestamp(Date())])
        }
    }

    public func isInitialized() throws(StoreError) -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM officers WHERE role = 'supervisor')") ?? false
        }
    }

    /// Whether any case or event was ever recorded: such a database is never set up as an
    /// office again, nor turned into a training database.
    public func holdsCases() throws(StoreError) -> Bool {
        try read { db in try Self.holdsCases(db) }
    }

    static func holdsCases(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM cases)") ?? false
    }

    // MARK: Training databases (CLI.md)

    /// A training database replays any date (`--today` applies to writes) and names its
    /// officers freely; it never becomes an office database (a trigger keeps it so).
    public func isTraining() throws(StoreError) -> Bool {
        try read { db in try Self.isTraining(db) }
    }

    static func isTraining(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'training'") == "true"
    }

    /// Makes a database that holds no case a training database, whose officers are named
    /// (`officer_identity` = name). A database holding cases is refused: demo cases recorded
    /// in an office's records would pass for real ones.
    public func becomeTraining() throws(StoreError) {
        try write { db in
            if try Self.holdsCases(db) {
                throw StoreError.officeRule("\(path) holds cases: demo and training data go only into a new or empty database (e.g. cadesk demo --db training.sqlite)")
            }
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('training', 'true') ON CONFLICT(key) DO UPDATE SET value = 'true'")
            var policy = try Self.loadPolicy(db)
            policy.officerIdentity = .name
            try Self.savePolicy(policy, db)
        }
    }

    // MARK: Officers

    public func addOfficer(_ name: String, role: Role) throws(StoreError) {
        let name = try Self.validOfficerName(name)
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM officers WHERE name = ?)", arguments: [name]) == true {
                throw StoreError.invalid("officer \(name) already exists (use setRole to change the role)")
            }
            try db.execute(sql: "INSERT INTO officers(name, role, added) VALUES (?, ?, ?)",
                           arguments: [name, role.rawValue, CanonicalJSON.timestamp(Date())])
        }
    }

    /// Changes an officer's role. The last supervisor keeps the role: an office without one
    /// could change neither its officers nor its policy, and must never be set up again
    /// implicitly by whoever comes next.
    public func setRole(_ role: Role, of name: String) throws(StoreError) {
        try write { db in
            let current = try String.fetchOne(db, sql: "SELECT role FROM officers WHERE name = ?", arguments: [name])
            guard let current else { throw StoreError.invalid("\(name): no such officer") }
            if current == Role.supervisor.rawValue, role != .supervisor,
               try Int.fetchOne(db, sql: "SELECT count(*) FROM officers WHERE role = 'supervisor'") == 1 {
                throw StoreError.officeRule("\(name) is the last supervisor: an office keeps at least one (make another officer supervisor first)")
            }
            try db.execute(sql: "UPDATE officers SET role = ? WHERE name = ?", arguments: [role.rawValue, name])
        }
    }

    public func officers() throws(StoreError) -> [Officer] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, role FROM officers ORDER BY name").map {
                Officer(name: $0["name"], role: Role(rawValue: $0["role"]) ?? .viewer)
            }
        }
    }

    public func role(of name: String) throws(StoreError) -> Role? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT role FROM officers WHERE name = ?", arguments: [name])
                .flatMap(Role.init(rawValue:))
        }
    }

    /// Login names: printable, no spaces or control characters, at most 64 characters.
    static func validOfficerName(_ name: String) throws(StoreError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64,
              trimmed.unicodeScalars.allSatisfy({ !CharacterSet.controlCharacters.contains($0)
                  && !CharacterSet.whitespaces.contains($0) }) else {
            throw .invalid("'\(name)' is not a usable officer name (1 to 64 characters, no spaces)")
        }
        return trimmed
    }

    // MARK: Policy

    public func loadPolicy() throws(StoreError) -> Policy {
        try read { db in try Self.loadPolicy(db) }
    }

    /// Saves the policy, and with it the list of cases whose deadlines it moves, in one short
    /// transaction; then projects those cases again in batches (`finishPendingProjections`), so
    /// that on a large office other writers get in between them. A reader meanwhile sees each
    /// case's deadlines under the old policy or the new one, never a mix within a case.
    public func savePolicy(_ policy: Policy) throws(StoreError) {
        try write { db in
            let before = try Self.loadPolicy(db)
            try Self.savePolicy(policy, db)
            // Only the cases holding a deadline the change can move, or all of them for the
            // working-day rule.
            try Self.markDeadlinesPending(db, holding: policy.deadlineKindsMoved(from: before))
            try Self.markWorker(db)
        }
        try finishPendingProjections(.officeChanges, force: true)
    }

    /// Defaults overlaid with the stored keys, so a key added in a later version has its default.
    static func loadPolicy(_ db: Database) throws -> Policy {
        guard case .object(var members) = try CanonicalJSON(encoding: Policy()) else { return Policy() }
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM policy") {
            let value: String = row["value"]
            members[row["key"]] = try CanonicalJSON(parsing: Data(value.utf8))
        }
        do {
            // Runs for every list, search and dashboard: decoded straight from the parsed values.
            return try CanonicalDecoder.decode(Policy.self, from: .object(members))
        } catch {
            throw StoreError.damaged(path: "", reason: "the stored office policy cannot be read: \(error)")
        }
    }

    static func savePolicy(_ policy: Policy, _ db: Database) throws {
        guard case .object(let members) = try CanonicalJSON(encoding: policy) else { return }
        try db.execute(sql: "DELETE FROM policy")
        let insert = try db.makeStatement(sql: "INSERT INTO policy(key, value) VALUES (?, ?)")
        for (key, value) in members { try insert.execute(arguments: [key, value.canonicalText]) }
        try recordOfficeRules(db, now: Date())
    }

    // MARK: Holidays

    public func holidays() throws(StoreError) -> [CivilDate] {
        try read { db in try Self.holidays(db) }
    }

    static func holidays(_ db: Database) throws -> [CivilDate] {
        try String.fetchAll(db, sql: "SELECT date FROM holidays ORDER BY date").compactMap { CivilDate($0) }
    }

    /// Like `savePolicy`: the dates and the cases they move in one transaction, then batches.
    @discardableResult
    public func addHolidays(_ dates: [CivilDate]) throws(StoreError) -> Int {
        let added = try write { db in
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO holidays(date) VALUES (?)")
            var added = 0
            for date in dates {
                try insert.execute(arguments: [date.description])
                added += db.changesCount
            }
            try Self.recordOfficeRules(db, now: Date())
            // Holidays move only office periods, and only when they count in working days.
            if added > 0, try Self.loadPolicy(db).officePeriodsInWorkingDays {
                try Self.markDeadlinesPending(db, holding: DeadlineRule.countedInOfficePeriods)
                try Self.markWorker(db)
            }
            return added
        }
        try finishPendingProjections(.officeChanges, force: true)
        return added
    }

    // MARK: Directory

    public func directory() throws(StoreError) -> [DirectoryEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM directory ORDER BY name").map(Self.directoryEntry)
        }
    }

    public func directoryEntry(_ iso3: String) throws(StoreError) -> DirectoryEntry? {
        try read { db in try Self.directoryEntry(db, iso3) }
    }

    public func setDirectoryEntry(_ entry: DirectoryEntry) throws(StoreError) {
        let unknown = entry.languages.filter { Self.languageCodes[$0.lowercased()] == nil }
        guard unknown.isEmpty else {
            throw .invalid("\(unknown.joined(separator: ", ")): not an ISO 639 language code (e.g. eng, fra, es)")
        }
        var entry = entry
        // One spelling per language: the three-letter code (art. 40.13 lists them for officers).
        entry.languages = entry.languages.map { Self.languageCodes[$0.lowercased()]! }
        try write { db in
            try Self.requireState(entry.iso3, db)
            try db.execute(sql: """
                UPDATE directory SET central_authority = ?, contact_24_7 = ?, languages = ?,
                       treaty = ?, notes = ? WHERE iso3 = ?
                """, arguments: [entry.centralAuthority, entry.contact247,
                                 entry.languages.joined(separator: ","), entry.treaty, entry.notes,
                                 entry.iso3])
        }
    }

    static func directoryEntry(_ db: Database, _ iso3: String) throws -> DirectoryEntry? {
        try Row.fetchOne(db, sql: "SELECT * FROM directory WHERE iso3 = ?", arguments: [iso3.uppercased()])
            .map(Self.directoryEntry)
    }

    static func directoryEntry(_ row: Row) -> DirectoryEntry {
        let languages: String = row["languages"]
        return DirectoryEntry(iso3: row["iso3"], alpha2: row["alpha2"], name: row["name"],
                              officialName: row["official"], centralAuthority: row["central_authority"],
                              contact247: row["contact_24_7"],
                              languages: languages.split(separator: ",").map(String.init),
                              treaty: row["treaty"], notes: row["notes"])
    }

    /// ISO 639 codes (three-letter, two-letter, and bibliographic like `ger`) to the three-letter
    /// terminology code (from iso-codes).
    static let languageCodes: [String: String] = {
        var codes: [String: String] = [:]
        for line in ShippedData.languagesTSV.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            codes[fields[0]] = fields[0]
            if !fields[1].isEmpty { codes[fields[1]] = fields[0] }
            if fields.count > 3, !fields[3].isEmpty { codes[fields[3]] = fields[0] }
        }
        return codes
    }()

    /// A case is assigned only to an officer or supervisor of the office: an unknown name (a typo)
    /// would leave the case with no one to see its deadlines.
    static func requireAssignable(_ name: String, _ db: Database) throws {
        let role = try String.fetchOne(db.cachedStatement(sql: "SELECT role FROM officers WHERE name = ?"), arguments: [name])
            .flatMap(Role.init(rawValue:))
        guard let role else {
            throw StoreError.invalid("\(name): not an officer of this office (see `cadesk officer list`)")
        }
        guard role.takesCases else {
            throw StoreError.invalid("\(name) is a viewer: cases are assigned to officers and supervisors")
        }
    }

    /// A State code must name a State of the directory (ISO 3166-1), else a usage error.
    static func requireState(_ iso3: String, _ db: Database) throws {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM directory WHERE iso3 = ?)"),
                                arguments: [iso3]) == true else {
            throw StoreError.invalid("\(iso3): not an ISO 3166-1 alpha-3 State code")
        }
    }

    // MARK: Context

    public func context(actor: String, today: CivilDate, now: Date) throws(StoreError) -> CaseContext {
        try read { db in try Self.context(db, actor: actor, today: today, now: now) }
    }

    static func context(_ db: Database, actor: String, today: CivilDate, now: Date) throws -> CaseContext {
        CaseContext(today: today, now: now, actor: actor, role: try role(db, of: actor),
                    policy: try loadPolicy(db), holidays: Set(try holidays(db)), makeID: { UUID() })
    }

    /// The stored role of `name`; anyone else is a viewer.
    static func role(_ db: Database, of name: String) throws -> Role {
        try String.fetchOne(db.cachedStatement(sql: "SELECT role FROM officers WHERE name = ?"), arguments: [name])
            .flatMap(Role.init(rawValue:)) ?? .viewer
    }
}
