import ArgumentParser
import Casework
import CaseStore
import TerminalKit
import Foundation

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Register, list, show and act on cases.",
        subcommands: [CaseNew.self, CaseList.self, CaseShow.self, CaseActions.self, CaseAct.self, CaseEdit.self,
                      CaseResolve.self]
    )
}

extension Direction: ExpressibleByArgument {}
extension RequestKind: ExpressibleByArgument {}
extension Urgency: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}
extension Purpose: ExpressibleByArgument {}
extension Proposal: ExpressibleByArgument {}
extension CaseState: ExpressibleByArgument {}
extension LetterKind: ExpressibleByArgument {}

/// `--item ID=TEXT`: a checklist item of CLI.md; `ID=none-available` where the item allows it.
struct ItemArgument: ExpressibleByArgument {
    let id: ChecklistItemID
    let text: String
    init?(argument: String) {
        guard let eq = argument.firstIndex(of: "="),
              let id = ChecklistItemID(rawValue: String(argument[..<eq])) else { return nil }
        self.id = id
        self.text = String(argument[argument.index(after: eq)...])
    }
    static var defaultValueDescription: String { "ID=TEXT" }
}

extension Array where Element == ItemArgument {
    var dictionary: [ChecklistItemID: String] {
        Dictionary(map { ($0.id, $0.text) }, uniquingKeysWith: { _, last in last })
    }
}

extension Session {
    /// The case with what the engine computes of it as of today: checklist, deadlines, actions,
    /// all from one snapshot of the database.
    func view(_ target: CaseSelector) throws -> CaseAsOfToday {
        let snapshot = try store.caseSnapshot(target, actor: officer, today: today, now: Date())
        let (file, ctx) = (snapshot.file, snapshot.context)
        return CaseAsOfToday(file: file,
                        checklist: Engine.checklist(for: file),
                        deadlines: Engine.deadlines(for: file, context: ctx),
                        relations: snapshot.relations,
                        allowed: Engine.allowedActions(for: file, context: ctx),
                        heldBack: Engine.heldBack(for: file, context: ctx))
    }
}

struct CaseNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Register a case; prints its reference.")

    @Option(help: "incoming (we are the requested State) or outgoing.") var direction: Direction
    @Option(help: "mla (art. 40) or preservation (art. 42).") var kind: RequestKind
    @Option(help: "The other State, ISO 3166-1 alpha-3 (e.g. FRA).") var counterpart: String
    @Option(help: "Incoming: date received (default today). Outgoing: drafting date.") var received: CivilDate?
    @Option(help: "A short title, shown in lists.") var title: String?
    @Option(help: "The facts, for the case file (the checklist items are --item facts=… or offence-facts=…).") var facts: String?
    @Option(help: "The offence, in words.") var offence: String?
    @Flag(help: "The offence is established under the Convention (arts. 7–17).") var conventionOffence = false
    @Flag(help: "The offence is another serious crime (art. 2(h)).") var seriousCrime = false
    @Option(help: "MLA purpose of art. 40.3 (repeatable).") var purpose: [Purpose] = []
    @Option(help: "normal, urgent or emergency.") var urgency: Urgency = .normal
    @Flag(help: "The data are particularly vulnerable to loss or modification (art. 44.3(a)).") var dataVulnerable = false
    @Flag(help: "Incoming: received orally (urgent or emergency only, art. 40.13).") var oral = false
    @Flag(help: "Keep the fact and substance confidential (art. 40.20).") var confidential = false
    @Flag(help: "Do not notify the user (art. 42.3(g)).") var noUserNotice = false
    @Option(help: "central-authority, diplomatic, interpol, 24-7-network or other.") var channel: Channel = .centralAuthority
    @Option(help: "convention, treaty:NAME or other (art. 40.7).") var basis: String = "convention"
    @Option(help: "The requesting State's deadline (art. 40.26); needs --deadline-reason.") var deadline: CivilDate?
    @Option(help: "Why the requesting State needs it by --deadline (40.26).") var deadlineReason: String?
    @Option(help: "The assigned officer (default: you).") var officer: String?
    @Option(help: "A checklist item, ID=TEXT or ID=none-available (repeatable).") var item: [ItemArgument] = []
    @Option(help: "The other side's reference for the request, quoted back in letters.") var theirRef: String?
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if conventionOffence && seriousCrime {
            throw ValidationError("--convention-offence and --serious-crime exclude each other")
        }
    }

    func run() throws {
        let session = try Session.open(global)
        guard let legalBasis = LegalBasis(basis) else {
            throw CLIError.usage("case new", "--basis must be convention, treaty:NAME or other, not '\(basis)'")
        }
        let code = counterpart.uppercased()  // the store checks it names a State
        let registration = Registration(
            direction: direction, kind: kind, counterpart: code, received: received ?? session.today,
            title: title ?? "", facts: facts ?? "", offence: offence ?? "",
            offenceClass: conventionOffence ? .conventionOffence : seriousCrime ? .seriousCrime : .unspecified,
            purposes: purpose, urgency: urgency, dataVulnerable: dataVulnerable, oral: oral,
            confidential: confidential, noUserNotice: noUserNotice, channel: channel, basis: legalBasis,
            requestedDeadline: deadline, requestedDeadlineReason: deadlineReason,
            officer: officer ?? session.officer, items: item.dictionary, theirRef: theirRef)
        let file = try session.store.register(registration, actor: session.officer, today: session.today, now: Date())
        if output.isJSON {
            try JSONOutput.print(CaseJSON(session.view(.id(file.id))))
        } else {
            print(file.ref)
        }
    }
}

/// Read by hand too, when the invocation is plain (`FastDispatch`, `init(plain:)`): an option
/// added here is added there.
struct CaseList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", _superCommandName: FastDispatch.parent, abstract: "List cases (open ones by default).")
    static let defaultLimit = 200
    static let defaultSort = "updated"

    @Option(help: "incoming or outgoing.") var direction: Direction?
    @Option(help: "mla or preservation.") var kind: RequestKind?
    @Option(help: "Only cases in this state (repeatable).") var state: [CaseState] = []
    @Option(help: "Only this officer's cases.") var officer: String?
    @Option(help: "Only cases with this State (ISO3).") var counterpart: String?
    @Option(help: "Full-text search over reference, title, facts, offence, counterpart.") var query: String?
    @Flag(help: "Only open cases (the default).") var open = false
    @Flag(help: "Open and finished cases.") var all = false
    @Option(help: "At most this many cases (default 200, at most 10000000).") var limit: Int = CaseList.defaultLimit
    @Option(help: "updated, next-due, received or ref.") var sort: String = CaseList.defaultSort
    @Flag(help: "Turn the sort around: oldest change, latest deadline, Z to A first.") var reverse = false
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if open && all { throw ValidationError("--open and --all exclude each other") }
        if !(1...10_000_000).contains(limit) { throw ValidationError("--limit must be from 1 to 10000000") }
        if CaseSort(rawValue: sort) == nil {
            throw ValidationError("--sort must be one of \(CaseSort.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let session = try Session.open(global, for: .reading)
        let filter = CaseFilter(direction: direction, kind: kind, states: state.isEmpty ? nil : Set(state),
                                officer: officer, counterpart: counterpart?.uppercased(),
                                openOnly: !all && state.isEmpty, text: query)
        let page = try session.store.listCases(
            CaseQuery(filter: filter, sort: CaseSort(rawValue: sort)!, reversed: reverse, limit: limit), today: session.today)
        if output.isJSON {
            print(PrettyJSON.array(page.cases.map(CaseSummaryJSON.value)).text)
        } else {
            print(TextTables.caseList(page.cases, more: page.next != nil))
        }
    }
}

/// Read by hand too, when the invocation is plain (`FastDispatch`, `init(plain:)`): an option
/// added here is added there.
struct CaseShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", _superCommandName: FastDispatch.parent, abstract: "Show a case: checklist, deadlines, timeline, links.")
    @Argument(help: "The case reference, e.g. IN-MLA-2026-0007.") var ref: String
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try Session.open(global, for: .reading)
        let view = try session.view(.ref(ref))
        if output.isJSON {
            try JSONOutput.print(CaseJSON(view))
        } else {
            print(TextTables.caseDetail(view))
        }
    }
}

/// Read by hand too, when the invocation is plain (`FastDispatch`, `init(plain:)`): an option
/// added here is added there.
struct CaseActions: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "actions", _superCommandName: FastDispatch.parent, abstract: "The actions allowed now for you, with their inputs.")
    @Argument(help: "The case reference, e.g. IN-PRES-2026-0001.") var ref: String
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try Session.open(global, for: .reading)
        let view = try session.view(.ref(ref))
        if output.isJSON {
            try JSONOutput.print(view.allowed.map { ActionJSON($0, state: view.file.state) })
        } else {
            print(TextTables.actions(view))
        }
    }
}

struct CaseAct: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "act", abstract: "Apply one action to a case; prints REF: ACTION -> STATE.",
        discussion: "`cadesk case actions REF` lists the actions allowed now and the inputs each requires.")

    @Argument(help: "The case reference.") var ref: String
    @Argument(help: "The action, e.g. preserve, refuse, extend (see `cadesk workflow`).") var action: String
    @Option(help: "Effective date (default today; not after today nor before the case's latest).") var on: CivilDate?
    @Option(help: "A refusal ground code, e.g. 40.21b (repeatable).") var ground: [String] = []
    @Option(help: "Written reasons (required for any refusal, 40.25; for postpone, consult, notify-risk).") var reason: String?
    @Option(help: "For consult: refuse, partial-refuse or postpone.") var proposal: Proposal?
    @Option(help: "For preserve: \(PreservationPeriod.preservation.allowedText) (42.8, 25.2); for extend: days added (default extension_days).") var days: Int?
    @Option(help: "Review date, information due, end of collection, …") var until: CivilDate?
    @Option(help: "The reference of the case to link.") var link: String?
    @Option(help: "For execute: the executing authority.") var authority: String?
    @Option(help: "Conditions of execution or use (40.28, 40.19).") var conditions: String?
    @Option(help: "For preserve: who holds the data.") var custodian: String?
    @Option(help: "For disclose-traffic: the service provider involved (43.1).") var provider: String?
    @Option(help: "A State (ISO3), or the recipient of an onward transfer.") var to: String?
    @Option(help: "With ground treaty: the treaty article relied on (40.7).") var treatyArticle: String?
    @Option(help: "For void: the id of the event cancelled.") var event: String?
    @Flag(help: "Sent orally (urgent, agreed with the requested State; art. 40.13).") var oral = false
    @Flag(help: "For send: the requested State agreed to the oral request (40.13) or to the INTERPOL channel (40.12(d)).") var agreed = false
    @Option(help: "How it was sent or received.") var channel: Channel?
    @Option(help: "A note recorded with the event.") var note: String?
    @Option(help: "A document received or sent (file name or reference).") var attachment: String?
    @Option(help: "For assign: the new officer.") var officer: String?
    @Option(help: "For letter-produced: the letter (cadesk letter records it for you).") var letter: LetterKind?
    @Option(help: "For letter-produced: its language, ar, zh, en, fr, ru or es.") var language: String?
    @Option(help: ArgumentHelp("For resolve-conflict: the copy whose events are kept (see case resolve).", valueName: "HQ|CODE"))
    var keep: String?
    @Option(help: ArgumentHelp("The case's latest event id as you saw it (case show --json): refused if the case has moved on since.", valueName: "event-id"))
    var expect: String?
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let days, !(0...36_500).contains(days) { throw ValidationError("--days must be from 0 to 36500") }
    }

    func run() throws {
        // Checked before opening: a mistyped id is a usage error, never "moved on".
        let basedOn = try expect.map { text throws -> UUID in
            guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                throw CLIError.usage(self.action, "--expect '\(text)' is not an event id (see `cadesk case show \(ref) --json`)")
            }
            return id
        }
        let session = try Session.open(global)
        let action = try Action.parse(self.action)
        var eventID: UUID?
        if let event {
            guard let id = UUID(uuidString: event) else {
                throw CLIError.usage(action.rawValue, "--event '\(event)' is not an event id (see `cadesk case show \(ref) --json`)")
            }
            eventID = id
        }
        let inputs = ActionInputs(
            on: on, grounds: ground, reason: reason, proposal: proposal, days: days, until: until,
            link: try link.map(session.store.linkTarget), authority: authority, conditions: conditions,
            custodian: custodian, provider: provider, to: to?.uppercased(), treatyArticle: treatyArticle,
            event: eventID, oral: oral, agreed: agreed, channel: channel, note: note,
            attachment: attachment, officer: officer, letter: letter, language: language, keep: keep?.uppercased())
        let file = try session.store.act(.ref(ref), action: action, inputs: inputs, actor: session.officer,
                                         today: session.today, now: Date(), basedOn: basedOn)
        // Recorded as received; a ground the Convention does not allow is worth raising (§3).
        if let event = file.events.last?.event {
            for flag in Engine.groundFlags(event, file: file) {
                FileHandle.standardError.write(Data((Sanitize.terminalSafe("cadesk: warning: \(action): \(flag)") + "\n").utf8))
            }
        }
        if output.isJSON {
            try JSONOutput.print(CaseJSON(session.view(.id(file.id))))
        } else {
            print("\(file.ref): \(action) -> \(file.state.rawValue)")
        }
    }
}

struct CaseEdit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a case's facts, their reference, checklist items or officer.")
    @Argument(help: "The case reference, e.g. IN-PRES-2026-0001.") var ref: String
    @Option(help: "A new title.") var title: String?
    @Option(help: "New facts.") var facts: String?
    @Option(help: "A new offence description.") var offence: String?
    @Option(help: "A checklist item, ID=TEXT (repeatable).") var item: [ItemArgument] = []
    @Option(help: "Reassign the case to this officer.") var officer: String?
    @Option(help: "The other side's reference for the request (empty clears it).") var theirRef: String?
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try Session.open(global)
        guard title != nil || facts != nil || offence != nil || !item.isEmpty || officer != nil || theirRef != nil else {
            throw CLIError.usage("case edit", "nothing to change: give --title, --facts, --offence, --their-ref, --item or --officer")
        }
        // One event, all or nothing: the fields and the new officer together.
        let inputs = ActionInputs(title: title, facts: facts, offence: offence, items: item.dictionary, officer: officer,
                                  theirRef: theirRef)
        let file = try session.store.act(.ref(ref), action: .edit, inputs: inputs, actor: session.officer,
                                         today: session.today, now: Date())
        if output.isJSON {
            try JSONOutput.print(CaseJSON(session.view(.id(file.id))))
        } else {
            print("\(file.ref): edited")
        }
    }
}

/// `case resolve REF --keep HQ|CODE --reason T` (issue 13): a supervisor keeps one copy's branch
/// of a conflict; the other branches' events are voided with the reason, nothing is deleted.
struct CaseResolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Supervisor: settle a conflict by keeping one copy's events; the other copy's are voided.",
        discussion: "A case is in conflict when headquarters and a field copy each recorded state-changing actions on it before exchanging it (cadesk import). Nothing is deleted: the events not kept stay in the history, voided with the reason. `cadesk case show REF` lists each copy's events.")
    @Argument(help: "The case reference.") var ref: String
    @Option(help: ArgumentHelp("The copy whose events are kept: HQ or a device code (FL2).", valueName: "HQ|CODE")) var keep: String
    @Option(help: "Why (recorded with the resolution).") var reason: String
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try Session.open(global)
        let inputs = ActionInputs(reason: reason, keep: keep.trimmingCharacters(in: .whitespaces).uppercased())
        let file = try session.store.act(.ref(ref), action: .resolveConflict, inputs: inputs, actor: session.officer,
                                         today: session.today, now: Date())
        if output.isJSON {
            try JSONOutput.print(CaseJSON(session.view(.id(file.id))))
        } else {
            let voided = file.events.last?.event.payload.voidedEvents?.count ?? 0
            print("\(file.ref): kept \(Sanitize.terminalSafe(inputs.keep ?? "")); \(voided) events voided -> \(file.state.rawValue)")
        }
    }
}
