import Casework

/// Dates as each language usually writes them in correspondence: "6 December 2026",
/// "6 décembre 2026", "6 de diciembre de 2026", "6 декабря 2026 года", "2026年12月6日", and in
/// Arabic the United Nations' month names ("6 كانون الأول/ديسمبر 2026"). Month names are written
/// out here, not taken from the system's locale data, so a letter reads the same on every machine.
public enum LetterDates {
    public static func format(_ date: CivilDate, in language: LetterLanguage) -> String {
        let (y, m, d) = (date.year, date.month, date.day)
        switch language {
        case .en: return "\(d) \(months[.en]![m - 1]) \(y)"
        case .fr: return "\(d == 1 ? "1er" : "\(d)") \(months[.fr]![m - 1]) \(y)"
        case .es: return "\(d) de \(months[.es]![m - 1]) de \(y)"
        case .ru: return "\(d) \(months[.ru]![m - 1]) \(y) года"
        case .zh: return "\(y)年\(m)月\(d)日"
        case .ar: return "\(d) \(months[.ar]![m - 1]) \(y)"
        }
    }

    static let months: [LetterLanguage: [String]] = [
        .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
        .fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
              "octobre", "novembre", "décembre"],
        .es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
              "octubre", "noviembre", "diciembre"],
        // Genitive, as after a day number.
        .ru: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря"],
        .ar: ["كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
              "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
              "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"],
    ]
}
