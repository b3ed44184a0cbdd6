import Casework
import Foundation

/// Who records a move: the officer the case is assigned to, or a supervisor (void, reopen).
enum MoveActor { case officer, supervisor }

/// Something the officer remembers to do next, whatever the state says.
enum Intent {
    /// A supervisor cancels a mistaken entry.
    case void(UUID, reason: String)
    /// Answer the status inquiry just received.
    case statusReply
    /// Decide on the conditions the requested State proposed (40.28).
    case answerConditions
    /// The requested State answers our request to extend preservation (42.9).
    case extensionAnswer
    /// Close again a case a supervisor reopened.
    case reclose
    /// The incoming request was received orally: the written confirmation follows (40.13).
    case writtenConfirmation
    /// Our oral request is confirmed in writing (40.13).
    case confirmInWriting
}

/// What an officer does next on a case, and when.
struct Move {
    /// Nil for a move that records nothing (`wait`, or a `spawn` that only opens the follow-up).
    var action: Action?
    var date: CivilDate
    var inputs = ActionInputs()
    var actor: MoveActor = .officer
    /// Register the follow-up MLA request first and link it (42.8).
    var spawn = false
    /// Nothing to record: look at the case again on `date`.
    var wait = false
    /// The engine allows the move only after this date (release after the preservation period,
    /// lapse after the follow-up period): a deadline never brings it earlier.
    var notBefore: CivilDate?
    /// What to remember once the move is recorded (the new event's id goes into a void).
    var then: ((UUID) -> Intent)?
}

/// One case as the simulation follows it.
struct CaseAgent {
    var file: CaseFile
    var rng: SeededRandom
    var story: OffenceStory
    var officer: String
    /// How slowly this case moves: most at 1, some much slower where nothing falls due.
    var pace: Double
    /// How many days past a due date this case may go before its officer acts: none, or a
    /// week or two, sometimes a month, rarely up to three (the office's overdue list).
    var lateness: Int
    var next: Move?
    var intents: [Intent] = []
    var sideActions = 0
    var failures = 0
    /// The follow-up MLA case of a preservation, and the preservation of a follow-up MLA.
    var followUp: Int?
    var parent: Int?
    /// An outgoing preservation waits for its follow-up MLA to be sent before `send-mla`.
    var awaitingFollowUpSend = false
    /// Registration items still to complete before sending (outgoing drafts).
    var missingItems: [ChecklistItemID: String] = [:]
    /// How the case was registered, and every step recorded since: what the store replays.
    var registration: Registration
    var registeredAt: Date
    var registrar: String
    var registrationEventID: UUID
    var steps: [PlannedStep] = []
}

/// One recorded action, as the store is to record it again: the day it is recorded as of,
/// the instant, the officer, and the event id drawn from the seed.
struct PlannedStep {
    var action: Action
    var inputs: ActionInputs
    /// The case `inputs.link` names (the store fills in its reference).
    var linkTo: UUID?
    var today: CivilDate
    var recorded: Date
    var actor: String
    var eventID: UUID
}

/// A case still to be registered: the simulation opens it on its received date.
struct RootCase {
    var received: CivilDate
    var workflow: WorkflowID
    var seed: UInt64
}

/// The demo office, case by case: each registered on its date and moved through the engine day
/// by day, its follow-up request alongside it, so links, deadlines and references come out as
/// they would have. Only a case and its follow-up depend on each other, so dossiers are
/// followed one after the other and can be written while the next ones are being made.
struct DemoSimulation {
    var recorder = MemoryRecorder()
    let today: CivilDate
    let policy: Policy
    let holidays: Set<CivilDate>
    let officers: [(name: String, role: Role)]
    let counterparts: [(String, Int)]
    let timeZone: TimeZone
    var agents: [CaseAgent] = []
    var roots: [RootCase] = []
    var nextRoot = 0
    var rootEnd = 0
    var heap = MoveQueue()
    var events = 0
    var cases = 0
    var byWorkflow: [WorkflowID: Int] = [:]
    var byState: [WorkflowID: [CaseState: Int]] = [:]
    var refusals: [String] = []
    var refusalCount = 0
    private var dayStarts: [Int: Int] = [:]

    init(cases: Int, seed: UInt64, today: CivilDate, policy: Policy,
         holidays: Set<CivilDate>, officers: [(name: String, role: Role)]) {
        self.today = today
        self.policy = policy
        self.holidays = holidays
        self.officers = officers
        self.counterparts = DemoOffice.counterparts.filter { $0.0 != policy.stateCode }
        self.timeZone = TimeZone(identifier: policy.timeZone) ?? TimeZone(identifier: "UTC")!
        var rng = SeededRandom(seed: seed)
        // Received dates over the last ~18 months, intake growing steadily: a day now brings
        // half as many again as a day at the start (density 1 + growth·x over the span, x in 0...1).
        let span = 545, growth = 0.5
        var planned: [RootCase] = []
        planned.reserveCapacity(cases)
        for _ in 0..<max(0, cases) {
            let u = Double(rng.next() >> 11) * 0x1p-53
            let elapsed = ((1 + 2 * growth * u * (1 + growth / 2)).squareRoot() - 1) / growth
            let back = Int(Double(span) * (1 - elapsed))
            let workflow = rng.weighted([(WorkflowID(.incoming, .mla), 30), (WorkflowID(.incoming, .preservation), 24),
                                         (WorkflowID(.outgoing, .mla), 26), (WorkflowID(.outgoing, .preservation), 20)])
            planned.append(RootCase(received: today.adding(days: -back), workflow: workflow, seed: rng.next()))
        }
        // Stable by draw order within a day, so the seed alone fixes the order of registration.
        roots = planned.enumerated().sorted { ($0.element.received, $0.offset) < ($1.element.received, $1.offset) }.map(\.element)
        rootEnd = roots.count
    }

    // MARK: The loop

    /// Follows each root case, in order of receipt, to today: its moves in date order, with its
    /// follow-up MLA request (42.8) if it gets one. Each finished dossier goes to `onDossier`
    /// (follow-up first: a case is written after the case it links to), which returns false to
    /// stop. Without `retainCases` only the summary figures are kept.
    mutating func run(retainCases: Bool = true, onDossier: ([CaseAgent]) -> Bool = { _ in true }) {
        recorder.keepsEvents = retainCases
        while nextRoot < rootEnd {
            let root = roots[nextRoot]
            nextRoot += 1
            agents.removeAll(keepingCapacity: true)
            guard let index = open(root) else { continue }
            schedule(index, from: root.received)
            while heap.peekDay != nil { perform(heap.pop()) }
            let dossier = agents[index].followUp.map { [agents[$0], agents[index]] } ?? [agents[index]]
            for agent in dossier {
                cases += 1
                byWorkflow[agent.file.workflow, default: 0] += 1
                byState[agent.file.workflow, default: [:]][agent.file.state, default: 0] += 1
                if !retainCases { recorder.forget(agent.file.id) }
            }
            if !onDossier(dossier) { break }
        }
        agents.removeAll()
    }

    /// Gives up the next planned root case to make room for a follow-up, so the total stays as
    /// asked. The next one, not the last: intake is thinned evenly and runs up to today, where
    /// taking the latest roots would leave the last months with follow-ups only.
    mutating func reserveFollowUp() -> Bool {
        guard nextRoot < rootEnd else { return false }
        nextRoot += 1
        return true
    }

    mutating func schedule(_ index: Int, from date: CivilDate) {
        guard var move = nextMove(index, after: date) else {
            agents[index].next = nil
            return
        }
        if !move.wait { keepToDeadlines(&move, index, after: date) }
        guard move.date <= today else {
            agents[index].next = nil
            return
        }
        agents[index].next = move
        heap.push(day: move.date.dayNumber, index)
    }

    mutating func perform(_ index: Int) {
        guard var move = agents[index].next else { return }
        agents[index].next = nil
        if move.wait {
            schedule(index, from: move.date)
            return
        }
        if move.spawn {
            guard let child = openFollowUp(of: index, on: move.date) else {
                schedule(index, from: move.date)
                return
            }
            if move.action == nil {
                // Outgoing: the preservation waits until the follow-up request is sent, and the
                // request is drafted with the preservation's deadline in view.
                agents[index].awaitingFollowUpSend = true
                schedule(child, from: move.date)
                return
            }
            schedule(child, from: move.date)
            let f = agents[child].file
            move.inputs.link = LinkTarget(id: f.id, ref: f.ref, direction: f.direction, kind: f.kind)
        }
        guard let action = move.action else {
            schedule(index, from: move.date)
            return
        }
        let actor = move.actor == .supervisor ? supervisor(for: index) : agents[index].officer
        let eventID = agents[index].rng.uuid()
        let context = makeContext(actor: actor, on: move.date, index: index)
        do {
            agents[index].file = try recorder.act(agents[index].file, action, move.inputs,
                                                  eventID: eventID, context: context)
            events += 1
            var inputs = move.inputs
            let link = inputs.link?.id
            inputs.link = nil
            agents[index].steps.append(PlannedStep(action: action, inputs: inputs, linkTo: link, today: move.date,
                                                   recorded: context.now, actor: actor, eventID: eventID))
            if let then = move.then { agents[index].intents.append(then(eventID)) }
            if action == .assign, let officer = move.inputs.officer { agents[index].officer = officer }
        } catch {
            refusalCount += 1
            if refusals.count < 20 { refusals.append("\(agents[index].file.ref) \(action) on \(move.date): \(error.message)") }
            agents[index].failures += 1
            if agents[index].failures > 3 { return }
        }
        // The outgoing follow-up was sent: now the preservation records send-mla (42.8).
        if move.action == .send, let parent = agents[index].parent, agents[parent].awaitingFollowUpSend {
            agents[parent].awaitingFollowUpSend = false
            if agents[parent].file.state == .preserved || agents[parent].file.state == .sent {
                let f = agents[index].file
                var inputs = ActionInputs()
                inputs.link = LinkTarget(id: f.id, ref: f.ref, direction: f.direction, kind: f.kind)
                agents[parent].next = Move(action: .sendMLA, date: move.date, inputs: inputs)
                heap.push(day: move.date.dayNumber, parent)
            } else {
                schedule(parent, from: move.date)
            }
        }
        schedule(index, from: move.date)
    }

    // MARK: Contexts and instants

    /// As the store answers: anyone who is not one of the office's officers is a viewer.
    func role(of name: String) -> Role {
        officers.first { $0.name == name }?.role ?? .viewer
    }

    mutating func supervisor(for index: Int) -> String {
        let supervisors = officers.filter { $0.role == .supervisor }.map(\.name)
        return supervisors.isEmpty ? agents[index].officer : agents[index].rng.pick(supervisors)
    }

    /// The context an officer acts in on `date`: today is that date, and the instant recorded is
    /// a time in office hours that day (after the case's previous event), never the clock.
    mutating func makeContext(actor: String, on date: CivilDate, index: Int) -> CaseContext {
        let start = dayStart(date)
        var seconds = start + 8 * 3600 + agents[index].rng.int(0...(9 * 3600 + 1800))
        let last = agents[index].file.events.last.map { Int($0.event.recorded.timeIntervalSince1970) } ?? 0
        if seconds <= last { seconds = last + agents[index].rng.int(60...900) }
        return CaseContext(today: date, now: Date(timeIntervalSince1970: TimeInterval(seconds)), actor: actor,
                           role: role(of: actor), policy: policy, holidays: holidays, makeID: { UUID() })
    }

    /// Seconds since 1970 of local midnight in the office time zone.
    mutating func dayStart(_ date: CivilDate) -> Int {
        if let cached = dayStarts[date.dayNumber] { return cached }
        let utc = date.dayNumber * 86_400
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        dayStarts[date.dayNumber] = utc - offset
        return utc - offset
    }
}

/// A min-queue of (day, arrival) → case index: same-day moves in the order they were planned.
struct MoveQueue {
    private var items: [(day: Int, seq: Int, index: Int)] = []
    private var seq = 0

    var peekDay: Int? { items.first?.day }

    mutating func push(day: Int, _ index: Int) {
        seq += 1
        items.append((day, seq, index))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if less(child, parent) { items.swapAt(child, parent); child = parent } else { break }
        }
    }

    mutating func pop() -> Int {
        let top = items[0].index
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count && less(left, smallest) { smallest = left }
                if right < items.count && less(right, smallest) { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        (items[a].day, items[a].seq) < (items[b].day, items[b].seq)
    }
}
