import Casework
import CaseStore
import Foundation
import TerminalKit

/// Text output for people. Every value from the database passes through the sanitiser, so no
/// control character or escape sequence stored in a case ever reaches the terminal.
enum TextTables {
    static func safe(_ s: String) -> String { Sanitize.terminalSafe(s) }

    /// Pads or truncates to a display width (wide characters count twice).
    static func cell(_ s: String, _ width: Int) -> String {
        TextFit.pad(TextFit.truncate(safe(s), width: width), width: width)
    }

    /// Columns two spaces apart, each as wide as its widest cell (at most 48: longer cells end
    /// in "…"); the last column as it is. Each cell is made safe and measured once, and each line
    /// written into one string (a 3,000-row `deadlines` spent more in here than in the query).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let cells = ([header] + rows).map { row in
            row.map { v -> (text: String, width: Int) in
                let text = safe(v)
                return (text, displayWidth(text))
            }
        }
        var widths = Array(repeating: 0, count: header.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.width) } }
        widths = widths.map { min($0, 48) }
        var out = ""
        out.reserveCapacity(cells.count * (widths.reduce(0, +) + 2 * widths.count + 16))
        for (n, row) in cells.enumerated() {
            var line = ""
            for (i, cell) in row.enumerated() {
                if i > 0 { line += "  " }
                if i == row.count - 1 {
                    line += cell.text
                } else if cell.width > widths[i] {
                    let cut = TextFit.truncate(cell.text, width: widths[i])
                    line += cut
                    line += String(repeating: " ", count: max(0, widths[i] - displayWidth(cut)))
                } else {
                    line += cell.text
                    line += String(repeating: " ", count: widths[i] - cell.width)
                }
            }
            if n > 0 { out += "\n" }
            out += trimmingSpaces(line)
        }
        return out
    }

    /// `trimmingCharacters(in: .whitespaces)` (tab and Unicode Zs) without Foundation, which
    /// cost a fifth of a long table (issue 14).
    static func trimmingSpaces(_ line: String) -> String {
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            u == " " || u == "\t" || (u.value >= 0x80 && u.properties.generalCategory == .spaceSeparator)
        }
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return line }
        return String(scalars[first...last])
    }

    /// "expiry in 10 d", "reply overdue 3 d", "due today".
    static func describe(_ d: DeadlineSummary) -> String { "\(d.kind.rawValue) \(when(days: d.days))" }

    /// "in 10 d", "due today", "overdue 3 d".
    static func when(days: Int) -> String {
        days < 0 ? "overdue \(-days) d" : days == 0 ? "due today" : "in \(days) d"
    }

    static func caseList(_ cases: [CaseSummary], more: Bool) -> String {
        guard !cases.isEmpty else { return "No cases." }
        let rows = cases.map { c in
            [c.ref, c.conflict ? "\(c.state.rawValue) CONFLICT" : c.state.rawValue, c.counterpart,
             c.nextDeadline.map(describe) ?? "—", c.officer, c.title]
        }
        var text = table(["REF", "STATE", "CTRY", "NEXT DEADLINE", "OFFICER", "TITLE"], rows)
        if more { text += "\n… more cases: narrow the filter or raise --limit" }
        return text
    }

    static func caseDetail(_ view: CaseAsOfToday) -> String {
        let f = view.file
        var out: [String] = []
        out.append("\(f.ref) · \(f.kind.rawValue) · \(f.direction.rawValue) · \(safe(f.counterpart)) · \(f.state.rawValue)")
        if !f.title.isEmpty { out.append(safe(f.title)) }
        if let theirs = f.theirRef { out.append("Their reference: \(safe(theirs))") }
        if let purged = f.purgedOn {
            let closed = Retention.closedOn(f).map { ", closed \($0)" } ?? ""
            out.append("purged \(purged): personal data blanked after the retention period (art. 36); received \(f.received)\(closed)")
        }
        if let conflict = f.conflict {
            out.append("CONFLICT: \(conflict.copies.map(safe).joined(separator: " and ")) changed this case apart; computed from the events the engine accepts in merged order until a supervisor keeps one (cadesk case resolve \(f.ref) --keep \(conflict.copies.map(safe).joined(separator: "|")) --reason …)")
        }
        if !f.editedOnTwoCopies.isEmpty {
            out.append("Edited on two copies: \(f.editedOnTwoCopies.joined(separator: ", ")) (the later edit shows)")
        }
        var markers: [String] = []
        if f.urgency != .normal { markers.append(f.urgency.rawValue) }
        if f.confidential { markers.append("confidential") }
        if f.noUserNotice { markers.append("do not notify the user") }
        if f.receivedOrally { markers.append("received orally") }
        markers.append("via \(f.channel.rawValue)")
        markers.append("basis \(safe(f.basis.description))")
        markers.append("officer \(safe(f.officer))")
        out.append(markers.joined(separator: " · "))
        if !f.offence.isEmpty { out.append("Offence: \(safe(f.offence)) (\(f.offenceClass.rawValue))") }
        if !f.facts.isEmpty { out.append("Facts: \(safe(f.facts))") }
        if !f.purposes.isEmpty { out.append("Purposes: " + f.purposes.map { "\($0.rawValue) (\($0.article))" }.joined(separator: ", ")) }

        out.append("")
        out.append("Deadlines")
        if view.deadlines.isEmpty { out.append("  none") }
        for d in view.deadlines {
            let when = d.status.isPending ? when(days: d.days) : d.status.rawValue
            out.append("  " + [cell(d.kind.rawValue, 22), d.due.description, cell(when, 16), d.article.isEmpty ? "" : "art. \(d.article)"].joined(separator: "  "))
        }
        out.append("")
        out.append("Checklist")
        for item in view.checklist {
            let mark = item.present ? "✓" : (item.required ? "✗" : "·")
            let req = item.required ? "" : " (optional)"
            out.append("  \(mark) \(cell(item.item.rawValue, 20)) art. \(item.article)\(req)" + (item.value.map { "  \(safe($0))" } ?? ""))
        }
        out.append("")
        out.append("Timeline")
        for e in f.events {
            var line = "  \(e.event.effective)  \(cell(e.event.type.rawValue, 24)) \(cell(e.event.actor, 12))"
            line += timelineDetails(e, of: f).joined(separator: "; ")
            while line.hasSuffix(" ") { line.removeLast() }
            out.append(line)
        }
        if !f.disclosures.isEmpty {
            out.append("")
            out.append("Disclosures (art. 43.1)")
            for d in f.disclosures { out.append("  \(d.on)  \(safe(d.state))  \(safe(d.provider))  \(safe(d.disclosed))") }
        }
        out.append("")
        out.append("Links")
        if view.relations.isEmpty { out.append("  none") }
        for r in view.relations { out.append("  \(r.ref)  \(r.relation)") }
        return out.joined(separator: "\n")
    }

    /// What a timeline entry says besides its date, type and actor: grounds, reasons, notes,
    /// figures and links, then its marks (voided, not applied, the copy it came from).
    static func timelineDetails(_ e: FiledEvent, of f: CaseFile) -> [String] {
    let p = e.event.payload
    var details: [String] = []
    if let g = p.grounds, !g.isEmpty { details.append("grounds " + g.map { RefusalGround.named($0)?.display ?? $0 }.joined(separator: ", ")) }
    if let r = p.reason { details.append(safe(r)) }
    if let n = p.note { details.append(safe(n)) }
    if let c = p.custodian { details.append("custodian \(safe(c))") }
    if let d = p.days { details.append("\(d) days") }
    if let l = p.link { details.append("→ \(l.ref)") }
    if let v = p.reliedOn { details.append("relied on: \(safe(v))") }
    if let v = p.provider, let to = p.to { details.append("provider \(safe(v)) in \(safe(to))") }
    details += Engine.groundFlags(e.event, file: f).map { "FLAG \(safe($0))" }
    if let letter = p.letter { details.append("\(letter.rawValue) letter" + (p.language.map { " (\(safe($0)))" } ?? "")) }
    if let branches = p.branches {
        details.append(branches.map { "\(safe($0.copy)) \($0.events.count) events" }.joined(separator: ", "))
    }
    if let kept = p.kept { details.append("kept \(safe(kept)); voided \(p.voidedEvents?.count ?? 0) events") }
    if e.voided { details.append("[voided]") }
    if e.notApplied { details.append("[not applied]") }
    if let copy = e.copy { details.append("[\(safe(copy))]") }
        return details
    }

    static func actions(_ view: CaseAsOfToday) -> String {
        guard !view.allowed.isEmpty else {
            return "No action is allowed now on \(view.file.ref) (\(view.file.state.rawValue))."
                + view.heldBack.map { "\n  " + safe($0.description) }.joined()
        }
        let rows = view.allowed.map { spec -> [String] in
            let to = (spec.target(from: view.file.state) ?? spec.to).description
            let req = spec.required.map { "--\($0.rawValue)" }.joined(separator: " ")
            let opt = spec.optional.map { "[--\($0.rawValue)]" }.joined(separator: " ")
            return [spec.name.rawValue, to, spec.article.isEmpty ? "" : "art. \(spec.article)", [req, opt].filter { !$0.isEmpty }.joined(separator: " ")]
        }
        var text = table(["ACTION", "TO", "ARTICLE", "INPUTS"], rows)
        if !view.heldBack.isEmpty {
            text += "\n\nNot now:\n" + view.heldBack.map { "  " + safe($0.description) }.joined(separator: "\n")
        }
        return text
    }
}
