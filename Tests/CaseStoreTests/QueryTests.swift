import Casework
import Foundation
import Testing
@testable import CaseStore

@Suite struct Queries {
    static func office() throws -> (Office, [CaseFile]) {
        let office = try Office()
        var files: [CaseFile] = []
        let titles = ["Ransomware against Hôpital Nord", "Phishing kit \"BankRat\"", "NEAR-field fraud ring",
                      "Child abuse material forum", "Botnet C2 servers", "Crypto exchange hack"]
        for (n, title) in titles.enumerated() {
            files.append(try office.register(n % 2 == 0 ? .incoming : .outgoing, n < 3 ? .mla : .preservation,
                                             counterpart: n % 3 == 0 ? "ITA" : "DEU", title: title,
                                             facts: "facts \(n) of the * case"))
        }
        return (office, files)
    }

    @Test func keysetPagingVisitsEveryCaseOnce() throws {
        let (office, files) = try Self.office()
        for sort in CaseSort.allCases {
            var seen: [String] = []
            var query = CaseQuery(sort: sort, limit: 4)
            while true {
                let page = try office.store.listCases(query, today: Office.today)
                seen += page.cases.map(\.ref)
                guard let next = page.next else { break }
                query.after = next
            }
            #expect(seen.count == files.count, "\(sort)")
            #expect(Set(seen) == Set(files.map(\.ref)), "\(sort)")
        }
        let byRef = try office.store.listCases(CaseQuery(sort: .ref, limit: 100), today: Office.today).cases.map(\.ref)
        #expect(byRef == byRef.sorted())
        let offsetPage = try office.store.listCases(CaseQuery(sort: .ref, limit: 2, offset: 2), today: Office.today)
        #expect(offsetPage.cases.map(\.ref) == Array(byRef[2..<4]))
    }

    @Test(arguments: CaseSort.allCases)
    func aReversedSortPagesThroughTheSameCasesBackwards(_ sort: CaseSort) throws {
        let (office, files) = try Self.office()
        func all(reversed: Bool) throws -> [String] {
            var seen: [String] = []
            var query = CaseQuery(sort: sort, reversed: reversed, limit: 4)
            while true {
                let page = try office.store.listCases(query, today: Office.today)
                seen += page.cases.map(\.ref)
                guard let next = page.next else { break }
                query.after = next
            }
            return seen
        }
        let forward = try all(reversed: false), backward = try all(reversed: true)
        #expect(forward.count == files.count)
        if sort == .nextDue {
            // Latest deadline first, and the cases with none still last.
            let summaries = try office.store.listCases(CaseQuery(sort: sort, reversed: true, limit: 100), today: Office.today).cases
            let withDeadline = summaries.prefix { $0.nextDeadline != nil }
            #expect(summaries.dropFirst(withDeadline.count).allSatisfy { $0.nextDeadline == nil })
            #expect(withDeadline.map(\.nextDeadline!.due) == withDeadline.map(\.nextDeadline!.due).sorted(by: >))
            #expect(Set(backward) == Set(forward))
            #expect(backward == summaries.map(\.ref))
        } else {
            #expect(backward == forward.reversed())
        }
    }

    @Test func filtersAndCount() throws {
        let (office, _) = try Self.office()
        #expect(try office.store.count(CaseFilter()) == 6)
        #expect(try office.store.count(CaseFilter(direction: .incoming)) == 3)
        #expect(try office.store.count(CaseFilter(kind: .preservation)) == 3)
        #expect(try office.store.count(CaseFilter(counterpart: "ita")) == 2)
        #expect(try office.store.count(CaseFilter(states: [.draft])) == 3)
        #expect(try office.store.count(CaseFilter(states: [])) == 0)
        #expect(try office.store.count(CaseFilter(officer: "a.moreau", openOnly: true)) == 6)
        #expect(try office.store.count(CaseFilter(officer: "nobody")) == 0)
        #expect(try office.store.count(CaseFilter(direction: .incoming, text: "botnet")) == 1)
        #expect(try office.store.count(CaseFilter(direction: .outgoing, text: "botnet")) == 0)
    }

    @Test(arguments: [
        ("ransom", ["Ransomware against Hôpital Nord"]),
        ("hopital", ["Ransomware against Hôpital Nord"]),
        ("\"BankRat", ["Phishing kit \"BankRat\""]),
        ("bank\"rat", []),
        ("NEAR", ["NEAR-field fraud ring"]),
        ("NEAR(fraud ring)", ["NEAR-field fraud ring"]),
        ("fraud AND ring OR", []),
        ("*", []),
        ("facts 4 *", ["Botnet C2 servers"]),
        ("title:botnet", []),
        ("c2 -servers", ["Botnet C2 servers"]),
        ("^crypto", ["Crypto exchange hack"]),
        ("IN-MLA-2026-000", ["Ransomware against Hôpital Nord", "NEAR-field fraud ring"]),
        ("", []),
        ("   ", []),
        ("'); DROP TABLE cases; --", []),
    ])
    func searchTakesOddInputLiterally(_ input: String, _ expected: [String]) throws {
        let (office, _) = try Self.office()
        let found = try office.store.search(input, limit: 20, today: Office.today).map(\.title)
        #expect(Set(found) == Set(expected), "\(input)")
        #expect(try office.store.count(CaseFilter()) == 6)
    }

    @Test func searchFindsNotesAndCounterpartNames() throws {
        let (office, files) = try Self.office()
        try office.act(files[0].ref, .assess, ActionInputs(note: "Rang the Procura della Repubblica"))
        #expect(try office.store.search("procura", limit: 5, today: Office.today).map(\.ref) == [files[0].ref])
        #expect(try office.store.search("ital", limit: 5, today: Office.today).count == 2)
    }

    @Test func dashboardCounts() throws {
        let (office, _) = try Self.office()
        let dash = try office.store.dashboard(today: Office.today)
        #expect(dash.totalCases == 6)
        #expect(dash.openCases == 6)
        #expect(dash.openByOfficer == [Dashboard.Count(key: "a.moreau", count: 6)])
        #expect(dash.openByCounterpart.first == Dashboard.Count(key: "DEU", count: 4))
        #expect(dash.receivedByMonth == [Dashboard.Count(key: "2026-03", count: 6)])
    }
}
