import Casework
import Foundation
import Testing
import ZIPFoundation
@testable import Letters

@Suite struct DocxTests {
    func documentXML(_ letter: Letter) throws -> String {
        let archive = try Archive(data: try DocxDocument.data(for: letter, modified: Date(timeIntervalSince1970: 1_800_000_000)),
                                  accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        #expect(archive["[Content_Types].xml"] != nil && archive["_rels/.rels"] != nil)
        return String(decoding: xml, as: UTF8.self)
    }

    @Test func markupIsEscapedForXMLAndEveryLineIsAParagraph() throws {
        let (letter, _) = try render(.mlaRequest, .en, full: true)
        let xml = try documentXML(letter)
        #expect(xml.contains("Fraud &lt;&quot;Acme&quot; &amp; &apos;Co&apos;&gt; ring"))
        #expect(!xml.contains(awkwardTitle))
        let lines = letter.text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(xml.components(separatedBy: "<w:p>").count - 1 == lines)
        #expect(!xml.contains("<w:bidi/>"))
    }

    @Test func arabicParagraphsRunRightToLeft() throws {
        let (letter, _) = try render(.acknowledgement, .ar, full: true)
        let xml = try documentXML(letter)
        let paragraphs = xml.components(separatedBy: "<w:p>").dropFirst()
        #expect(!paragraphs.isEmpty && paragraphs.allSatisfy { $0.hasPrefix("<w:pPr><w:bidi/>") })
    }
}

@Suite struct CalendarTests {
    func expiry(_ file: CaseFile) throws -> CalendarDeadline {
        try #require(DeadlineCalendar.deadlines(of: file, context: context()).first { $0.deadline.kind == .preservationExpiry })
    }

    @Test func anExtensionKeepsTheUIDAndRaisesTheSequence() throws {
        var c = try LetterCase(.preservationConfirmation, full: false)
        let before = try expiry(c.file)
        try c.act(.extend, ActionInputs(on: received.adding(days: 20)))
        let after = try expiry(c.file)
        #expect(after.uid == before.uid)
        #expect(after.deadline.due > before.deadline.due)
        #expect(after.sequence == before.sequence + 1)
        #expect(before.uid == before.caseID.uuidString.lowercased() + "-preservation-expiry-1@cadesk")
    }

    @Test func aVoidedExtensionMovesItBackWithAHigherSequence() throws {
        var c = try LetterCase(.preservationConfirmation, full: false)
        let first = try expiry(c.file)
        try c.act(.extend, ActionInputs(on: received.adding(days: 20)))
        let extended = try expiry(c.file)
        let extendID = c.file.events.last!.id
        try c.act(.void, ActionInputs(on: received.adding(days: 21), reason: "typed on the wrong case", event: extendID))
        let voided = try expiry(c.file)
        #expect(voided.deadline.due == first.deadline.due)
        #expect(voided.uid == first.uid)
        #expect(voided.sequence > extended.sequence)
    }

    @Test func aPolicyChangeThatMovesADueDateRaisesTheSequence() throws {
        let c = try LetterCase(.acknowledgement, full: false)
        func target(_ rules: [RulesInForce], _ context: CaseContext) throws -> CalendarDeadline {
            try #require(DeadlineCalendar.deadlines(of: c.file, context: context, rules: rules).first { $0.deadline.kind == .executionTarget })
        }
        let before = try target([], context())
        var longer = Policy()
        longer.executionTargetDays = 120
        // The case's events were all recorded at 1_800_000_000; the policy changed after them.
        var rules = [RulesInForce(from: Date(timeIntervalSince1970: 0), policy: Policy(), holidays: []),
                     RulesInForce(from: Date(timeIntervalSince1970: 1_800_000_100), policy: longer, holidays: [])]
        var now = context()
        now.policy = longer
        func expiryUnder(_ rules: [RulesInForce]) throws -> CalendarDeadline { try target(rules, now) }
        let moved = try expiryUnder(rules)
        #expect(moved.uid == before.uid)
        #expect(moved.deadline.due == before.deadline.due.adding(days: 30))
        #expect(moved.sequence == before.sequence + 1)
        // A later change that moves nothing raises nothing; the same rules exported again neither.
        var renamed = longer
        renamed.officeName = "Renamed office"
        rules.append(RulesInForce(from: Date(timeIntervalSince1970: 1_800_000_200), policy: renamed, holidays: []))
        now.policy = renamed
        #expect(try expiryUnder(rules).sequence == moved.sequence)
        // Without a history (a database read before it had one), the policy of today throughout.
        #expect(try expiryUnder([]).sequence == before.sequence)
    }

    @Test func theWorkGrowsWithTheRecordNotItsSquare() throws {
        var c = try LetterCase(.acknowledgement, full: false)
        for n in 0..<300 { try c.act(.note, ActionInputs(note: "call \(n)")) }
        let plain = DeadlineCalendar.deadlinesAndWork(of: c.file, context: context(), rules: [])
        #expect(!plain.deadlines.isEmpty)
        #expect(plain.work <= 2 * c.events.count)
        // Each change of rules while the case ran costs one more replay of the record.
        let rules = [RulesInForce(from: Date(timeIntervalSince1970: 0), policy: Policy(), holidays: []),
                     RulesInForce(from: Date(timeIntervalSince1970: 1_900_000_000), policy: Policy(), holidays: [])]
        #expect(DeadlineCalendar.deadlinesAndWork(of: c.file, context: context(), rules: rules).work <= 6 * c.events.count)
    }

    @Test func icsHasAlarmsForPendingAndCancelsWhatIsMet() throws {
        var c = try LetterCase(.acknowledgement, full: true)
        let open = DeadlineCalendar.deadlines(of: c.file, context: context())
        try c.act(.assess, ActionInputs())
        let met = DeadlineCalendar.deadlines(of: c.file, context: context())
        let label = CalendarLabel(title: "Title; with, commas", counterpart: "FRA", officer: "a.moreau")
        let pending = try #require(open.first { $0.deadline.kind == .executionTarget })
        let acknowledged = try #require(met.first { $0.deadline.kind == .acknowledgement })
        let ics = CalendarFile.ics([(pending, label), (acknowledged, label)], office: "Office", warningThresholds: [14, 7, 3],
                                   generated: Date(timeIntervalSince1970: 1_900_000_000))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.components(separatedBy: "TRIGGER;RELATED=START:-P").count - 1 == 3)
        #expect(ics.contains("STATUS:CANCELLED") && ics.contains("STATUS:CONFIRMED"))
        #expect(ics.contains("Title\\; with\\, commas"))
        #expect(ics.contains("DTSTAMP:20300317T174640Z") && ics.contains("LAST-MODIFIED:20270115T080000Z"))
        #expect(ics.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }
}
