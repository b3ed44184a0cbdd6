import Casework
import Foundation
import Testing
@testable import Letters

@Suite struct LetterRulesTests {
    @Test func underATreatyTheLetterCitesTheTreatyNotArticle40() throws {
        var c = try LetterCase(.acknowledgement, full: false)
        var registration = try #require(c.events[0].payload.registration)
        registration.basis = .treaty("Treaty between Ruritania and France on MLA (1998)")
        c.events[0].payload.registration = registration
        try c.act(.assess, ActionInputs())
        try c.act(.consult, ActionInputs(reason: "essential interests", proposal: .refuse))
        try c.act(.refuse, ActionInputs(grounds: ["treaty"], reason: "essential interests", treatyArticle: "art. 3(1)(b)"))
        for language in LetterLanguage.allCases {
            let text = try LetterTemplates().render(LetterRequest(
                kind: .refusal, language: language, file: c.file, deadlines: [], parties: parties(), today: today)).text
            #expect(text.contains("Treaty between Ruritania and France on MLA (1998)"), "\(language)\n\(text)")
            #expect(text.contains("art. 3(1)(b)"))
            for article40 in ["paragraph 25", "paragraphe 25", "párrafo 25", "пункт 25", "第25款", "الفقرة 25"] {
                #expect(!text.contains(article40), "\(language) cites 40.25 under a treaty")
            }
        }
    }

    @Test func anOfficeTemplateReplacesTheShippedOneAndATypoIsRefused() throws {
        let temporary = TemporaryFolder("cadesk-templates")
        defer { withExtendedLifetime(temporary) {} }
        let folder = temporary.url
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("en"), withIntermediateDirectories: true)
        let c = try LetterCase(.acknowledgement, full: true)
        let request = LetterRequest(kind: .acknowledgement, language: .en, file: c.file, deadlines: [], parties: parties(), today: today)
        let templates = LetterTemplates(overrideFolder: folder.path)
        try "Our own: {{ourRef}} / {{theirRef}}\n{{> closing}}\n".write(to: folder.appendingPathComponent("en/acknowledgement.mustache"),
                                                                       atomically: true, encoding: .utf8)
        let letter = try templates.render(request)
        #expect(letter.text.hasPrefix("Our own: IN-MLA-2026-0001 / DoJ/OIA 2026-77\n"))
        #expect(letter.text.contains("Yours faithfully,"))
        try "Dear {{{{ourRef}}\n".write(to: folder.appendingPathComponent("en/acknowledgement.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: LetterError.self) { try templates.render(request) }
    }

    @Test func eachLetterMakesSenseOnlyWhereTheIssueSays() throws {
        for kind in LetterKind.allCases {
            let c = try LetterCase(kind, full: false)
            #expect(Engine.whyNoLetter(kind, for: c.file) == nil, "\(kind) refused where it should be offered")
            let offered = Set(Engine.lettersOffered(for: c.file))
            // A fresh incoming MLA is open to an acknowledgement only.
            if kind == .acknowledgement { #expect(offered == [.acknowledgement]) }
        }
        let fresh = try LetterCase(.mlaRequest, full: false)
        let why = try #require(Engine.whyNoLetter(.refusal, for: fresh.file))
        #expect(why.kind == .refused && why.article == "40.25")
        #expect(why.description.contains("OUT-MLA-2026-0001 is outgoing mla, draft"))
    }
}
