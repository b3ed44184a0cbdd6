import CanonicalEvents
import Casework
import Foundation
import GRDB

/// Headquarters' policy, holidays, directory and officers as a bundle brings them to a field
/// copy. Office data flows out only (issue 13): a field copy's own changes are not sent back.
public struct OfficeData: Sendable {
    public var policy: Policy
    public var holidays: [CivilDate]
    public var directory: [DirectoryEntry]
    public var officers: [Officer]
    public init(policy: Policy, holidays: [CivilDate], directory: [DirectoryEntry], officers: [Officer]) {
        self.policy = policy; self.holidays = holidays; self.directory = directory; self.officers = officers
    }
}

extension CaseStore {
    /// Takes headquarters' office data in the import's transaction, then recomputes every
    /// deadline, since policy and holidays move them (a field copy holds few cases).
    func applyOfficeData(_ office: OfficeData, _ db: Database) throws {
        var policy = office.policy
        // Who may act here is this copy's rule: a training copy keeps naming its officers.
        policy.officerIdentity = try Self.loadPolicy(db).officerIdentity
        try Self.savePolicy(policy, db)
        let holiday = try db.makeStatement(sql: "INSERT OR IGNORE INTO holidays(date) VALUES (?)")
        for date in office.holidays { try holiday.execute(arguments: [date.description]) }
        try Self.recordOfficeRules(db, now: Date())
        for entry in office.directory {
            try db.execute(sql: """
                UPDATE directory SET central_authority = ?, contact_24_7 = ?, languages = ?, treaty = ?, notes = ?
                 WHERE iso3 = ?
                """, arguments: [entry.centralAuthority, entry.contact247, entry.languages.joined(separator: ","),
                                 entry.treaty, entry.notes, entry.iso3])
        }
        for officer in office.officers {
            let name = try Self.validOfficerName(officer.name)
            try db.execute(sql: """
                INSERT INTO officers(name, role, added) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET role = excluded.role
                """, arguments: [name, officer.role.rawValue, CanonicalJSON.timestamp(Date())])
        }
        try Self.reprojectAll(db, now: Date(), scope: .deadlines)
    }
}
