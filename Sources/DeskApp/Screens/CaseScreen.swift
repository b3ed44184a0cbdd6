import CaseStore
import Casework
import Foundation
import TerminalKit

/// One line of the case screen: text in styled pieces, maybe a right-aligned part, maybe a link.
struct CaseLine: Hashable {
    var pieces: [Piece]
    var right: Piece?
    /// The linked case Enter opens.
    var link: UUID?
    /// The event Enter shows in full.
    var event: UUID?
    /// A section heading (drawn as a titled rule; Tab jumps between them).
    var isSection = false
    /// The checklist item Enter shows in full (a value longer than the line).
    var item: ChecklistItemID?

    struct Piece: Hashable {
        var text: String
        var style: Style
    }
    init(_ text: String, _ style: Style = .normal, right: Piece? = nil, link: UUID? = nil) {
        pieces = [Piece(text: text, style: style)]; self.right = right; self.link = link
    }
    init(pieces: [Piece]) { self.pieces = pieces }
    static func section(_ title: String) -> CaseLine {
        var l = CaseLine(title, .header); l.isSection = true; return l
    }
}

/// The case screen: header, facts, deadlines, checklist, timeline, links.
enum CaseScreen {
    static func lines(_ view: CaseView, width: Int) -> [CaseLine] {
        var out = header(view, width: width)
        out += conflictLines(view.file, width: width)
        out += deadlineLines(view)
        out += checklistLines(view)
        let f = view.file
        out += disclosureLines(f)
        // Newest first: what just happened is what the officer looks for.
        out.append(.section("Timeline, newest first"))
        for e in f.events.reversed() {
            out.append(timelineLine(e, file: f))
        }

        out.append(.section("Links"))
        if view.relations.isEmpty {
            let hint = FollowUpMLA.offered(f)
                ? (f.direction == .incoming ? "none — the follow-up MLA arrived? m registers it, prefilled and linked"
                                            : "none — m drafts the follow-up MLA, linked when it is sent")
                : "none"
            out.append(CaseLine("  " + hint, .muted))
        }
        for r in view.relations {
            out.append(CaseLine("  \(r.inbound ? "←" : "→") \(r.ref)   \(r.relation)   ⏎ open", .normal, link: r.id))
        }
        return out
    }

    /// Reference, kind, State and state; title and offence; the case's marks; facts and use
    /// limitations.
    static func header(_ view: CaseView, width: Int) -> [CaseLine] {
        let f = view.file
        var out: [CaseLine] = []
        let country = view.counterpartName.isEmpty ? f.counterpart : view.counterpartName
        let stateStyle: Style = f.isOpen ? Style(.accent, [.bold]) : .muted
        out.append(CaseLine(pieces: [
            .init(text: f.ref, style: Style(.header, [.bold])),
            .init(text: " · \(f.kind == .mla ? "MLA" : "preservation") · \(f.direction.rawValue) · \(country)", style: .normal),
        ]))
        out[0].right = .init(text: "● \(f.state.rawValue)", style: stateStyle)
        var second = f.title.isEmpty ? "(no title)" : f.title
        if !f.offence.isEmpty { second += " — \(f.offence)" }
        if f.offenceClass == .conventionOffence { second += " (Convention offence)" }
        // After a retention purge (art. 36) the title and facts are gone: say so, with the date.
        if let purged = f.purgedOn { second = "purged \(purged): personal data blanked after the retention period (art. 36)" }
        out.append(CaseLine(second))
        if f.kind == .mla, let asks = purposesText(f.purposes) {
            out.append(CaseLine(pieces: [.init(text: "asks for ", style: .muted), .init(text: asks, style: .normal)]))
        }
        var marks: [CaseLine.Piece] = []
        if let conflict = f.conflict {
            marks.append(.init(text: "CONFLICT \(conflict.copies.joined(separator: "/"))", style: Style(.error, [.bold])))
        }
        if f.confidential { marks.append(.init(text: "confidential", style: Style(.error, [.bold]))) }
        if f.noUserNotice { marks.append(.init(text: "do not notify the user", style: Style(.error, []))) }
        if f.urgency != .normal { marks.append(.init(text: f.urgency.rawValue, style: .overdue)) }
        if f.dataVulnerable { marks.append(.init(text: "data vulnerable", style: .dueSoon)) }
        if f.receivedOrally { marks.append(.init(text: "received orally", style: .normal)) }
        marks.append(.init(text: "via \(f.channel.rawValue)", style: .normal))
        marks.append(.init(text: "basis \(f.basis)", style: .normal))
        if let theirs = f.theirRef { marks.append(.init(text: "their ref \(theirs)", style: .normal)) }
        marks.append(.init(text: "officer \(f.officer.isEmpty ? "—" : f.officer)", style: .normal))
        var third: [CaseLine.Piece] = []
        for (i, m) in marks.enumerated() {
            if i > 0 { third.append(.init(text: " · ", style: .muted)) }
            third.append(m)
        }
        out.append(CaseLine(pieces: third))
        if !f.facts.isEmpty {
            for l in TextFit.wrap(Sanitize.terminalSafe(f.facts), width: max(10, width - 3)) { out.append(CaseLine("  " + l, .muted)) }
        }
        if !f.useLimitations.isEmpty { out.append(CaseLine("  use limitations: " + f.useLimitations.joined(separator: "; "), .dueSoon)) }
        return out
    }

    /// "stored data (art. 44) · real-time traffic data (art. 45)": what an MLA asks for (40.3).
    static func purposesText(_ purposes: [Purpose]) -> String? {
        guard !purposes.isEmpty else { return nil }
        return purposes.map { "\(Phrases.purposeName($0)) (art. \($0.article))" }.joined(separator: " · ")
    }

    /// Pending first, soonest first; then the ones met, suspended or cancelled.
    static func deadlineLines(_ view: CaseView) -> [CaseLine] {
        var out: [CaseLine] = []
        out.append(.section("Deadlines"))
        // Pending first, soonest first; then the ones met, suspended or cancelled.
        let pending = view.deadlines.filter { $0.status.isPending }.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
        let closed = view.deadlines.filter { !$0.status.isPending }.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
        if view.deadlines.isEmpty { out.append(CaseLine("  none", .muted)) }
        for d in pending + closed {
            let left: String
            switch d.status {
            case .met: left = "met \(d.closedOn?.description ?? "")"
            case .cancelled: left = "cancelled"
            case .suspended: left = "suspended"
            default: left = Phrases.when(d.days)
            }
            let text = "  " + TextFit.pad(d.kind.rawValue, width: 22) + d.due.description + "   " + TextFit.pad(left, width: 16)
            out.append(CaseLine(text, Phrases.style(d.status) ?? .normal,
                                right: .init(text: d.article.isEmpty ? "" : "art. \(d.article)", style: .muted)))
        }
        return out
    }

    /// The checklist of the case's article, each item present, missing or optional.
    static func checklistLines(_ view: CaseView) -> [CaseLine] {
        var out: [CaseLine] = []
        let f = view.file
        let articleOfList = view.checklist.first.map { String($0.article.prefix { $0 != "(" }) } ?? ""
        // Under a treaty only the 40.15 items are advisory (40.7); 42.3 and 45.3 still bind.
        let advisory = f.basis.isTreaty && view.checklist.contains { $0.article.hasPrefix("40.15") }
        out.append(.section("Checklist, art. \(articleOfList)" + (advisory ? " (40.15 advisory under a treaty)" : "")))
        for item in view.checklist {
            let mark: String, style: Style
            // A retention purge (art. 36) blanked the items: they were not missing, they are gone.
            if f.purgedOn != nil && !item.present { mark = "–"; style = .muted }
            else if item.present { mark = "✓"; style = .normal }
            else if item.required { mark = "✗"; style = .error }
            else { mark = "·"; style = .muted }
            var text = "  \(mark) \(item.article) \(item.label)"
            if let purged = f.purgedOn, !item.present { text += ": purged \(purged) (art. 36)" }
            else if let v = item.value, item.present, !v.isEmpty { text += ": " + Sanitize.terminalSafe(v) }
            else if item.item == .confidentiality, item.present { text += ": " + confidentialityMarks(f) }
            else if !item.required { text += " (optional)" }
            var line = CaseLine(text, style)
            if item.present { line.item = item.item }
            out.append(line)
        }
        return out
    }

    /// Two copies changed the case apart (issue 13): each copy's events side by side, what the
    /// engine could not apply marked, and how a supervisor settles it; the fields both edited.
    static func conflictLines(_ f: CaseFile, width: Int) -> [CaseLine] {
        var out: [CaseLine] = []
        if let conflict = f.conflict {
            out.append(.section("Conflict: \(conflict.copies.joined(separator: " and ")) changed this case apart"))
            let columns = max(1, conflict.branches.count)
            let column = max(12, (width - 4) / columns - 2)
            let byID = Dictionary(f.events.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            out.append(CaseLine("  " + conflict.branches.map { TextFit.pad("on \($0.copy)", width: column) }.joined(separator: "  "), .header))
            let depth = conflict.branches.map(\.events.count).max() ?? 0
            for row in 0..<depth {
                let cells = conflict.branches.map { branch -> String in
                    guard row < branch.events.count, let e = byID[branch.events[row]] else { return TextFit.pad("", width: column) }
                    let mark = e.notApplied ? " (not applied)" : ""
                    return TextFit.pad(TextFit.truncate("\(e.event.effective) \(e.type)\(mark)", width: column), width: column)
                }
                out.append(CaseLine("  " + cells.joined(separator: "  ")))
            }
            out.append(CaseLine("  The case follows the events the engine accepts in date order; deadlines keep running.", .muted))
            out.append(CaseLine("  A supervisor keeps one copy's events: a → resolve-conflict (the other copy's are voided).", .muted))
        }
        if !f.editedOnTwoCopies.isEmpty {
            if f.conflict == nil { out.append(.section("Changed on two copies")) }
            out.append(CaseLine("  edited on two copies: \(f.editedOnTwoCopies.joined(separator: ", ")) — the later edit shows", .dueSoon))
        }
        return out
    }

    /// The art. 43.1 disclosures made on a preservation: to which State, which provider, what.
    static func disclosureLines(_ f: CaseFile) -> [CaseLine] {
        guard !f.disclosures.isEmpty else { return [] }
        var out: [CaseLine] = [.section("Disclosures, art. 43.1")]
        for d in f.disclosures {
            out.append(CaseLine(Sanitize.terminalSafe("  \(d.on)  \(d.state)  \(d.provider) · \(d.disclosed)")))
        }
        return out
    }

    static func timelineLine(_ e: FiledEvent, file: CaseFile) -> CaseLine {
        let details = eventDetails(e, file: file)
        let type = e.voided ? "\(e.type) (voided)" : e.notApplied ? "\(e.type) (not applied)" : e.type.rawValue
        let copy = e.copy.map { " [\($0)]" } ?? ""
        let text = "  \(e.event.effective)  \(TextFit.pad(type, width: 18))  \(TextFit.pad(e.event.actor, width: 10))\(copy)  "
            + details.joined(separator: " · ")
        var line = CaseLine(text, e.voided || e.notApplied ? Style(.muted, [.dim]) : .normal)
        line.event = e.id
        return line
    }

    /// An event in full, for the detail dialog.
    static func eventDetail(_ e: FiledEvent, file: CaseFile) -> Detail {
        var lines = ["\(e.type)\(e.voided ? " — voided" : "") · effective \(e.event.effective) · by \(e.event.actor)",
                     "recorded \(e.event.recorded)"]
        if let from = e.fromState, let to = e.toState, from != to { lines.append("state \(from.rawValue) → \(to.rawValue)") }
        lines.append("")
        lines += eventDetails(e, file: file)
        return Detail(title: "\(file.ref) · \(e.type)", lines: lines)
    }

    /// A checklist item in full, for the detail dialog (a value longer than its line).
    static func itemDetail(_ entry: ChecklistEntry, file: CaseFile) -> Detail {
        var lines = ["\(entry.article) \(entry.label)", ""]
        lines += (entry.value ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if entry.item == .confidentiality {
            lines.append(contentsOf: ["", "marked on the case: " + confidentialityMarks(file)])
        }
        return Detail(title: "\(file.ref) · checklist \(entry.article)", lines: lines)
    }

    /// The case's own marks that answer 42.3(g).
    static func confidentialityMarks(_ f: CaseFile) -> String {
        let marks = (f.confidential ? ["confidential (art. 40.20)"] : []) + (f.noUserNotice ? ["do not notify the user"] : [])
        return marks.isEmpty ? "none" : marks.joined(separator: ", ")
    }

    static func eventDetails(_ e: FiledEvent, file: CaseFile) -> [String] {
        let p = e.event.payload
        var details: [String] = []
        if let g = p.grounds, !g.isEmpty {
            details.append("grounds " + g.map { RefusalGround.named($0)?.display ?? $0 }.joined(separator: ", "))
        }
        if let v = p.proposal { details.append("proposal \(v.rawValue)") }
        if let v = p.custodian { details.append("custodian \(v)") }
        if let v = p.days { details.append("\(v) days") }
        if let v = p.until { details.append("until \(v)") }
        if let v = p.link { details.append("link \(v.ref)") }
        if let v = p.authority { details.append("authority \(v)") }
        if let v = p.provider { details.append("provider \(v)") }
        if let v = p.to { details.append("to \(v)") }
        if let v = p.conditions { details.append("conditions: \(v)") }
        if let v = p.reason { details.append("reasons: \(v)") }
        if let v = p.note { details.append(v) }
        if let v = p.reliedOn { details.append("relied on: \(v)") }
        details += Engine.groundFlags(e.event, file: file).map { "⚠ \($0)" }
        if let v = p.voidedEvent, let target = file.events.first(where: { $0.id == v }) {
            details.append("voids \(target.event.effective) \(target.type)")
        }
        if let branches = p.branches {
            details.append(branches.map { "\($0.copy): \($0.events.count) events" }.joined(separator: ", "))
        }
        if let kept = p.kept { details.append("kept \(kept); \(p.voidedEvents?.count ?? 0) events voided") }
        if e.type == .registered, let r = p.registration {
            details.append("\(r.direction.rawValue) \(r.kind.rawValue) from \(r.counterpart), by \(r.channel.rawValue)")
        }
        if let edits = p.edits, !edits.isEmpty {
            if let t = edits.title { details.append("title: \(t)") }
            if let t = edits.facts { details.append("facts: \(t)") }
            if let t = edits.offence { details.append("offence: \(t)") }
            if let o = edits.officer { details.append("officer: \(o)") }
            for (k, v) in (edits.items ?? [:]).sorted(by: { $0.key.rawValue < $1.key.rawValue }) { details.append("\(k.rawValue): \(v)") }
        }
        return details
    }

    /// The lines shown at once: when the case does not fit, the last row of the area is kept for
    /// the cue saying what is above and below, and the window follows the cursor.
    static func window(cursor: Int, lineCount: Int, height: Int) -> (start: Int, rows: Int, cue: Bool) {
        guard lineCount > height, height > 1 else { return (0, height, false) }
        let rows = height - 1
        return (max(0, min(cursor - rows + 1, lineCount - rows)), rows, true)
    }

    /// Rows of the case a page moves by (the cue row is not one).
    static func pageSize(_ view: CaseView, size: Size) -> Int {
        let area = DeskLayout.body(size)
        return window(cursor: view.cursor, lineCount: lines(view, width: area.width).count, height: area.height).rows
    }

    /// "↑ 6 above · ↓ below: more of Checklist, Timeline (7), Links (1) · Tab next section"
    static func cue(_ all: [CaseLine], start: Int, rows: Int) -> String {
        var parts: [String] = []
        if start > 0 { parts.append("↑ \(start) above") }
        let end = start + rows
        if end < all.count {
            var below: [String] = []
            // The section cut by the bottom edge, then each section wholly below, with its size.
            if !all[end].isSection, let cut = all[..<end].lastIndex(where: \.isSection) {
                below.append("more of \(sectionName(all[cut]))")
            }
            let headings = all.indices.filter { $0 >= end && all[$0].isSection }
            for (k, h) in headings.enumerated() {
                let next = k + 1 < headings.count ? headings[k + 1] : all.count
                below.append("\(sectionName(all[h])) (\(next - h - 1))")
            }
            parts.append("↓ below: " + below.joined(separator: ", "))
        }
        return parts.joined(separator: " · ")
    }

    /// "Timeline" from "Timeline, newest first"; "Checklist" from "Checklist, art. 42.3".
    static func sectionName(_ line: CaseLine) -> String {
        String((line.pieces.first?.text ?? "").prefix { $0 != "," })
    }

    static func render(_ view: CaseView, into buffer: inout Buffer, area: Rect, sectionKey: String = "Tab") {
        let all = lines(view, width: area.width)
        let (start, rows, showCue) = window(cursor: view.cursor, lineCount: all.count, height: area.height)
        for (k, line) in all.dropFirst(start).prefix(rows).enumerated() {
            let row = area.row(k)
            let index = start + k
            let selected = index == view.cursor
            if line.isSection {
                Rule(line.pieces.first?.text ?? "").render(into: &buffer, area: row)
                if selected { buffer.write("▶", x: row.x, y: row.y, style: .selected) }
                continue
            }
            if selected { buffer.clear(row, style: .selected) }
            var x = row.x + 1
            if selected { buffer.write("▶", x: row.x, y: row.y, style: .selected) }
            let rightWidth = line.right.map { displayWidth($0.text) + 1 } ?? 0
            for piece in line.pieces {
                let room = row.right - rightWidth - x
                guard room > 0 else { break }
                x += buffer.write(TextFit.truncate(Sanitize.terminalSafe(piece.text), width: room), x: x, y: row.y,
                                  style: selected ? .selected : piece.style, maxWidth: room)
            }
            if let r = line.right, rightWidth > 0 {
                buffer.write(r.text, x: row.right - rightWidth, y: row.y, style: selected ? .selected : r.style)
            }
        }
        if showCue {
            let row = area.row(area.height - 1)
            buffer.clear(row)
            let text = cue(all, start: start, rows: rows) + " · \(sectionKey) next section"
            buffer.write(TextFit.truncate(text, width: row.width - 1), in: row, column: 1, style: Style(.accent, [.bold]))
        }
    }
}
