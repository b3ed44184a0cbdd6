import Casework
import Foundation

public struct Dashboard: Sendable, Hashable, Codable {
    public struct Count: Sendable, Hashable, Codable {
        public var key: String
        public var count: Int
    }
    public var totalCases: Int
    public var openCases: Int
    public var overdueDeadlines: Int
    public var dueSoonDeadlines: Int
    /// Open cases per officer ("" = unassigned), per counterpart, per state.
    public var openByOfficer: [Count]
    public var openByCounterpart: [Count]
    public var byState: [Count]
    /// Cases received per month (`YYYY-MM`), the last 12 months up to today.
    public var receivedByMonth: [Count]

    /// The four counts the desk's header shows (`CaseStore.headline(today:)`).
    public struct Headline: Sendable, Hashable {
        public var totalCases: Int
        public var openCases: Int
        public var overdueDeadlines: Int
        public var dueSoonDeadlines: Int
    }
}
