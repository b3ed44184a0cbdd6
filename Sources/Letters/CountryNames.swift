import CadeskResources

/// The States' names in the letter languages, from iso-codes' translations compiled in
/// (Resources/country-names.tsv): a letter in Chinese names France "法国", not "France".
enum CountryNames {
    /// alpha3 → the name in each language other than English.
    private static let table: [String: [LetterLanguage: String]] = {
        var lines = ShippedData.countryNamesTSV.split(separator: "\n")
        guard !lines.isEmpty else { return [:] }
        let header = lines.removeFirst().split(separator: "\t").dropFirst().map { LetterLanguage(rawValue: String($0)) }
        var table: [String: [LetterLanguage: String]] = [:]
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let code = fields.first, fields.count == header.count + 1 else { continue }
            for (language, name) in zip(header, fields.dropFirst()) where !name.isEmpty {
                if let language { table[String(code), default: [:]][language] = String(name) }
            }
        }
        return table
    }()

    /// The State's name in the letter's language; `english` (the directory's name) for an English
    /// letter, a code iso-codes does not know, or a State with no name given.
    static func name(_ english: String, code: String, in language: LetterLanguage) -> String {
        guard language != .en, !english.isEmpty else { return english }
        return table[code.uppercased()]?[language] ?? english
    }
}
