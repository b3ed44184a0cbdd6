import CanonicalEvents
import Casework
import Foundation
import GRDB

extension CaseStore {
    /// The office's policy and holidays over time, oldest first: a calendar export replays each
    /// case under the rules in force at each moment, so that a due date moved by a change of
    /// policy raises its SEQUENCE like a move recorded on the case.
    public func officeRulesHistory() throws(StoreError) -> [RulesInForce] {
        try read { db in
            guard try db.tableExists("office_rules") else { return [] }  // unmigrated, read-only
            let defaults = try CanonicalJSON(encoding: Policy())
            return try Row.fetchAll(db, sql: "SELECT recorded, policy, holidays FROM office_rules ORDER BY seq").map { row in
                // Keys added by a later version take their default, as loadPolicy does.
                guard case .object(var members) = defaults,
                      case .object(let stored) = try CanonicalJSON(parsing: Data((row[1] as String).utf8)),
                      case .array(let days) = try CanonicalJSON(parsing: Data((row[2] as String).utf8))
                else { throw StoreError.damaged(path: "", reason: "office_rules holds something other than a policy and holidays") }
                members.merge(stored) { _, new in new }
                let holidays = days.compactMap { day -> CivilDate? in
                    if case .string(let text) = day { return CivilDate(text) } else { return nil }
                }
                return RulesInForce(from: CanonicalJSON.instant(row[0]) ?? .distantPast,
                                   policy: try CanonicalDecoder.decode(Policy.self, from: .object(members)),
                                   holidays: Set(holidays))
            }
        }
    }

    /// Appends the rules in force now, in the transaction that changed them; nothing when they
    /// are what the last entry says.
    static func recordOfficeRules(_ db: Database, now: Date) throws {
        guard try db.tableExists("office_rules") else { return }  // during earlier migrations
        let policy = try CanonicalJSON(encoding: loadPolicy(db)).canonicalText
        let days = CanonicalJSON.array(try holidays(db).map { .string($0.description) }).canonicalText
        let last = try Row.fetchOne(db, sql: "SELECT policy, holidays FROM office_rules ORDER BY seq DESC LIMIT 1")
        if let last, (last[0] as String?) == policy, (last[1] as String?) == days { return }
        try db.execute(sql: "INSERT INTO office_rules(recorded, policy, holidays) VALUES (?, ?, ?)",
                       arguments: [CanonicalJSON.timestamp(now), policy, days])
    }
}
