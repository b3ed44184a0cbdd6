import CaseStore
import Casework
@testable import DemoData
import Foundation
// `date(_:)` and `TemporaryFolder` come from the shared TestSupport, for every file here.
@_exported import TestSupport

let demoToday = CivilDate(year: 2026, month: 3, day: 16)!

/// One 2,000-case demo office in a private in-memory database, made once for the tests that
/// only read it.
struct DemoOffice2000: Sendable {
    let store: CaseStore
    let summary: DemoSummary

    static let shared: Result<DemoOffice2000, StoreError> = Result { () throws(StoreError) -> DemoOffice2000 in
        let store = try CaseStore.inMemory()
        let summary = try DemoGenerator.populate(store, cases: 2000, seed: 42, today: demoToday, actor: "demo.lead")
        return DemoOffice2000(store: store, summary: summary)
    }

    static func get() throws -> DemoOffice2000 { try shared.get() }
}

/// Every case of a store, by reference, through the public list API (keyset paging).
func allCases(_ store: CaseStore) throws -> [CaseSummary] {
    var cases: [CaseSummary] = []
    var query = CaseQuery(sort: .ref, limit: 500)
    while true {
        let page = try store.listCases(query, today: demoToday)
        cases += page.cases
        guard let next = page.next else { break }
        query.after = next
    }
    return cases
}
