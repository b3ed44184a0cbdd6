import Casework
import Foundation

extension ReportTables {
    /// Our refusals (incoming) or the other States' (outgoing): one row per ground; a refusal on
    /// two grounds counts under each. Every ground the Convention knows is listed, then those
    /// that are never a ground (40.23, 40.24) as another State may have cited them, then any other.
    static func grounds(_ r: OfficeReport, _ direction: Direction) -> ReportTable {
        let cited = r.grounds[direction] ?? [:]
        var codes = RefusalGround.all.map(\.code)
        if direction == .outgoing { codes += RefusalGround.never.map(\.code) }
        codes += cited.keys.filter { !codes.contains($0) }.sorted()
        let ours = direction == .incoming
        return ReportTable(ours ? "refusals-ours" : "refusals-theirs",
                           ours ? "Our refusals by ground (requests we received)" : "The other States' refusals by ground (requests we sent)",
                           [("ground", "GROUND"), ("article", "ARTICLE"), ("mla_refused", "MLA REFUSED"),
                            ("mla_partially_refused", "MLA PARTLY REFUSED"), ("preservation_refused", "PRES REFUSED")],
                           codes.map { code -> [ReportTable.Cell] in
                               let counts = cited[code] ?? [:]
                               return [.text(code), .text(article(of: code)),
                                       .number(counts[GroundTally(.mla, .refused)] ?? 0),
                                       .number(counts[GroundTally(.mla, .partiallyRefused)] ?? 0),
                                       .number(counts[GroundTally(.preservation, .refused)] ?? 0)]
                           })
    }

    static func article(of code: String) -> String {
        RefusalGround.named(code)?.article ?? RefusalGround.never.first { $0.code == code }?.article ?? ""
    }

    static func timeToDecision(_ r: OfficeReport) -> ReportTable {
        let rows: [[ReportTable.Cell]] = workflows.flatMap { w in
            [("execution", r.timeToExecution[w]), ("refusal", r.timeToRefusal[w])].map { what, spread -> [ReportTable.Cell] in
                [.text(w.direction.rawValue), .text(w.kind.rawValue), .text(what), .number(spread?.count ?? 0),
                 .init(spread?.median), .init(spread?.p90)]
            }
        }
        return ReportTable("time-to-decision", "Calendar days from received (incoming) or sent (outgoing) to execution and to refusal, for decisions in the period; median and p90 by nearest rank",
                           [("direction", "DIRECTION"), ("kind", "KIND"), ("decision", "DECISION"),
                            ("decisions", "DECISIONS"), ("median_days", "MEDIAN"), ("p90_days", "P90")], rows)
    }

    static func preservations(_ r: OfficeReport) -> ReportTable {
        let p = r.preservation
        let rows: [(Direction, String, Int)] = [
            (.incoming, "preserved", p.preserved), (.incoming, "preserved-within-target", p.preservedWithinTarget),
            (.incoming, "preserved-after-target", p.preservedLate), (.incoming, "extended", p.extended),
            (.incoming, "released", p.released),
            (.outgoing, "preserved", p.confirmedPreserved), (.outgoing, "extension-requested", p.extensionsRequested),
            (.outgoing, "extension-granted", p.extensionsGranted), (.outgoing, "extension-refused", p.extensionsRefused),
            (.outgoing, "follow-up-mla-sent", p.followUpSent), (.outgoing, "lapsed", p.lapsed),
        ]
        return ReportTable("preservations", "Preservation (art. 42): effected within the case's preservation target (42.4), extensions (42.9), lapses and releases (42.8)",
                           [("direction", "DIRECTION"), ("figure", "FIGURE"), ("count", "COUNT")],
                           rows.map { row -> [ReportTable.Cell] in [.text(row.0.rawValue), .text(row.1), .number(row.2)] })
    }

    static func consultations(_ r: OfficeReport) -> ReportTable {
        let rows: [(WorkflowID, ConsultationSubject)] = [
            (workflows[0], .refuse), (workflows[0], .partialRefuse), (workflows[0], .postpone),
            (workflows[1], .refuse), (workflows[1], .riskNotification),
            (workflows[2], .conditions), (workflows[3], .riskNotification),
        ]
        return ReportTable("consultations", "Consultations held (40.28: before refusing or postponing, or conditions proposed; 42.7: risk notified)",
                           [("direction", "DIRECTION"), ("kind", "KIND"), ("subject", "SUBJECT"), ("count", "COUNT")],
                           rows.map { w, s -> [ReportTable.Cell] in [.text(w.direction.rawValue), .text(w.kind.rawValue), .text(s.rawValue),
                                               .number(r.consultations[w]?[s] ?? 0)] })
    }

    static func urgent(_ r: OfficeReport) -> ReportTable {
        let keys = [UrgentKey(.incoming, .urgent), UrgentKey(.incoming, .emergency),
                    UrgentKey(.outgoing, .urgent), UrgentKey(.outgoing, .emergency)]
        return ReportTable("urgent", "Urgent and emergency requests received or sent in the period; handling time: calendar days to the first decision, up to the period's end",
                           [("direction", "DIRECTION"), ("urgency", "URGENCY"), ("requests", "REQUESTS"),
                            ("decided", "DECIDED"), ("undecided", "UNDECIDED"), ("median_days", "MEDIAN"), ("p90_days", "P90")],
                           keys.map { k -> [ReportTable.Cell] in
                               let f = r.urgent[k] ?? UrgentFigures()
                               let spread = f.handling
                               return [.text(k.direction.rawValue), .text(k.urgency.rawValue), .number(f.requests),
                                       .number(spread.count), .number(f.undecided), .init(spread.median), .init(spread.p90)]
                           })
    }
}
