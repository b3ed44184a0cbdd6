import Casework
import CaseStore
import FieldBundle

/// Headquarters' office data as a bundle or setup file carries it, and back into a store.
enum OfficeSnapshots {
    static func take(_ store: CaseStore, officers names: [String]?) throws -> OfficeSnapshot {
        let officers = try store.officers().filter { officer in
            // A field copy needs a supervisor of its own; the rest are the officers it carries.
            names.map { $0.contains(officer.name) || officer.role == .supervisor } ?? true
        }
        let directory = try store.directory().filter {
            !($0.centralAuthority.isEmpty && $0.contact247.isEmpty && $0.languages.isEmpty && $0.treaty.isEmpty && $0.notes.isEmpty)
        }
        return OfficeSnapshot(
            policy: try store.loadPolicy(), holidays: try store.holidays(),
            directory: directory.map {
                DirectoryRecord(iso3: $0.iso3, centralAuthority: $0.centralAuthority, contact247: $0.contact247,
                                languages: $0.languages, treaty: $0.treaty, notes: $0.notes)
            },
            officers: officers.map { OfficerRecord(name: $0.name, role: $0.role.rawValue) })
    }

    /// A bundle's office data as the store takes it.
    static func data(_ snapshot: OfficeSnapshot) -> OfficeData {
        OfficeData(policy: snapshot.policy, holidays: snapshot.holidays,
                   directory: snapshot.directory.map {
                       DirectoryEntry(iso3: $0.iso3, centralAuthority: $0.centralAuthority, contact247: $0.contact247,
                                      languages: $0.languages, treaty: $0.treaty, notes: $0.notes)
                   },
                   officers: snapshot.officers.map { Officer(name: $0.name, role: Role(rawValue: $0.role) ?? .viewer) })
    }

    /// Sets up a new field copy's office from headquarters' snapshot.
    static func apply(_ snapshot: OfficeSnapshot, to store: CaseStore) throws {
        let policy = snapshot.policy
        guard let first = snapshot.officers.first(where: { $0.role == "supervisor" }) else {
            throw CLIError.storage("join", "the setup file names no supervisor")
        }
        try store.initialize(office: policy.officeName, state: policy.stateCode, timeZone: policy.timeZone,
                             firstSupervisor: first.name, identity: policy.officerIdentity)
        for officer in snapshot.officers where officer.name != first.name {
            try store.addOfficer(officer.name, role: Role(rawValue: officer.role) ?? .viewer)
        }
        try store.savePolicy(policy)
        _ = try store.addHolidays(snapshot.holidays)
        for record in snapshot.directory {
            try store.setDirectoryEntry(DirectoryEntry(iso3: record.iso3, centralAuthority: record.centralAuthority,
                                                       contact247: record.contact247, languages: record.languages,
                                                       treaty: record.treaty, notes: record.notes))
        }
    }
}
