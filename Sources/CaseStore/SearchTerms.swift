import Foundation
import GRDB

/// What a search line means in SQL. An exact reference finds that case and no other; otherwise
/// every word must match, each in one of three ways:
/// - the full-text index, as a prefix of a word (`ranso` finds ransomware);
/// - a part of the officer's account name, as a prefix (`sharma` finds r.sharma's cases);
/// - for Chinese, Japanese or Korean text, anywhere in the short text columns: these languages
///   write words without spaces, so the index holds a whole run as one token and `诈骗` would only
///   be found at the start of `网络诈骗案件`. A scan of the index's stored text finds it anywhere.
enum SearchTerms {
    static func clauses(_ text: String) -> ([String], [any DatabaseValueConvertible]) {
        if let ref = CaseStore.exactReference(text) { return (["ref = ?"], [ref]) }
        let words = CaseStore.searchWords(text)
        guard !words.isEmpty else { return (["0"], []) }
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for word in words {
            // The officer by any part of the account name: `chen` and `l` both find l.chen.
            var ways = ["seq IN (SELECT rowid FROM case_text WHERE case_text MATCH ?)",
                        "' ' || replace(replace(officer, '.', ' '), '_', ' ') LIKE ? ESCAPE '\\'"]
            arguments += ["\"\(word)\"*", "% " + likePrefix(word)]
            if word.unicodeScalars.contains(where: isCJK) {
                ways.append("""
                    seq IN (SELECT rowid FROM case_text WHERE instr(title, ?) > 0 OR instr(facts, ?) > 0
                            OR instr(offence, ?) > 0 OR instr(notes, ?) > 0)
                    """)
                arguments += [word, word, word, word]
            }
            clauses.append("(" + ways.joined(separator: " OR ") + ")")
        }
        return (clauses, arguments)
    }

    /// `word%` with LIKE's own characters escaped, so `_` and `%` typed are searched for.
    static func likePrefix(_ word: String) -> String {
        var out = ""
        for c in word {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "%"
    }

    /// Han, kana, hangul and their punctuation-free neighbours: scripts written without spaces.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }
}

extension CaseStore {
    /// The search line's text as a case reference (`in-pres-2026-0036` → `IN-PRES-2026-0036`),
    /// when it is one in full; nil otherwise.
    public static func exactReference(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4 || parts.count == 5, ["IN", "OUT"].contains(parts[0]), ["MLA", "PRES"].contains(parts[1]),
              parts[2].count == 4, parts[2].allSatisfy(\.isASCIIDigit),
              let last = parts.last, last.count >= 4, last.allSatisfy(\.isASCIIDigit),
              parts.count == 4 || (!parts[3].isEmpty && parts[3].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        return t
    }

    /// The letters-and-digits words of a search line (at most 16): punctuation separates words
    /// and nothing typed is ever read as query syntax.
    static func searchWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current); current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return Array(words.prefix(16))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
