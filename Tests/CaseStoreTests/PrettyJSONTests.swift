import CanonicalEvents
@testable import CaseStore
import Foundation
import Testing

/// `PrettyJSON` replaces `JSONEncoder` for `case list --json` and `deadlines --json`: whatever
/// a case holds, scripts must read the same bytes as before (the golden files of CLITests).
@Suite struct PrettyJSONTests {
    /// What the command line wrote before: `JSONEncoder` with the options of `JSONOutput`.
    static func encoded<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    struct Row: Encodable { let ref: String; let title: String; let days: Int; let confidential: Bool; let next: Next?
        struct Next: Encodable { let due: String; let kind: String }
        func encode(to encoder: Encoder) throws {
            enum K: String, CodingKey { case ref, title, days, confidential, next_deadline }
            var c = encoder.container(keyedBy: K.self)
            try c.encode(ref, forKey: .ref); try c.encode(title, forKey: .title); try c.encode(days, forKey: .days)
            try c.encode(confidential, forKey: .confidential); try c.encode(next, forKey: .next_deadline)
        }
        var pretty: PrettyJSON {
            .object([("title", .string(title)), ("ref", .string(ref)), ("days", .int(days)),
                     ("confidential", .bool(confidential)),
                     ("next_deadline", next.map { .object([("kind", .string($0.kind)), ("due", .string($0.due))]) } ?? .null)])
        }
    }

    /// Titles as officers (and hostile imports) write them: quotes, backslashes, slashes, every
    /// control character, DEL, accents, right-to-left text, emoji.
    static let titles: [String] = {
        var titles = ["Fraud / ransomware \"Lockbit\" C:\\temp", "Réquisition — 日本語 — العربية 👩🏽‍💻", "", "\u{7F}del", "a\u{2028}b"]
        titles += (0..<0x20).map { "x\(Character(Unicode.Scalar(UInt8($0))))y" }
        return titles
    }()

    @Test func listsAreTheBytesJSONEncoderWrote() throws {
        let rows = Self.titles.enumerated().map { i, title in
            Row(ref: "IN-MLA-2026-\(i)", title: title, days: i * 7 - 60, confidential: i % 2 == 0,
                next: i % 3 == 0 ? nil : Row.Next(due: "2026-03-11", kind: "acknowledgement"))
        }
        #expect(PrettyJSON.array(rows.map(\.pretty)).text == (try Self.encoded(rows)))
        for row in rows {
            #expect(PrettyJSON.array([row.pretty]).text == (try Self.encoded([row])), "\(row.title.debugDescription)")
        }
    }

    @Test func emptyListsAndExtremeNumbers() throws {
        #expect(PrettyJSON.array([]).text == (try Self.encoded([Row]())))
        #expect(PrettyJSON.array([.int(Int.min), .int(Int.max), .int(0)]).text == (try Self.encoded([Int.min, Int.max, 0])))
        #expect(PrettyJSON.optional(nil).text == "null")
    }
}

/// Case ids are read by hand from the database (issue 14): whatever the text, the same answer
/// as Foundation's (which takes a few odd forms through sscanf).
@Suite struct StoredIDTests {
    @Test func idsReadAsFoundationReadsThem() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(StoredID.uuid(id.uuidString.lowercased()) == id)
            #expect(StoredID.uuid(id.uuidString) == id)
        }
        let good = "6f1c2a9e-0b7d-4e8a-9c3f-2d5e6a7b8c9d"
        var bad = ["", "6f1c2a9e0b7d4e8a9c3f2d5e6a7b8c9d", good + "0", String(good.dropLast()), " " + good.dropLast(),
                   good.replacingOccurrences(of: "-", with: "_"), "6f1c2a9e-0b7d-4e8a-9c3f-2d5e6a7b8c9g"]
        for i in good.indices where good[i] != "-" {
            bad.append(good.replacingCharacters(in: i...i, with: "x"))
            bad.append(good.replacingCharacters(in: i...i, with: "-"))
        }
        for text in bad {
            #expect(StoredID.uuid(text) == UUID(uuidString: text), "\(text.debugDescription)")
        }
    }
}
