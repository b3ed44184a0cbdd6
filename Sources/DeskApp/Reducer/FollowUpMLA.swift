import CaseStore
import Casework
import Foundation
import TerminalKit

/// The follow-up MLA request of a preservation in one step (art. 42.8): from the preservation,
/// a new MLA form prefilled from it; on Register the MLA is recorded and linked — incoming,
/// `mla-received` on the preservation at once; outgoing, the draft is linked to the preservation
/// and `send-mla` is recorded on it when the MLA is sent.
enum FollowUpMLA {
    /// The action on the preservation that records its follow-up request.
    static func action(for preservation: CaseFile) -> Action {
        preservation.direction == .incoming ? .mlaReceived : .sendMLA
    }

    /// Whether the follow-up can be registered from this case now (a preservation whose
    /// follow-up action its state allows).
    static func offered(_ file: CaseFile) -> Bool {
        file.kind == .preservation && file.table.action(action(for: file))?.target(from: file.state) != nil
    }

    /// `m` on a case, or "new follow-up MLA" in its act dialog: the prefilled form.
    static func start(caseID: UUID, state: inout DeskState, env: DeskEnvironment) {
        do {
            let (file, context) = try ActForm.snapshot(caseID, env)
            guard file.kind == .preservation else {
                state.message = .error("\(file.ref) is an MLA request: the follow-up MLA is registered from its preservation")
                return
            }
            if let why = Engine.precheck(action(for: file), on: file, context: context) {
                state.message = .error(Phrases.refusal(why))
                return
            }
            NewCaseForm.open(direction: file.direction, kind: .mla, followUpOf: file, state: &state, env: env)
        } catch { state.fail(error) }
    }

    static func target(_ file: CaseFile) -> LinkTarget {
        LinkTarget(id: file.id, ref: file.ref, direction: file.direction, kind: file.kind)
    }

    /// The preservation named in the new-case form, read and checked to be one a new MLA of
    /// this direction can follow up; nil when the field is empty.
    static func preservation(_ typed: String, direction: Direction, env: DeskEnvironment) throws -> CaseFile? {
        guard !typed.isEmpty else { return nil }
        let file: CaseFile
        do { file = try env.store.caseFile(.ref(typed)) } catch { throw FormMistake("Follow-up of: \(DeskState.describe(error))") }
        guard file.kind == .preservation, file.direction == direction else {
            throw FormMistake("Follow-up of: \(file.ref) is not an \(direction.rawValue) preservation (art. 42.8)")
        }
        return file
    }

    /// Everything the engine would say about registering `r` and linking it to `preservation`,
    /// decided before anything is written: a refusal leaves both cases untouched.
    static func check(_ r: Registration, preservation: CaseFile, context: CaseContext) throws {
        let id = UUID()
        let mla = Engine.fold([try Engine.register(r, id: id, ref: "the new MLA request", context: context)])
        if preservation.direction == .incoming {
            var c = context
            c.linkedCases[id] = mla
            _ = try Engine.decide(.mlaReceived, ActionInputs(on: r.received, link: target(mla)), on: preservation, context: c)
        } else {
            if let why = Engine.precheck(.sendMLA, on: preservation, context: context) { throw why }
            var c = context
            c.linkedCases[preservation.id] = preservation
            _ = try Engine.decide(.link, ActionInputs(on: r.received, link: target(preservation)), on: mla, context: c)
        }
    }

    /// Records the link once the MLA is registered; the message says what was done.
    static func link(_ mla: CaseFile, to preservation: CaseFile, env: DeskEnvironment) -> Message {
        let name = action(for: preservation)
        do {
            if preservation.direction == .incoming {
                let after = try env.store.act(.id(preservation.id), action: .mlaReceived,
                                              inputs: ActionInputs(on: mla.received, link: target(mla)),
                                              actor: env.session.officer, today: env.session.today, now: env.session.now(), basedOn: preservation.events.last?.id)
                return .info("\(mla.ref) registered · \(preservation.ref): mla-received → \(after.state.rawValue)")
            }
            _ = try env.store.act(.id(mla.id), action: .link, inputs: ActionInputs(on: mla.received, link: target(preservation)),
                                  actor: env.session.officer, today: env.session.today, now: env.session.now(), basedOn: mla.events.last?.id)
            return .info("\(mla.ref) drafted for \(preservation.ref): send-mla on sending")
        } catch {
            return .error("registered \(mla.ref), but \(preservation.ref) is not linked: \(DeskState.describe(error)) — a → \(name) on \(preservation.ref)")
        }
    }

    /// After an outgoing MLA is sent: `send-mla` on the preservation it was drafted for (the
    /// link recorded when it was drafted), dated as the sending. The message, or nil if none.
    static func afterSending(_ mlaID: UUID, on: CivilDate?, env: DeskEnvironment) -> Message? {
        guard let snapshot = try? env.snapshot(.id(mlaID)), snapshot.file.direction == .outgoing, snapshot.file.kind == .mla else { return nil }
        let mla = snapshot.file
        for relation in snapshot.relations where relation.relation == "related" {
            guard let pres = try? env.store.caseFile(.id(relation.id)), pres.kind == .preservation,
                  pres.direction == .outgoing, offered(pres) else { continue }
            do {
                let after = try env.store.act(.id(pres.id), action: .sendMLA, inputs: ActionInputs(on: on, link: target(mla)),
                                              actor: env.session.officer, today: env.session.today, now: env.session.now(), basedOn: pres.events.last?.id)
                return .info("\(mla.ref) sent · \(pres.ref): send-mla → \(after.state.rawValue)")
            } catch {
                return .error("\(mla.ref) sent, but send-mla on \(pres.ref) was refused: \(DeskState.describe(error))")
            }
        }
        return nil
    }
}
