import Foundation

/// Office policy (WORKFLOWS.md §2): stored in the database, editable by supervisors. Every key
/// has a default; `set` validates against the Convention where an article bounds the value.
public struct Policy: Codable, Sendable, Hashable {
    public var officeName: String = "Central authority"
    /// ISO 3166-1 alpha-3 of the office's State.
    public var stateCode: String = ""
    /// IANA time zone identifier; civil dates ("today", effective dates) are taken in it.
    public var timeZone: String = "UTC"
    /// Days a preservation lasts: at least 60 (art. 42.8), at most 90 for one domestic order (art. 25.2).
    public var preservationDays: Int = 60
    /// Days an extension adds (domestic law decides the length).
    public var extensionDays: Int = 60
    public var preserveWithinDays: Int = 2
    public var acknowledgeDays: Int = 5
    public var executionTargetDays: Int = 90
    public var expeditedTargetDays: Int = 10
    public var informationDays: Int = 30
    public var statusReplyDays: Int = 10
    public var consultationDays: Int = 15
    public var writtenConfirmationDays: Int = 3
    /// Office periods (not the Convention's) counted in working days: weekends and holidays skipped.
    public var officePeriodsInWorkingDays: Bool = false
    /// Reminders fire at each threshold; a deadline within the largest is `due-soon`.
    public var warningThresholds: [Int] = [14, 7, 3]
    /// true: consult before any refusal; false: only where the Convention requires it (40.28).
    public var consultBeforeAllRefusals: Bool = true
    /// true: consult before refusing a preservation request (35.2 reading); false: 42.6 reading.
    public var consultBeforePreservationRefusal: Bool = true
    /// Declared reservations, e.g. `42.5`.
    public var reservations: [String] = []
    public var retentionYears: Int = 10
    /// Who the acting officer is: the OS account (`account`, set by `cadesk init`) or whoever
    /// is named (`name`, training databases and databases set up before the key existed).
    public var officerIdentity: OfficerIdentity = .name
    /// How many automatic daily backups are kept beside the database (issue 7, §4).
    public var backupKeep: Int = 14

    public init() {}

    /// Missing keys take their defaults, so a policy stored before a key existed still reads.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Policy()
        func v<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        officeName = try v(.officeName, d.officeName)
        stateCode = try v(.stateCode, d.stateCode)
        timeZone = try v(.timeZone, d.timeZone)
        preservationDays = try v(.preservationDays, d.preservationDays)
        extensionDays = try v(.extensionDays, d.extensionDays)
        preserveWithinDays = try v(.preserveWithinDays, d.preserveWithinDays)
        acknowledgeDays = try v(.acknowledgeDays, d.acknowledgeDays)
        executionTargetDays = try v(.executionTargetDays, d.executionTargetDays)
        expeditedTargetDays = try v(.expeditedTargetDays, d.expeditedTargetDays)
        informationDays = try v(.informationDays, d.informationDays)
        statusReplyDays = try v(.statusReplyDays, d.statusReplyDays)
        consultationDays = try v(.consultationDays, d.consultationDays)
        writtenConfirmationDays = try v(.writtenConfirmationDays, d.writtenConfirmationDays)
        officePeriodsInWorkingDays = try v(.officePeriodsInWorkingDays, d.officePeriodsInWorkingDays)
        warningThresholds = try v(.warningThresholds, d.warningThresholds)
        consultBeforeAllRefusals = try v(.consultBeforeAllRefusals, d.consultBeforeAllRefusals)
        consultBeforePreservationRefusal = try v(.consultBeforePreservationRefusal, d.consultBeforePreservationRefusal)
        reservations = try v(.reservations, d.reservations)
        retentionYears = try v(.retentionYears, d.retentionYears)
        officerIdentity = try v(.officerIdentity, d.officerIdentity)
        backupKeep = try v(.backupKeep, d.backupKeep)
    }

    /// The largest warning threshold: within it a deadline is `due-soon`.
    public var dueSoonWithin: Int { warningThresholds.max() ?? 0 }

    public func hasReservation(_ article: String) -> Bool { reservations.contains(article) }

    /// Whether deadlines computed under `other` could have other due dates or closing statuses
    /// than under this policy. The keys known not to matter are set aside (names, the time zone,
    /// the warning thresholds that only colour a deadline as it is read, consultation switches,
    /// reservations, retention, backups); every other key, including one added later, counts. A store uses
    /// it to skip recomputing every case's deadlines when a change cannot move one.
    public func movesDeadlines(comparedTo other: Policy) -> Bool {
        func periodsOnly(_ policy: Policy) -> Policy {
            var p = policy
            let d = Policy()
            p.officeName = d.officeName; p.stateCode = d.stateCode; p.timeZone = d.timeZone
            p.warningThresholds = d.warningThresholds
            p.consultBeforeAllRefusals = d.consultBeforeAllRefusals
            p.consultBeforePreservationRefusal = d.consultBeforePreservationRefusal
            p.reservations = d.reservations; p.retentionYears = d.retentionYears
            p.officerIdentity = d.officerIdentity
            p.backupKeep = d.backupKeep
            return p
        }
        return periodsOnly(self) != periodsOnly(other)
    }
}

/// How the acting officer is known (CLI.md, "Identity").
public enum OfficerIdentity: String, Codable, Sendable, Hashable {
    /// The operating-system account of the process's real user id: nobody can act as a colleague.
    case account
    /// Whoever `--as` or `CADESK_OFFICER` names: for training, where one person plays every role.
    case name
}

/// One office-policy key as `cadesk policy show|set` spells it.
public struct PolicyKey: Sendable, Hashable, Codable {
    public let name: String
    public let description: String
    /// The article that bounds or motivates it, or nil for office practice.
    public let article: String?
}

/// Reservations an office may declare; only 42.5 changes what the engine allows.
public let knownReservations: [String] = ["42.5"]

extension Policy {
    public static let keys: [PolicyKey] = [
        .init(name: "office_name", description: "name of the central authority", article: "40.12(a)"),
        .init(name: "state_code", description: "the office's State, ISO 3166-1 alpha-3", article: nil),
        .init(name: "time_zone", description: "time zone of civil dates (IANA identifier)", article: nil),
        .init(name: "preservation_days", description: "days a preservation lasts (\(PreservationPeriod.preservation.allowedText))", article: "42.8"),
        .init(name: "extension_days", description: "days an extension of preservation adds (\(PreservationPeriod.extension.allowedText))", article: "42.9"),
        .init(name: "preserve_within_days", description: "office target to effect an incoming preservation", article: "42.4"),
        .init(name: "acknowledge_days", description: "office target to acknowledge an incoming request", article: nil),
        .init(name: "execution_target_days", description: "office target to execute an incoming MLA request", article: "40.26"),
        .init(name: "expedited_target_days", description: "target when urgent or the data are vulnerable", article: "44.3"),
        .init(name: "information_days", description: "days given to answer a request for information", article: "40.16"),
        .init(name: "status_reply_days", description: "days to answer a status inquiry", article: "40.26"),
        .init(name: "consultation_days", description: "days to wait for a reply in consultation", article: "40.28"),
        .init(name: "written_confirmation_days", description: "days for an oral request to be confirmed in writing", article: "40.13"),
        .init(name: "office_periods_in_working_days", description: "count office periods in working days (true/false)", article: nil),
        .init(name: "warning_thresholds", description: "reminder thresholds in days, e.g. 14,7,3", article: nil),
        .init(name: "consult_before_all_refusals", description: "consult before any refusal, not only where 40.28 requires", article: "40.28"),
        .init(name: "consult_before_preservation_refusal", description: "consult before refusing a preservation request", article: "42.6"),
        .init(name: "reservations", description: "declared reservations, comma-separated (e.g. 42.5)", article: "42.5"),
        .init(name: "retention_years", description: "years a closed case is kept", article: nil),
        .init(name: "officer_identity", description: "account: the acting officer is the OS account; name: whoever --as names", article: nil),
        .init(name: "backup_keep", description: "automatic daily backups kept beside the database (1 to 366)", article: nil),
    ]

    /// Only supervisors change office policy (WORKFLOWS.md §2).
    public static func checkMayChange(role: Role, actor: String) throws(CaseworkError) {
        try OfficeRules.check(.changePolicy, role: role, actor: actor)
    }

    /// The value of a key as `policy show` prints it; empty for an unknown key.
    public func value(of key: String) -> String {
        switch key {
        case "office_name": return officeName
        case "state_code": return stateCode
        case "time_zone": return timeZone
        case "preservation_days": return String(preservationDays)
        case "extension_days": return String(extensionDays)
        case "preserve_within_days": return String(preserveWithinDays)
        case "acknowledge_days": return String(acknowledgeDays)
        case "execution_target_days": return String(executionTargetDays)
        case "expedited_target_days": return String(expeditedTargetDays)
        case "information_days": return String(informationDays)
        case "status_reply_days": return String(statusReplyDays)
        case "consultation_days": return String(consultationDays)
        case "written_confirmation_days": return String(writtenConfirmationDays)
        case "office_periods_in_working_days": return String(officePeriodsInWorkingDays)
        case "warning_thresholds": return warningThresholds.map(String.init).joined(separator: ",")
        case "consult_before_all_refusals": return String(consultBeforeAllRefusals)
        case "consult_before_preservation_refusal": return String(consultBeforePreservationRefusal)
        case "reservations": return reservations.joined(separator: ",")
        case "retention_years": return String(retentionYears)
        case "officer_identity": return officerIdentity.rawValue
        case "backup_keep": return String(backupKeep)
        default: return ""
        }
    }

    /// Sets a key from its command-line text. Unknown keys and unreadable values are usage
    /// errors; values the Convention forbids are refused with the article.
    public mutating func set(_ key: String, _ value: String) throws(CaseworkError) {
        let action = "policy set"
        // Values are printed to terminals and into reports: no control characters or escape
        // sequences (C0, DEL, C1), not even a tab or a newline.
        if let bad = value.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw .usage(action, "\(key) may not contain control characters (found U+\(String(format: "%04X", bad.value)))")
        }
        let text = value.trimmedOfSpaces
        func int(_ range: ClosedRange<Int>) throws(CaseworkError) -> Int {
            guard let n = Int(text) else { throw .usage(action, "\(key) needs a whole number, not '\(value)'") }
            guard range.contains(n) else {
                throw .usage(action, "\(key) must be between \(range.lowerBound) and \(range.upperBound)")
            }
            return n
        }
        func bool() throws(CaseworkError) -> Bool {
            switch text.lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0": return false
            default: throw .usage(action, "\(key) needs true or false, not '\(value)'")
            }
        }
        switch key {
        case "office_name":
            guard !text.isEmpty else { throw .usage(action, "office_name may not be empty") }
            officeName = text
        case "state_code":
            guard isISO3(text) else { throw .usage(action, "state_code needs an ISO 3166-1 alpha-3 code, not '\(value)'") }
            stateCode = text
        case "time_zone":
            guard TimeZone(identifier: text) != nil else { throw .usage(action, "unknown time zone '\(value)'") }
            timeZone = text
        case "preservation_days", "extension_days":
            guard let n = Int(text) else { throw .usage(action, "\(key) needs a whole number, not '\(value)'") }
            let period: PreservationPeriod = key == "preservation_days" ? .preservation : .`extension`
            try period.check(n, action: action, given: "\(key) \(n)")
            if period == .preservation { preservationDays = n } else { extensionDays = n }
        case "preserve_within_days": preserveWithinDays = try int(0...366)
        case "acknowledge_days": acknowledgeDays = try int(0...366)
        case "execution_target_days": executionTargetDays = try int(1...3660)
        case "expedited_target_days": expeditedTargetDays = try int(0...3660)
        case "information_days": informationDays = try int(1...366)
        case "status_reply_days": statusReplyDays = try int(0...366)
        case "consultation_days": consultationDays = try int(0...366)
        case "written_confirmation_days": writtenConfirmationDays = try int(0...366)
        case "office_periods_in_working_days": officePeriodsInWorkingDays = try bool()
        case "warning_thresholds":
            let parts = text.split(separator: ",").map { $0.trimmedOfSpaces }
            let numbers = parts.compactMap { Int($0) }
            guard !parts.isEmpty, numbers.count == parts.count, numbers.allSatisfy({ (0...366).contains($0) }) else {
                throw .usage(action, "warning_thresholds needs days separated by commas, e.g. 14,7,3")
            }
            warningThresholds = Array(Set(numbers)).sorted(by: >)
        case "consult_before_all_refusals": consultBeforeAllRefusals = try bool()
        case "consult_before_preservation_refusal": consultBeforePreservationRefusal = try bool()
        case "reservations":
            let parts = text.split(separator: ",").map { $0.trimmedOfSpaces }
                .filter { !$0.isEmpty && $0 != "none" }
            for part in parts where !knownReservations.contains(part) {
                throw .usage(action, "unknown reservation '\(part)' (known: \(knownReservations.joined(separator: ", ")))")
            }
            reservations = Array(Set(parts)).sorted()
        case "retention_years": retentionYears = try int(1...100)
        case "officer_identity":
            guard let identity = OfficerIdentity(rawValue: text) else {
                throw .usage(action, "officer_identity needs account or name, not '\(value)'")
            }
            officerIdentity = identity
        case "backup_keep": backupKeep = try int(1...366)
        default:
            throw .usage(action, "unknown policy key '\(key)' (one of: \(Policy.keys.map(\.name).joined(separator: ", ")))")
        }
    }
}

/// Three ASCII capital letters: the shape of an ISO 3166-1 alpha-3 code. Whether the code
/// names a State is for the country list outside the domain.
public func isISO3(_ text: String) -> Bool {
    text.count == 3 && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
}
