import Casework
import Foundation

/// The office report laid out as tables, in the order an office reads them (issue 10 §3): what
/// came in and went out, what was decided, how long it took, preservation, consultations,
/// urgent requests. The figures are Casework's; this only arranges them.
public enum ReportTables {
    public static func tables(_ r: OfficeReport, office: String, state: String) -> [ReportTable] {
        [about(r, office: office, state: state), requests(r), byCounterpart(r), byPurpose(r), outcomes(r),
         grounds(r, .incoming), grounds(r, .outgoing), timeToDecision(r), preservations(r),
         consultations(r), urgent(r)]
    }

    static let workflows: [WorkflowID] = [.init(.incoming, .mla), .init(.incoming, .preservation),
                                          .init(.outgoing, .mla), .init(.outgoing, .preservation)]

    static func about(_ r: OfficeReport, office: String, state: String) -> ReportTable {
        ReportTable("report", "Office report", [("office", "OFFICE"), ("state", "STATE"), ("from", "FROM"), ("to", "TO")],
                    [[.text(office), .text(state), .text(r.period.from.description), .text(r.period.to.description)]])
    }

    static func requests(_ r: OfficeReport) -> ReportTable {
        ReportTable("requests", "Requests received (incoming, by date received) and sent (outgoing, by date sent; drafts not counted)",
                    [("direction", "DIRECTION"), ("kind", "KIND"), ("requests", "REQUESTS")],
                    workflows.map { w -> [ReportTable.Cell] in [.text(w.direction.rawValue), .text(w.kind.rawValue), .number(r.requests[w] ?? 0)] })
    }

    static func byCounterpart(_ r: OfficeReport) -> ReportTable {
        let totals = r.byCounterpart.mapValues { $0.values.reduce(0, +) }
        let states = totals.keys.sorted { (totals[$0]!, $1) > (totals[$1]!, $0) }
        return ReportTable("by-counterpart", "Requests per counterpart State",
                           [("counterpart", "STATE"), ("received_mla", "RECEIVED MLA"),
                            ("received_preservation", "RECEIVED PRES"), ("sent_mla", "SENT MLA"),
                            ("sent_preservation", "SENT PRES"), ("total", "TOTAL")],
                           states.map { s -> [ReportTable.Cell] in
                               [.text(s)] + workflows.map { w -> ReportTable.Cell in .number(r.byCounterpart[s]?[w] ?? 0) } + [.number(totals[s]!)]
                           })
    }

    static func byPurpose(_ r: OfficeReport) -> ReportTable {
        ReportTable("by-purpose", "MLA requests per purpose (art. 40.3; a request with several purposes counts under each)",
                    [("purpose", "PURPOSE"), ("article", "ARTICLE"), ("received", "RECEIVED"), ("sent", "SENT")],
                    Purpose.allCases.map { p -> [ReportTable.Cell] in
                        [.text(p.rawValue), .text(p.article), .number(r.byPurpose[p]?[.incoming] ?? 0),
                         .number(r.byPurpose[p]?[.outgoing] ?? 0)]
                    })
    }

    static func outcomes(_ r: OfficeReport) -> ReportTable {
        ReportTable("outcomes", "Decisions by the date decided (incoming: ours; outgoing: the other State's)",
                    [("direction", "DIRECTION"), ("kind", "KIND")] + outcomeColumns,
                    workflows.map { w -> [ReportTable.Cell] in
                        let counts: [ReportTable.Cell] = Outcome.allCases.map { .number(r.outcomes[w]?[$0] ?? 0) }
                        return [.text(w.direction.rawValue), .text(w.kind.rawValue)] + counts
                    })
    }

    static var outcomeColumns: [(String, String)] {
        Outcome.allCases.map { ($0.rawValue.replacingOccurrences(of: "-", with: "_"), $0.rawValue.uppercased()) }
    }
}
