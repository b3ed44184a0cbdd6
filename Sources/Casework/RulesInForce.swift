import Foundation

/// The office's policy and holidays as they were from `from` on: they set the periods, so a
/// change of them moves due dates with no event on any case (a calendar counts that move too).
public struct RulesInForce: Sendable, Equatable {
    public var from: Date
    public var policy: Policy
    public var holidays: Set<CivilDate>
    public init(from: Date, policy: Policy, holidays: Set<CivilDate>) {
        self.from = from; self.policy = policy; self.holidays = holidays
    }
}
