import Foundation

/// The periods of a preservation order, checked in one place whether they come from
/// `--days`, the act dialog or the office policy: an order lasts not less than 60 days (42.8)
/// and at most 90 (25.2); an extension renews it for 1 to 90 days (25.2).
public enum PreservationPeriod: String, Sendable, CaseIterable {
    case preservation
    case `extension`

    /// The period an action sets, if it sets one of these.
    public init?(action: Action) {
        switch action {
        case .preserve: self = .preservation
        case .extend: self = .`extension`
        default: return nil
        }
    }

    /// "60 to 90": the bounds as every front end and help text states them.
    public var allowedText: String { "\(allowedDays.lowerBound) to \(allowedDays.upperBound)" }

    public var allowedDays: ClosedRange<Int> {
        switch self {
        case .preservation: return 60...90
        case .extension: return 1...90
        }
    }

    /// The policy key holding the office's default for this period.
    public var policyKey: String {
        switch self {
        case .preservation: return "preservation_days"
        case .extension: return "extension_days"
        }
    }

    /// Refuses a period outside the Convention's bounds. `given` says where the number came
    /// from, for the message: `--days 120`, `preservation_days 120`.
    public func check(_ days: Int, action: String, given: RuleText) throws(CaseworkError) {
        switch self {
        case .preservation:
            guard days >= 60 else {
                throw .refused(action, "a preservation lasts not less than 60 days (\(given))", article: "42.8")
            }
            guard days <= 90 else {
                throw .refused(action, "one preservation order lasts at most 90 days (\(given)); longer needs an extension", article: "25.2")
            }
        case .extension:
            guard allowedDays.contains(days) else {
                throw .refused(action, "an extension renews the order for \(allowedText) days (\(given))", article: "25.2")
            }
        }
    }
}

extension Engine {
    /// The days an action records when none are given: the office's periods for `preserve` and
    /// `extend`, the Convention's minimum for `confirm-preserved`; nil for other actions.
    public static func defaultDays(for action: Action, policy: Policy) -> Int? {
        switch action {
        case .preserve: return policy.preservationDays
        case .extend: return policy.extensionDays
        case .confirmPreserved: return 60
        default: return nil
        }
    }
}
