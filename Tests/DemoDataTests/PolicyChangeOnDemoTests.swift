import CaseStore
import Casework
@testable import DemoData
import Foundation
import Testing

/// A policy change recomputes only the cases holding a deadline it can move. On a demo office
/// with every workflow and state, what the officer then sees must be what a full rebuild from the
/// events gives, for every policy key.
@Suite("Policy changes on a demo office")
struct PolicyChangeOnDemoTests {
    /// Working days first, so that every period key after it is recomputed (selectively) with
    /// the holidays counting.
    static let otherValues: [(String, String)] = [
        ("office_periods_in_working_days", "true"), ("office_name", "Another office"), ("state_code", "DEU"), ("time_zone", "America/New_York"),
        ("preservation_days", "90"), ("extension_days", "30"), ("preserve_within_days", "1"),
        ("acknowledge_days", "9"), ("execution_target_days", "60"), ("expedited_target_days", "4"),
        ("information_days", "20"), ("status_reply_days", "3"), ("consultation_days", "7"),
        ("written_confirmation_days", "8"), ("warning_thresholds", "30,2"),
        ("consult_before_all_refusals", "false"), ("consult_before_preservation_refusal", "false"),
        ("reservations", "42.5"), ("retention_years", "25"), ("officer_identity", "account"), ("backup_keep", "3"),
    ]

    /// Every deadline (met and cancelled ones too) and every case's next deadline, as shown.
    static func seen(_ store: CaseStore) throws -> [String] {
        let deadlines = try store.deadlines(DeadlineFilter(scope: .all), today: demoToday).map {
            "\($0.ref) \($0.kind.rawValue) \($0.due) \($0.status.rawValue)"
        }.sorted()
        let next = try allCases(store).map { "\($0.ref) \($0.nextDeadline.map { "\($0.kind.rawValue) \($0.due)" } ?? "-")" }.sorted()
        return deadlines + next
    }

    @Test func everyKeyLeavesWhatAFullRebuildGives() throws {
        #expect(Set(Self.otherValues.map(\.0)) == Set(Policy.keys.map(\.name)), "give every key another value here")
        let store = try CaseStore.inMemory()
        try store.initialize(office: "Central authority", state: "FRA", timeZone: "Europe/Paris", firstSupervisor: "demo.lead")
        try store.addHolidays([CivilDate("2026-03-18")!, CivilDate("2026-03-19")!])
        _ = try DemoGenerator.populate(store, cases: 300, seed: 11, today: demoToday, actor: "demo.lead")
        var policy = try store.loadPolicy()
        var moved = 0
        for (key, value) in Self.otherValues {
            let before = try Self.seen(store)
            try policy.set(key, value)
            try store.savePolicy(policy)
            let after = try Self.seen(store)
            if after != before { moved += 1 }
            // Every projection (stretches and bases too) is what a rebuild on a copy gives.
            #expect(try store.projectionDifferences(now: Date()) == [], "\(key) = \(value)")
            try store.rebuildProjections(now: Date())
            #expect(try Self.seen(store) == after, "\(key) = \(value): the recomputed deadlines differ from a rebuild")
        }
        // Holidays added in working-day mode: the office periods move, as a rebuild would have them.
        let beforeHolidays = try Self.seen(store)
        #expect(try store.addHolidays([CivilDate("2026-03-23")!, CivilDate("2026-03-24")!, CivilDate("2026-03-25")!]) == 3)
        let afterHolidays = try Self.seen(store)
        #expect(afterHolidays != beforeHolidays)
        try store.rebuildProjections(now: Date())
        #expect(try Self.seen(store) == afterHolidays)
        // The office periods and the working-day rule did move deadlines of this office.
        #expect(moved >= 6)
    }
}
