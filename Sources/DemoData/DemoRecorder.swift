import Casework
import Foundation

/// Hands out the ids the engine asks for (`context.makeID`) in a fixed order, so that replaying
/// a seed gives the same event ids. The engine calls it from the recording thread only.
final class FixedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [UUID]

    init(_ ids: [UUID]) { self.ids = ids }

    func next() -> UUID {
        lock.lock(); defer { lock.unlock() }
        // More calls than planned would be an engine change: fall back to a fresh id rather than crash.
        return ids.isEmpty ? UUID() : ids.removeFirst()
    }

    func context(_ base: CaseContext) -> CaseContext {
        var context = base
        context.makeID = { [self] in next() }
        return context
    }
}

/// Decides in memory with the pure engine: references minted per (direction, kind, year) as the
/// store mints them on an empty database, events kept per case in registration order. The
/// simulation plans on what it returns; the store then records the same steps.
struct MemoryRecorder {
    private(set) var order: [UUID] = []
    private(set) var events: [UUID: [CaseEvent]] = [:]
    private(set) var files: [UUID: CaseFile] = [:]
    private var sequences: [String: Int] = [:]
    /// False when only the cases being simulated are needed (a store load): memory stays flat.
    var keepsEvents = true

    mutating func register(_ registration: Registration, caseID: UUID, eventID: UUID,
                           context: CaseContext) throws(CaseworkError) -> CaseFile {
        let year = context.today.year
        let key = "\(registration.direction.rawValue)-\(registration.kind.rawValue)-\(year)"
        let number = (sequences[key] ?? 0) + 1
        let ref = Self.reference(registration.direction, registration.kind, year: year, number: number)
        let event = try Engine.register(registration, id: caseID, ref: ref,
                                        context: FixedIDs([eventID]).context(context))
        sequences[key] = number
        if keepsEvents { order.append(caseID) }
        events[caseID] = [event]
        let file = Engine.fold([event])
        files[caseID] = file
        return file
    }

    mutating func act(_ file: CaseFile, _ action: Action, _ inputs: ActionInputs, eventID: UUID,
                      context: CaseContext) throws(CaseworkError) -> CaseFile {
        var decideContext = FixedIDs([eventID]).context(context)
        var linked: [UUID: CaseFile] = [:]
        for link in file.links { linked[link.id] = files[link.id] }
        if let link = inputs.link { linked[link.id] = files[link.id] }
        decideContext.linkedCases = linked
        let decided = try Engine.decide(action, inputs, on: file, context: decideContext)
        var list = events[file.id] ?? []
        list.append(contentsOf: decided)
        events[file.id] = list
        let updated = Engine.fold(list)
        files[file.id] = updated
        return updated
    }

    mutating func forget(_ id: UUID) {
        events[id] = nil
        files[id] = nil
    }

    /// The events of every case, cases in registration order.
    var cases: [[CaseEvent]] { order.map { events[$0] ?? [] } }

    /// `IN-MLA-2026-0007`: the format of CLI.md (headquarters, no device code).
    static func reference(_ direction: Direction, _ kind: RequestKind, year: Int, number: Int) -> String {
        CaseReference.format(direction: direction, kind: kind, year: year, number: number)
    }
}
