import Casework
import Foundation

/// The values a letter template sees, in the letter's language. Every value is text typed by
/// someone or taken from the case, cleaned of control characters; a value the case does not
/// have is absent, so the template's `{{#name}}…{{/name}}` section drops the whole line.
enum LetterView {
    /// Collects the values, dropping empty ones.
    struct Values {
        let language: LetterLanguage
        var dict: [String: Any] = [:]
        mutating func put(_ key: String, _ value: String?) {
            if let value = value.map(LetterView.clean), !value.isEmpty { dict[key] = value }
        }
        mutating func put(_ key: String, _ date: CivilDate?) {
            if let date { dict[key] = LetterDates.format(date, in: language) }
        }
        mutating func flag(_ key: String, _ on: Bool) { if on { dict[key] = true } }
    }

    static func make(_ r: LetterRequest) -> [String: Any] {
        var v = Values(language: r.language)
        let f = r.file
        let p = r.parties
        v.put("office", p.office)
        v.put("officeState", CountryNames.name(p.officeState, code: p.officeStateCode, in: r.language))
        v.put("counterpartState", CountryNames.name(p.counterpartState, code: p.counterpartCode, in: r.language))
        v.put("counterpartAuthority", p.counterpartAuthority)
        v.put("officer", p.officer)
        v.put("date", r.today)
        v.put("ourRef", f.ref)
        v.put("theirRef", f.theirRef)
        v.put("title", f.title)
        v.put("received", f.received)
        v.flag("urgent", f.urgency.isUrgent)
        v.flag("confidential", f.confidential)
        v.flag("noUserNotice", f.noUserNotice)
        if case .treaty(let name) = f.basis { v.put("treaty", name) } else { v.flag("convention", true) }
        v.put("requestedDeadline", f.requestedDeadline)
        v.put("requestedDeadlineReason", f.requestedDeadlineReason)
        v.dict["items"] = items(r)
        if !f.purposes.isEmpty { v.put("purposeArticles", f.purposes.map(\.article).joined(separator: ", ")) }
        v.flag("realtime", f.purposes.contains(.realtimeTraffic))
        kindFacts(r, into: &v)
        return v.dict
    }

    /// The facts a particular letter cites, from the events that led to it.
    private static func kindFacts(_ r: LetterRequest, into v: inout Values) {
        let f = r.file
        switch r.kind {
        case .informationRequest:
            let asked = r.latest([.requestInformation])
            v.put("informationNeeded", asked?.payload.note)
            v.put("informationDue", asked?.payload.until ?? r.due(.informationDue))
        case .consultation:
            let consult = r.latest([.consult])
            v.flag("proposeRefusal", consult?.payload.proposal == .refuse)
            v.flag("proposePartialRefusal", consult?.payload.proposal == .partialRefuse)
            v.flag("proposePostponement", consult?.payload.proposal == .postpone)
            v.put("reasons", consult?.payload.reason)
            v.put("replyBy", r.due(.consultationReply))
        case .postponement:
            let postpone = r.latest([.postpone])
            v.put("reasons", postpone?.payload.reason)
            v.put("reviewDate", postpone?.payload.until ?? r.due(.postponementReview))
        case .refusal:
            let refusal = r.latest([.refuse, .partialRefusal])
            v.flag("partial", refusal?.action == .partialRefusal)
            let codes = refusal?.payload.grounds ?? []
            v.dict["grounds"] = codes.map { code -> String in
                if code == "treaty", let article = refusal?.payload.treatyArticle { return clean(article) }
                return RefusalGround.named(code)?.display ?? code
            }
            v.flag("hasGrounds", !codes.isEmpty)
            v.put("reasons", refusal?.payload.reason)
        case .preservationConfirmation:
            v.put("preservedOn", f.preservedOn)
            v.put("expiry", f.preservationExpiry ?? r.due(.preservationExpiry))
            v.flag("pendingMLA", f.state == .pendingMLA)
        case .riskNotification:
            let notice = r.latest([.notifyRisk])
            v.put("reasons", notice?.payload.reason)
            v.put("noticeDate", notice?.effective)
        case .extensionRequest:
            v.put("preservedOn", f.counterpartPreservedOn)
            v.put("expiry", f.followUpDue ?? r.due(.followUpMLADue))
        case .acknowledgement, .preservationRequest, .mlaRequest:
            break
        }
    }

    /// Checklist items as `items.requestingAuthority` …; "none-available" in the letter's words.
    private static func items(_ r: LetterRequest) -> [String: String] {
        var items: [String: String] = [:]
        for (id, value) in r.file.items {
            let text = clean(value)
            guard !text.isEmpty else { continue }
            items[camel(id.rawValue)] = text == Casework.noneAvailable ? noneAvailable[r.language]! : text
        }
        return items
    }

    static func camel(_ name: String) -> String {
        let parts = name.split(separator: "-")
        return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
    }

    /// "No information available", for a 42.3(d) or 45.3(d) item so marked.
    static let noneAvailable: [LetterLanguage: String] = [
        .en: "no information available", .fr: "aucune information disponible",
        .es: "no se dispone de información", .ru: "сведения отсутствуют",
        .zh: "无可用信息", .ar: "لا تتوفر معلومات",
    ]

    /// Text from outside, cleaned for a letter: line breaks kept as `\n`, every other control
    /// character, bidi override and BOM dropped (they would hide text in the .docx or the
    /// terminal), blank lines at the ends trimmed.
    static func clean(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            let c = u.value
            if u == "\n" || u == "\t" { out.append(u == "\t" ? " " : u); continue }
            if c < 0x20 || (0x7F...0x9F).contains(c) { continue }
            if (0x202A...0x202E).contains(c) || (0x2066...0x2069).contains(c) || c == 0xFEFF { continue }
            if c == 0x2028 || c == 0x2029 || u == "\r" { out.append("\n"); continue }
            out.append(u)
        }
        return String(out).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
