import Foundation

/// The office's statistics over a period: what it reports to its ministry and, through it, to
/// the Conference of the States Parties (art. 57.6). Computed by `ReportTally` from the cases'
/// events; every figure is defined there so that a hand count can check it.
public struct OfficeReport: Sendable, Hashable {
    public var period: ReportPeriod
    /// Requests received (incoming, by date received) and sent (outgoing, by date sent), per
    /// workflow. Drafts never sent are not requests yet.
    public var requests: [WorkflowID: Int] = [:]
    /// The same requests per counterpart State (ISO 3166-1 alpha-3).
    public var byCounterpart: [String: [WorkflowID: Int]] = [:]
    /// MLA requests per purpose of 40.3: a request with two purposes counts under each.
    public var byPurpose: [Purpose: [Direction: Int]] = [:]
    /// Decisions dated in the period, per workflow and outcome.
    public var outcomes: [WorkflowID: [Outcome: Int]] = [:]
    /// Grounds cited, per direction (incoming: ours; outgoing: the other States'), ground code,
    /// kind and outcome (refused or partially refused). A refusal on two grounds counts under each.
    public var grounds: [Direction: [String: [GroundTally: Int]]] = [:]
    /// Days from received / sent to execution and to refusal, for decisions in the period.
    public var timeToExecution: [WorkflowID: DaySpread] = [:]
    public var timeToRefusal: [WorkflowID: DaySpread] = [:]
    public var preservation = PreservationFigures()
    /// Consultations held in the period (40.28 and 42.7), per workflow and subject.
    public var consultations: [WorkflowID: [ConsultationSubject: Int]] = [:]
    /// Urgent and emergency requests received or sent in the period.
    public var urgent: [UrgentKey: UrgentFigures] = [:]

    public init(period: ReportPeriod) { self.period = period }
}

/// Where a ground was cited: a refusal or a partial refusal, of an MLA or a preservation request.
public struct GroundTally: Sendable, Hashable {
    public let kind: RequestKind
    public let outcome: Outcome
    public init(_ kind: RequestKind, _ outcome: Outcome) { self.kind = kind; self.outcome = outcome }
}

/// Preservation in the period (42, 43): effected within the office's target (42.4, policy
/// `preserve_within_days`), extended (42.9), lapsed, released.
public struct PreservationFigures: Sendable, Hashable {
    /// Incoming: `preserve` dated in the period, and how many of them on or before the case's
    /// `preservation-target` date.
    public var preserved = 0
    public var preservedWithinTarget = 0
    /// Incoming: `extend` (we extended at the requesting State's request).
    public var extended = 0
    /// Incoming: `release` (the period passed, or the follow-up MLA was decided, 42.8).
    public var released = 0
    /// Outgoing: `confirm-preserved`, and the extensions requested, granted and declined (42.9).
    public var confirmedPreserved = 0
    public var extensionsRequested = 0
    public var extensionsGranted = 0
    public var extensionsRefused = 0
    /// Outgoing: `send-mla` (the follow-up request, 42.8) and `lapse` (it never came).
    public var followUpSent = 0
    public var lapsed = 0

    public var preservedLate: Int { preserved - preservedWithinTarget }
    public init() {}
}

/// What a consultation was about: our proposal to refuse, partly refuse or postpone (40.28), a
/// risk notified (42.7), or conditions the other State proposed instead of refusing (40.28).
public enum ConsultationSubject: String, CaseIterable, Sendable, Hashable {
    case refuse
    case partialRefuse = "partial-refuse"
    case postpone
    case riskNotification = "risk-notification"
    case conditions
}

public struct UrgentKey: Sendable, Hashable {
    public let direction: Direction
    public let urgency: Urgency
    public init(_ direction: Direction, _ urgency: Urgency) { self.direction = direction; self.urgency = urgency }
}

/// Urgent or emergency requests received or sent in the period; handling time is the days from
/// received / sent to the first decision on it, counting decisions up to the period's end.
public struct UrgentFigures: Sendable, Hashable {
    public var requests = 0
    public var undecided = 0
    public var handlingDays: [Int] = []
    public var handling: DaySpread { DaySpread(handlingDays) }
    public init() {}
}
