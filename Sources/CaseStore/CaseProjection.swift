import CanonicalEvents
import Casework
import Foundation

/// What the projections of one folded case are — its row of the case list, its deadlines, its
/// links and its words for search — decided from the events, the policy, the holidays and the
/// linked cases alone. No SQL: `Projector` stores these values, and a second backend would
/// store the same ones its own way.
struct CaseProjection: Sendable, Hashable {
    /// `next_due` of a case with no pending deadline: the far future, so it sorts last.
    static let noDeadline = "9999-12-31"

    /// The row of `cases`, in the stored forms (days as `YYYY-MM-DD`, instants as timestamps).
    struct Row: Sendable, Hashable {
        var ref: String
        var direction: String
        var kind: String
        var state: String
        var open: Bool
        var counterpart: String
        var officer: String
        var title: String
        var urgency: String
        var confidential: Bool
        var received: String
        var nextDue: String
        var nextKind: String
        var updated: String
        var events: Int
        var theirRef: String
        /// The day the case started (received, or sent), '' before it has.
        var started: String
        /// Two copies changed the case apart and no supervisor has kept one yet (issue 13).
        var conflict: Bool
        var id: String
    }

    /// A deadline as stored: due-soon and overdue are how an open one looks on a given day,
    /// computed when read (`DeadlineStatus.asOf`), so only the lasting status is kept.
    struct StoredDeadline: Sendable, Hashable {
        var kind: String
        var due: String
        var status: String
        var article: String
        /// The day it was met or cancelled ('' while it is pending or suspended).
        var closed: String
        /// How `due` follows from the policy (`DeadlineBasis.storedText`; "?" when not known, as
        /// for a row stored before v13): what lets a policy change move it without a replay.
        var basis: String
        /// 0: the case's stretches are told from its deadline rows. 1: they are replayed from its
        /// events (`DashboardFigures.needsReplay`), and its stretches by basis are kept
        /// (`deadline_stretches`), from which a policy change tells them. 2: replayed, and a policy
        /// change replays it again.
        var replayed: Int
    }

    /// A `BasisStretch` as stored: '' for the due day of a period's basis (it follows from the
    /// policy) and for a last day while it still stands.
    struct StoredStretch: Sendable, Hashable {
        var kind: String
        var basis: String
        var due: String
        var from: String
        var until: String
    }

    /// The stretches of a case and what a policy change needs to tell them again.
    struct Stretches: Sendable, Hashable {
        var spans: [StoredSpan]
        var byBasis: [StoredStretch]
        var replayed: Int

        /// Told from the deadlines, or for a case that `needsReplay` from its stretches by basis
        /// (one replay gives both), or from a replay keyed by due day when two of its bases of a
        /// kind fall on one day.
        init(_ file: CaseFile, deadlines: [Deadline], context: CaseContext) {
            guard DashboardFigures.needsReplay(file) else {
                spans = CaseProjection.stored(OverdueSpan.told(deadlines))
                byBasis = []
                replayed = 0
                return
            }
            let events = file.events.map(\.event)
            guard let stretches = OverdueSpan.stretches(events, context: context) else {
                spans = CaseProjection.stored(OverdueSpan.replaying(events, context: context))
                byBasis = []
                replayed = 2
                return
            }
            let told = OverdueSpan.spans(from: stretches, policy: context.policy, calendar: context.officeCalendar)
            spans = CaseProjection.stored(told ?? OverdueSpan.replaying(events, context: context))
            byBasis = stretches.map {
                StoredStretch(kind: $0.kind.rawValue, basis: $0.basis.storedText, due: $0.fixedDue?.storedText ?? "",
                              from: $0.from.storedText, until: $0.until?.storedText ?? "")
            }
            replayed = 1
        }
    }

    /// An `OverdueSpan` as stored: '' for a first day since the case began, and for a last day
    /// while it is still pending.
    struct StoredSpan: Sendable, Hashable {
        var kind: String
        var due: String
        var from: String
        var until: String
    }

    struct Link: Sendable, Hashable {
        var other: String
        var relation: String
    }

    /// The case's own words for full-text search; the counterpart's names come from the directory.
    struct SearchText: Sendable, Hashable {
        var ref: String
        var title: String
        var facts: String
        var offence: String
        var notes: String
    }

    var row: Row
    var deadlines: [StoredDeadline]
    var spans: [StoredSpan]
    var stretches: [StoredStretch]
    var links: [Link]
    var text: SearchText

    /// The projection of `file`; `context.linkedCases` must hold its linked cases (deadlines
    /// such as release-due depend on them).
    init(_ file: CaseFile, context: CaseContext) {
        let projected = Deadlines(file, context: context)
        let updated = file.events.map(\.event.recorded).max() ?? Date(timeIntervalSince1970: 0)
        row = Row(ref: file.ref, direction: file.direction.rawValue, kind: file.kind.rawValue,
                  state: file.state.rawValue, open: file.isOpen, counterpart: file.counterpart,
                  officer: file.officer, title: file.titleForLists, urgency: file.urgency.rawValue,
                  confidential: file.confidential, received: file.received.storedText,
                  nextDue: projected.nextDue, nextKind: projected.nextKind,
                  updated: CanonicalJSON.timestamp(updated), events: file.events.count,
                  theirRef: file.theirRef ?? "", started: file.startedOn?.storedText ?? "", conflict: file.conflict != nil,
                  id: file.id.uuidString)
        deadlines = projected.deadlines
        spans = projected.spans
        stretches = projected.stretches
        links = file.links.filter { $0.id != file.id }.map { Link(other: $0.id.uuidString, relation: $0.relation) }
        text = Self.searchText(file)
    }

    /// Only what policy and holidays can change: the deadlines, the next one and the stretches
    /// (the whole projection includes these).
    struct Deadlines: Sendable, Hashable {
        var nextDue: String
        var nextKind: String
        var deadlines: [StoredDeadline]
        var spans: [StoredSpan]
        var stretches: [StoredStretch]

        init(_ file: CaseFile, context: CaseContext) {
            let deadlines = Engine.deadlines(for: file, context: context)
            let next = CaseProjection.nextDeadline(deadlines)
            nextDue = next?.due.storedText ?? CaseProjection.noDeadline
            nextKind = next?.kind.rawValue ?? ""
            let told = Stretches(file, deadlines: deadlines, context: context)
            self.deadlines = CaseProjection.stored(deadlines, replayed: told.replayed)
            spans = told.spans
            stretches = told.byBasis
        }
    }

    static func nextDeadline(_ deadlines: [Deadline]) -> Deadline? {
        deadlines.filter(\.status.isPending).min { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    }

    static func stored(_ deadlines: [Deadline], replayed: Int) -> [StoredDeadline] {
        deadlines.map {
            StoredDeadline(kind: $0.kind.rawValue, due: $0.due.storedText,
                           status: $0.status.isPending ? DeadlineStatus.open.rawValue : $0.status.rawValue,
                           article: $0.article, closed: closedText($0), basis: $0.basis?.storedText ?? unknownBasis,
                           replayed: replayed)
        }
    }

    /// `deadlines.basis` when not known: a row stored before v13, moved by replaying its case.
    static let unknownBasis = "?"

    static func stored(_ spans: [OverdueSpan]) -> [StoredSpan] {
        spans.map {
            StoredSpan(kind: $0.kind.rawValue, due: $0.due.storedText, from: $0.from?.storedText ?? "",
                       until: $0.until?.storedText ?? "")
        }
    }

    /// The day a deadline was met or cancelled ('' while it is pending or suspended).
    static func closedText(_ d: Deadline) -> String {
        guard d.status == .met || d.status == .cancelled else { return "" }
        return d.closedOn?.storedText ?? ""
    }

    /// Reference (theirs too), title, facts, offence, and the notes and reasons recorded on
    /// its events.
    static func searchText(_ file: CaseFile) -> SearchText {
        var notes: [String] = []
        for filed in file.events {
            let p = filed.event.payload
            for text in [p.note, p.reason, p.conditions, p.authority, p.custodian, p.provider] {
                if let text, !text.isEmpty { notes.append(text) }
            }
        }
        return SearchText(ref: [file.ref, file.theirRef ?? ""].joined(separator: " "), title: file.title,
                          facts: file.facts, offence: file.offence, notes: notes.joined(separator: "\n"))
    }
}
