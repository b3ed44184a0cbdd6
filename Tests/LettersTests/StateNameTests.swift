import Casework
import Foundation
import Testing
import CadeskResources
@testable import Letters

/// A letter names both States in its own language (issue 11): "法国" in Chinese, not "France".
@Suite struct StateNameTests {
    /// France and Germany as iso-codes' catalogues name them (ar, zh_CN, fr, ru, es).
    static let names: [(LetterLanguage, france: String, germany: String)] = [
        (.en, "France", "Germany"), (.fr, "France", "Allemagne"), (.es, "Francia", "Alemania"),
        (.ru, "Франция", "Германия"), (.zh, "法国", "德国"), (.ar, "فرنسا", "ألمانيا"),
    ]

    func letter(_ language: LetterLanguage, parties: LetterParties) throws -> String {
        let file = try LetterCase(.acknowledgement, full: true).file
        let request = LetterRequest(kind: .acknowledgement, language: language, file: file,
                                    deadlines: Engine.deadlines(for: file, context: context()),
                                    parties: parties, today: today)
        return try LetterTemplates().render(request).text
    }

    @Test("both States named in the letter's language", arguments: names)
    func inTheLettersLanguage(_ language: LetterLanguage, _ france: String, _ germany: String) throws {
        let parties = LetterParties(office: "Bundesamt für Justiz", officeState: "Germany", officeStateCode: "DEU",
                                    counterpartState: "France", counterpartCode: "FRA", officer: "a.moreau")
        let text = try letter(language, parties: parties)
        let lines = text.split(separator: "\n").map(String.init)
        // The letterhead: our office and State, then, after the date, the addressee.
        #expect(lines[0].hasPrefix("Bundesamt für Justiz") && lines[0].hasSuffix(germany), "\(text)")
        #expect(lines[2].hasSuffix(france), "\(text)")
        if language != .en && language != .fr {
            #expect(!text.contains("France") && !text.contains("Germany"), "\(text)")
        }
    }

    @Test func aStateIsoCodesDoesNotKnowKeepsTheDirectorysName() throws {
        let parties = LetterParties(office: "Central Authority of Ruritania", officeState: "Ruritania", officeStateCode: "RRT",
                                    counterpartState: "France", counterpartCode: "", officer: "a.moreau")
        let text = try letter(.zh, parties: parties)
        #expect(text.contains("Ruritania") && text.contains("France"), "\(text)")
    }

    @Test func everyStateHasANameInEveryLetterLanguage() throws {
        let codes = ShippedData.countriesTSV.split(separator: "\n").dropFirst().map { String($0.prefix(3)) }
        #expect(codes.count == 249)
        for code in codes {
            for language in LetterLanguage.allCases where language != .en {
                #expect(!CountryNames.name("x", code: code, in: language).isEmpty)
                #expect(CountryNames.name("x", code: code, in: language) != "x", "\(code) has no \(language) name")
            }
        }
    }

    @Test func shippedNamesAreInStepWithTheFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Resources/country-names.tsv").standardized
        #expect(try String(contentsOf: file, encoding: .utf8) == ShippedData.countryNamesTSV + "\n", "run Scripts/generate-resources")
    }
}
