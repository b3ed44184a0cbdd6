import Casework
import Foundation

/// How the demo office keeps to its deadlines. A case may move slowly while nothing falls due,
/// but once a deadline comes its officer acts by then, or a little later on the few cases left
/// to slip: an office that has run for months shows a short overdue list, late by days or
/// weeks, never a year.
extension DemoSimulation {
    /// Days past a due date a new case will be left, drawn once per case.
    static func lateness(_ rng: inout SeededRandom) -> Int {
        switch rng.weighted([(0, 28), (1, 38), (2, 26), (3, 7), (4, 1)]) {
        case 0: return 0
        case 1: return rng.int(1...14)
        case 2: return rng.int(15...35)
        case 3: return rng.int(36...60)
        default: return rng.int(61...85)
        }
    }

    /// Brings `move` forward when it is planned after the case's earliest pending deadline plus
    /// the case's lateness: done in the last days before that limit, or, once the limit has
    /// passed, within a few days of the previous step. Never before `move.notBefore`.
    mutating func keepToDeadlines(_ move: inout Move, _ index: Int, after date: CivilDate) {
        guard let due = earliestPendingDue(index) else { return }
        let limit = due.adding(days: agents[index].lateness)
        guard move.date > limit else { return }
        var on: CivilDate
        if limit >= date {
            on = limit.adding(days: -agents[index].rng.int(0...min(2, date.days(until: limit))))
        } else {
            on = min(move.date, date.adding(days: agents[index].rng.int(0...3)))
        }
        if let notBefore = move.notBefore { on = max(on, notBefore) }
        move.date = min(on, move.date)
    }

    /// The earliest due date among the case's open deadlines (suspended ones wait), and, for a
    /// follow-up request its preservation is waiting to send, among the preservation's too.
    func earliestPendingDue(_ index: Int) -> CivilDate? {
        var earliest = pendingDue(of: index)
        if let parent = agents[index].parent, agents[parent].awaitingFollowUpSend, let due = pendingDue(of: parent) {
            earliest = min(earliest ?? due, due)
        }
        return earliest
    }

    private func pendingDue(of index: Int) -> CivilDate? {
        let file = agents[index].file
        var linked: [UUID: CaseFile] = [:]
        if let child = agents[index].followUp { linked[agents[child].file.id] = agents[child].file }
        // The date only sets the statuses, which are read here as pending or not.
        let context = CaseContext(today: file.latestEffective, now: Date(timeIntervalSince1970: 0), actor: "",
                                  role: .officer, policy: policy, holidays: holidays, linkedCases: linked,
                                  makeID: { UUID() })
        return Engine.deadlines(for: file, context: context).lazy.filter(\.status.isPending).map(\.due).min()
    }
}
