import Foundation
import GRDB

/// What a search line means in SQL. An exact reference finds that case and no other; otherwise
/// every word must match, each as the prefix of a word of the index (`ranso` finds ransomware,
/// `sharma` r.sharma's cases: the officer is indexed too). Chinese, Japanese and Korean write
/// words without spaces, so the index holds a whole run as one word and `诈骗` would only be
/// found at the start of `网络诈骗案件`: such a word is also looked up in `case_cjk`, which
/// finds it anywhere in a run (`CJKGrams`). Every way is an index lookup, never a scan of the
/// cases, so a keystroke costs the same at any number of cases.
enum SearchTerms {
    static func clauses(_ text: String, _ db: Database) throws -> ([String], [any DatabaseValueConvertible]) {
        if let ref = CaseStore.exactReference(text) { return (["ref = ?"], [ref]) }
        let words = CaseStore.searchWords(text)
        guard !words.isEmpty else { return (["0"], []) }
        // A database from before v6 opened read-only is not migrated: searched as it was then.
        guard try db.tableExists("case_cjk") else { return unmigratedClauses(words) }
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let plain = words.filter { CJKGrams.query($0) == nil }
        if !plain.isEmpty {
            // All the other words in one query of the index: each must be in the case's entry.
            clauses.append("seq IN (SELECT rowid FROM case_text WHERE case_text MATCH ?)")
            arguments.append(plain.map { "\"\($0)\"*" }.joined(separator: " "))
        }
        for word in words {
            guard let pieces = CJKGrams.query(word) else { continue }
            clauses.append("""
                (seq IN (SELECT rowid FROM case_text WHERE case_text MATCH ?)
                 OR seq IN (SELECT rowid FROM case_cjk WHERE case_cjk MATCH ?))
                """)
            arguments += ["\"\(word)\"*", pieces]
        }
        return (clauses, arguments)
    }

    /// Search before v6: the officer by LIKE and CJK words by a scan, over every case.
    static func unmigratedClauses(_ words: [String]) -> ([String], [any DatabaseValueConvertible]) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for word in words {
            var ways = ["seq IN (SELECT rowid FROM case_text WHERE case_text MATCH ?)",
                        "' ' || replace(replace(officer, '.', ' '), '_', ' ') LIKE ?"]
            arguments += ["\"\(word)\"*", "% \(word)%"]  // letters and digits only: nothing to escape
            if CJKGrams.query(word) != nil {
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
