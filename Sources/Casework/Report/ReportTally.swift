import Foundation

/// Counts an office report case by case, so a store can stream any number of cases through it.
/// Every figure is decided here (issue 10 §3): volumes by the date received or sent (drafts not
/// counted); outcomes by the date decided; voided events do not count (only applied events are
/// read); ages in calendar days; medians and p90 by the nearest rank (`DaySpread`).
public struct ReportTally: Sendable {
    public private(set) var report: OfficeReport
    let context: CaseContext
    private var executionDays: [WorkflowID: [Int]] = [:]
    private var refusalDays: [WorkflowID: [Int]] = [:]

    /// `context` gives the policy and holidays the preservation target is computed with.
    public init(period: ReportPeriod, context: CaseContext) {
        report = OfficeReport(period: period)
        self.context = context
    }

    public mutating func add(_ file: CaseFile) {
        countRequest(file)
        countDecisions(file)
        countPreservation(file)
        countConsultations(file)
        countUrgent(file)
    }

    /// The report once every case was added.
    public var finished: OfficeReport {
        var r = report
        r.timeToExecution = executionDays.mapValues(DaySpread.init)
        r.timeToRefusal = refusalDays.mapValues(DaySpread.init)
        return r
    }

    private mutating func countRequest(_ file: CaseFile) {
        guard let start = file.startedOn, report.period.contains(start) else { return }
        let w = file.workflow
        report.requests[w, default: 0] += 1
        report.byCounterpart[file.counterpart, default: [:]][w, default: 0] += 1
        guard file.kind == .mla else { return }
        for purpose in Set(file.purposes) { report.byPurpose[purpose, default: [:]][file.direction, default: 0] += 1 }
    }

    private mutating func countDecisions(_ file: CaseFile) {
        let w = file.workflow
        for d in file.decisions where report.period.contains(d.on) {
            report.outcomes[w, default: [:]][d.outcome, default: 0] += 1
            if d.outcome == .refused || d.outcome == .partiallyRefused {
                for ground in Set(d.grounds) {
                    report.grounds[file.direction, default: [:]][ground, default: [:]][GroundTally(file.kind, d.outcome), default: 0] += 1
                }
            }
            guard let start = file.startedOn else { continue }
            if d.outcome == .executed { executionDays[w, default: []].append(start.days(until: d.on)) }
            if d.outcome == .refused { refusalDays[w, default: []].append(start.days(until: d.on)) }
        }
    }

    private mutating func countPreservation(_ file: CaseFile) {
        guard file.kind == .preservation else { return }
        let period = report.period
        func count(_ action: Action) -> Int { file.appliedEvents([action], in: period).count }
        if file.direction == .incoming {
            let preserved = file.appliedEvents([.preserve], in: period)
            report.preservation.preserved += preserved.count
            if let target = preservationTarget(of: file) {
                report.preservation.preservedWithinTarget += preserved.filter { $0.event.effective <= target }.count
            }
            report.preservation.extended += count(.extend)
            report.preservation.released += count(.release)
        } else {
            report.preservation.confirmedPreserved += count(.confirmPreserved)
            report.preservation.extensionsRequested += count(.requestExtension)
            report.preservation.extensionsGranted += count(.extensionGranted)
            report.preservation.extensionsRefused += count(.extensionRefused)
            report.preservation.followUpSent += count(.sendMLA)
            report.preservation.lapsed += count(.lapse)
        }
    }

    /// The case's `preservation-target` as the engine computes its deadlines (42.4).
    private func preservationTarget(of file: CaseFile) -> CivilDate? {
        var c = context
        c.today = report.period.to
        return Engine.deadlines(for: file, context: c).first { $0.kind == .preservationTarget }?.due
    }

    private mutating func countConsultations(_ file: CaseFile) {
        let w = file.workflow
        for e in file.appliedEvents([.consult, .notifyRisk, .riskNotified, .conditionsProposed], in: report.period) {
            let subject: ConsultationSubject
            switch e.action {
            case .consult?:
                switch e.event.payload.proposal ?? .refuse {
                case .refuse: subject = .refuse
                case .partialRefuse: subject = .partialRefuse
                case .postpone: subject = .postpone
                }
            case .conditionsProposed?: subject = .conditions
            default: subject = .riskNotification
            }
            report.consultations[w, default: [:]][subject, default: 0] += 1
        }
    }

    private mutating func countUrgent(_ file: CaseFile) {
        guard file.urgency.isUrgent, let start = file.startedOn, report.period.contains(start) else { return }
        let key = UrgentKey(file.direction, file.urgency)
        var figures = report.urgent[key] ?? UrgentFigures()
        figures.requests += 1
        if let first = file.decisions.first(where: { $0.on <= report.period.to }) {
            figures.handlingDays.append(start.days(until: first.on))
        } else {
            figures.undecided += 1
        }
        report.urgent[key] = figures
    }
}
