import Casework
import Foundation
import GRDB

extension CaseStore {
    /// The office report for a period (issue 10 §3), in ONE read transaction so that its figures
    /// never mix two moments. The store only streams the cases that can count — received in the
    /// period, or holding an event dated in it — folded from their events; `ReportTally`
    /// (Casework) decides every figure.
    public func officeReport(_ period: ReportPeriod) throws(StoreError) -> OfficeReport {
        try read { db in
            var context = try Self.systemContext(db, now: Date())
            context.today = period.to
            var tally = ReportTally(period: period, context: context)
            var batch: [CaseEvent] = []
            var current: String?
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT e.* FROM events e
                  JOIN (SELECT id FROM cases WHERE received BETWEEN :from AND :to
                        UNION SELECT case_id FROM events WHERE effective BETWEEN :from AND :to) touched
                    ON touched.id = e.case_id
                 ORDER BY e.case_id, e.seq
                """, arguments: ["from": period.from.description, "to": period.to.description])
            while let row = try cursor.next() {
                let record = EventRecord(row: row)
                if record.caseID != current, !batch.isEmpty {
                    tally.add(Engine.fold(batch))
                    batch.removeAll(keepingCapacity: true)
                }
                current = record.caseID
                batch.append(try record.event())
            }
            if !batch.isEmpty { tally.add(Engine.fold(batch)) }
            return tally.finished
        }
    }
}
