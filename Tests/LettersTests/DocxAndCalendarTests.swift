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
