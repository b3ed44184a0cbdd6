import Foundation

/// The dates an office report covers, both included (issue 10 §3). Volumes count by the date a
/// request was received or sent, outcomes by the date decided: each is "in the period" when that
/// civil date lies between `from` and `to`.
public struct ReportPeriod: Sendable, Hashable, Codable {
    public let from: CivilDate
    public let to: CivilDate

    /// nil when `from` is after `to`.
    public init?(from: CivilDate, to: CivilDate) {
        guard from <= to else { return nil }
        self.from = from; self.to = to
    }

    public func contains(_ date: CivilDate) -> Bool { from <= date && date <= to }
}

/// Median and 90th percentile of ages in calendar days, by the nearest-rank method: the p-th
/// percentile of n sorted values is the value at rank ⌈p·n/100⌉ (1-based). So the median of
/// 1, 2, 3, 4 is 2, and a single value is its own median and p90. No interpolation: every figure
/// is a day count that occurred, which a hand count can check.
public struct DaySpread: Sendable, Hashable, Codable {
    public let count: Int
    public let median: Int?
    public let p90: Int?

    public init(_ days: [Int]) {
        let sorted = days.sorted()
        count = sorted.count
        median = Self.nearestRank(50, of: sorted)
        p90 = Self.nearestRank(90, of: sorted)
    }

    /// The p-th percentile (1…100) of values already sorted ascending; nil when there are none.
    public static func nearestRank(_ p: Int, of sorted: [Int]) -> Int? {
        guard !sorted.isEmpty else { return nil }
        let rank = (p * sorted.count + 99) / 100  // ⌈p·n/100⌉ in integers
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
