import Casework
import Foundation
import Testing
import CadeskResources
@testable import Letters

@Suite struct LetterRenderingTests {
    static let everyLetter = LetterKind.allCases.flatMap { k in LetterLanguage.allCases.map { (k, $0) } }

    @Test("every template in every language renders a full case with its facts", arguments: everyLetter)
    func fullCase(_ kind: LetterKind, _ language: LetterLanguage) throws {
        let (letter, file) = try render(kind, language, full: true)
        try checkNoHoles(letter.text)
        for fact in [file.ref, "DoJ/OIA 2026-77", awkwardTitle, LetterDates.format(today, in: language),
                     "Ministère de la Justice, BEPI", "a.moreau"] {
            #expect(letter.text.contains(fact), "\(kind) \(language): no \(fact)\n\(letter.text)")
        }
        for fact in facts(kind, file, language) {
            #expect(letter.text.contains(fact), "\(kind) \(language): no \(fact)\n\(letter.text)")
        }
    }

    @Test("every template in every language renders a sparse case with no holes", arguments: everyLetter)
    func sparseCase(_ kind: LetterKind, _ language: LetterLanguage) throws {
        let (letter, file) = try render(kind, language, full: false)
        try checkNoHoles(letter.text)
        #expect(letter.text.contains(file.ref))
        #expect(letter.text.contains("France"))
        for fact in facts(kind, file, language) {
            #expect(letter.text.contains(fact), "\(kind) \(language): no \(fact)\n\(letter.text)")
        }
    }

    /// The facts a letter of this kind must state, as the case records them.
    func facts(_ kind: LetterKind, _ file: CaseFile, _ language: LetterLanguage) -> [String] {
        func day(_ d: CivilDate?) -> [String] { d.map { [LetterDates.format($0, in: language)] } ?? [] }
        let last = file.applied.last!.event.payload
        switch kind {
        case .acknowledgement: return day(file.received)
        case .informationRequest: return ["the account holder's name"] + day(last.until)
        case .consultation, .postponement: return [last.reason!] + day(last.until)
        case .refusal: return [last.reason!] + (last.grounds ?? []).map { RefusalGround.named($0)!.display }
        case .preservationConfirmation: return day(file.preservedOn) + day(file.preservationExpiry)
        case .riskNotification: return [last.reason!]
        case .extensionRequest: return day(file.counterpartPreservedOn) + day(file.followUpDue)
        case .preservationRequest, .mlaRequest:
            return file.items.values.filter { $0 != noneAvailable }.sorted() + day(file.requestedDeadline)
        }
    }

    /// No tag left, no label with nothing after it ("Reasons: ." or "Reasons:" then a blank line).
    func checkNoHoles(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!text.contains("{{") && !text.contains("}}"), sourceLocation: sourceLocation)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        for (n, line) in lines.enumerated() {
            for hole in [": .", ":.", "：。", "()", "（）", " ,", ": ;", "..", "。。", ".。"] {
                #expect(!line.contains(hole), "'\(hole)' in: \(line)", sourceLocation: sourceLocation)
            }
            if line.hasSuffix(":") || line.hasSuffix("：") {
                let next = n + 1 < lines.count ? lines[n + 1] : ""
                #expect(!next.isEmpty, "nothing after: \(line)\n\(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func markupCharactersAsTyped() throws {
        let (letter, _) = try render(.mlaRequest, .en, full: true)
        #expect(letter.text.contains(awkwardTitle))
        #expect(!letter.text.contains("&lt;") && !letter.text.contains("&amp;") && !letter.text.contains("&quot;"))
    }

    @Test func shippedTemplatesAreInStepWithTheFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Resources/templates").standardized
        var onDisk: [String: String] = [:]
        for language in try FileManager.default.contentsOfDirectory(atPath: root.path) {
            let folder = root.appendingPathComponent(language)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".mustache") {
                onDisk["\(language)/\(name.dropLast(9))"] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            }
        }
        #expect(onDisk.count == LetterLanguage.allCases.count * (LetterKind.allCases.count + 2))
        #expect(onDisk == ShippedTemplates.all, "run Scripts/generate-resources")
    }
}
