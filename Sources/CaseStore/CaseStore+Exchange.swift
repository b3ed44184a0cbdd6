import CanonicalEvents
import Casework
import Foundation
import GRDB

/// Which cases a bundle carries: the references given, else the cases of the officers given,
/// else every case; with `since`, only those with an event recorded on or after that day.
public struct ExchangeSelection: Sendable {
    public var refs: [String]
    public var officers: [String]
    public var since: CivilDate?
    public init(refs: [String] = [], officers: [String] = [], since: CivilDate? = nil) {
        self.refs = refs; self.officers = officers; self.since = since
    }
}

extension CaseStore {
    /// Every event of the selected cases, in chain order. A case is sent whole, so the receiver
    /// can tell what it has not seen from what the sender has not seen. An event a retention
    /// purge blanked here travels as its digest and its envelope without payload, so a copy that
    /// holds it matches it and, with the purge event, blanks its own, and a copy that never saw
    /// it appends it blanked (art. 36).
    public func exchangedEvents(_ selection: ExchangeSelection) throws(StoreError) -> [ExchangedEvent] {
        try read { db in
            let cases = try Self.selectedCases(db, selection)
            var out: [ExchangedEvent] = []
            for (id, ref) in cases {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM events WHERE case_id = ? ORDER BY seq", arguments: [id])
                let records = rows.map(EventRecord.init(row:))
                // A payload a purge blanked travels as its digest alone (art. 36).
                out += records.map { record in
                    ExchangedEvent(record.canonical, ref: ref, digest: record.digest)
                        ?? ExchangedEvent(id: record.id, caseID: record.caseID, ref: ref, canonical: [],
                                          digest: record.digest.hex, purged: true, blanked: record.canonical)
                }
            }
            return out
        }
    }

    private static func selectedCases(_ db: Database, _ selection: ExchangeSelection) throws -> [(String, String)] {
        var rows: [Row]
        if !selection.refs.isEmpty {
            rows = []
            for ref in selection.refs {
                guard let row = try Row.fetchOne(db, sql: "SELECT id, ref FROM cases WHERE ref = ?", arguments: [normalizedRef(ref)]) else {
                    throw StoreError.unknownReference(ref)
                }
                rows.append(row)
            }
        } else if !selection.officers.isEmpty {
            let marks = selection.officers.map { _ in "?" }.joined(separator: ",")
            rows = try Row.fetchAll(db, sql: "SELECT id, ref FROM cases WHERE officer IN (\(marks)) ORDER BY seq",
                                    arguments: StatementArguments(selection.officers))
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT id, ref FROM cases ORDER BY seq")
        }
        var cases = rows.map { ($0["id"] as String, $0["ref"] as String) }
        if let since = selection.since {
            // `recorded` is ISO 8601 UTC: a text comparison with the day's start is a time comparison.
            let changed = Set(try String.fetchAll(db, sql: "SELECT DISTINCT case_id FROM events WHERE recorded >= ?",
                                                  arguments: [since.description + "T00:00:00.000Z"]))
            cases = cases.filter { changed.contains($0.0) }
        }
        return cases
    }
}
