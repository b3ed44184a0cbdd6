import ArgumentParser
import CanonicalEvents
import Casework
import CaseStore
import FieldBundle
import Foundation
import TerminalKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a bundle of cases for another copy: signed by this copy, encrypted to the other.",
        discussion: "A field copy exports to headquarters; headquarters exports to a field copy with --to CODE (by default the cases of that copy's officers). Cases are sent whole.")
    @Option(help: ArgumentHelp("The bundle file to create (mode 0600).", valueName: "file")) var out: String
    @Option(help: ArgumentHelp("The device it is for (headquarters: required; a field copy: HQ).", valueName: "code")) var to: String?
    @Option(name: .customLong("case"), help: ArgumentHelp("Only this case (repeat).", valueName: "ref")) var refs: [String] = []
    @Option(help: ArgumentHelp("Only this officer's cases.", valueName: "name")) var officer: String?
    @Option(help: ArgumentHelp("Only cases with an event recorded on or after this day (YYYY-MM-DD).", valueName: "date")) var since: CivilDate?
    @Flag(help: "Replace the bundle file if it exists.") var force = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try Session.open(global)
        try session.require(.exportBundle)
        let store = session.store
        let own = try store.deviceCode()
        let code = try recipientCode(own: own)
        guard let device = try store.device(code) else { throw CLIError.usage("export", "\(code): no such device (see cadesk device list)") }
        if let revoked = device.revoked { throw CLIError.refused("export", "\(code) was revoked on \(revoked)") }
        let selection = ExchangeSelection(refs: refs, officers: officer.map { [$0] } ?? (own.isEmpty && refs.isEmpty ? device.officers : []),
                                          since: since)
        let events = try store.exchangedEvents(selection)
        let keys = try CopyKeyring.keys(of: store, environment: global.environment, creating: false)
        let head = try store.chainHead()
        let payload = BundlePayload(
            sender: own.isEmpty ? "HQ" : own, recipient: code, training: session.isTraining,
            made: ISO8601DateFormatter().string(from: Date()), chainHead: FieldBundle.ChainHead(events: head.events, head: head.digest),
            events: events.map(BundleEvent.init),
            office: own.isEmpty ? try OfficeSnapshots.take(store, officers: device.officers) : nil)
        let file = try BundleFormat.seal(payload, signingKey: keys.signingKey, to: [try AgeRecipient(device.recipient)])
        try writeNewPrivateFile(out, file, force: force, what: "export", database: global.databasePath)
        print("\(out): \(events.count) events of \(Set(events.map(\.caseID)).count) cases for \(code)")
    }

    private func recipientCode(own: String) throws -> String {
        if own.isEmpty {
            guard let to, to != "HQ" else { throw CLIError.usage("export", "headquarters exports to a field copy: give --to CODE") }
            return to
        }
        guard to == nil || to == "HQ" else { throw CLIError.usage("export", "a field copy exports to headquarters only") }
        return "HQ"
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge a bundle from another copy: all or nothing, and importing it twice changes nothing.",
        discussion: "Refused whole (exit 4), writing nothing, when the bundle is not for this copy, altered, cut short, unsigned or signed by an unknown or revoked device, or from a newer cadesk. A case both copies changed keeps both histories; where both moved it, it is marked CONFLICT until a supervisor runs cadesk case resolve. A purge made by the sender reaches this copy, with any events of the case it lacks arriving blanked; headquarters takes no events into a case it purged (they stay on the field copy, and import names them).")
    @Argument(help: "The bundle file (from cadesk export).") var file: String
    @Flag(name: .customLong("dry-run"), help: "Say what would be added, what would conflict, what is already here and what would be refused; write nothing.")
    var dryRun = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try Session.open(global)
        try session.require(.importBundle)
        let store = session.store
        guard let bytes = FileManager.default.contents(atPath: file) else { throw CLIError.usage("import", "cannot read \(file)") }
        let payload = try open(Array(bytes), store: store)
        let own = try store.deviceCode()
        guard payload.recipient == (own.isEmpty ? "HQ" : own) else {
            throw CLIError.storage("import", "\(file): made for \(payload.recipient), not for this copy")
        }
        guard payload.training == session.isTraining else {
            throw CLIError.storage("import", "\(file): a training database never exchanges bundles with an office one")
        }
        let events = payload.events.map(\.exchanged)
        // Office data flows out only: from headquarters to a field copy, never back.
        let office = own.isEmpty || payload.sender != "HQ" ? nil : payload.office.map(OfficeSnapshots.data)
        let sender = BundleSender(device: payload.sender, chainEvents: payload.chainHead.events, chainHead: payload.chainHead.head)
        let plan = try merge(events, from: sender, office: office, into: store)
        report(plan, from: payload.sender)
        if office != nil, plan.problems.isEmpty {
            print(dryRun ? "Would take headquarters' policy, holidays, directory and officers" : "Took headquarters' policy, holidays, directory and officers")
        }
        if let problem = plan.problems.first {
            let more = plan.problems.count > 1 ? " (and \(plan.problems.count - 1) more)" : ""
            throw CLIError.storage("import", "\(file): \(problem)\(more); nothing was imported")
        }
    }

    private func merge(_ events: [ExchangedEvent], from sender: BundleSender, office: OfficeData?,
                       into store: CaseStore) throws -> ImportPlan {
        let result: Result<ImportPlan, StoreError>
        if dryRun {
            result = Result { () throws(StoreError) in try store.planImport(events, from: sender) }
        } else {
            result = Result { () throws(StoreError) in try store.applyImport(events, from: sender, office: office) }
        }
        switch result {
        case .success(let plan): return plan
        case .failure(.invalid(let why)): throw CLIError.storage("import", "\(file): \(why); nothing was imported")
        case .failure(let error): throw error
        }
    }

    /// Decrypts and checks the signature against the registered, unrevoked sender.
    private func open(_ bytes: [UInt8], store: CaseStore) throws -> BundlePayload {
        let keys = try CopyKeyring.keys(of: store, environment: global.environment, creating: false)
        let devices = try store.devices()
        do {
            return try BundleFormat.open(bytes, identity: keys.identity) { code in
                devices.first { $0.code == code && $0.revoked == nil }
                    .flatMap { PublicCopyKeys(signing: $0.signingKey, recipient: $0.recipient).signingKey }
            }
        } catch BundleError.unknownSender(let code) {
            if let revoked = devices.first(where: { $0.code == code })?.revoked {
                throw CLIError.storage("import", "\(file): sent by \(code), which was revoked on \(revoked)")
            }
            throw CLIError.storage("import", "\(file): sent by \(code), which is not a registered device here")
        } catch let error as BundleError {
            throw CLIError.storage("import", "\(file): \(error)")
        }
    }

    private func report(_ plan: ImportPlan, from sender: String) {
        let verb = dryRun ? "Would add" : plan.problems.isEmpty ? "Added" : "Refused"
        var lines = ["\(verb) \(plan.added) events from \(sender): \(plan.newCases.count) new cases, \(plan.updatedCases.count) updated; \(plan.alreadyThere) already here"]
        if !plan.newCases.isEmpty { lines.append("new: " + plan.newCases.joined(separator: " ")) }
        if !plan.updatedCases.isEmpty { lines.append("updated: " + plan.updatedCases.joined(separator: " ")) }
        // Changed on both copies: both histories kept (issue 13).
        let conflicts = Set(plan.conflicts)
        let merged = plan.divergedCases.filter { !conflicts.contains($0) }
        if !merged.isEmpty {
            lines.append("\(dryRun ? "would merge" : "merged") (changed on both copies, no conflict): " + merged.joined(separator: " "))
        }
        if !plan.conflicts.isEmpty {
            lines.append("\(dryRun ? "would conflict" : "conflict") (both copies moved the case; a supervisor keeps one with cadesk case resolve): "
                         + plan.conflicts.joined(separator: " "))
        }
        if plan.addedBlanked > 0 {
            lines.append("\(plan.addedBlanked) of them \(dryRun ? "would arrive" : "arrived") blanked by \(sender)'s purge (art. 36): digests kept, no personal data")
        }
        if !plan.purgedElsewhere.isEmpty {
            lines.append("left out (purged at \(sender), art. 36; never held here): " + plan.purgedElsewhere.joined(separator: " "))
        }
        if !plan.heldBack.isEmpty {
            lines.append("held back (purged here, art. 36; \(sender) keeps them; a supervisor records anything still needed as a new case): "
                         + plan.heldBack.joined(separator: " "))
        }
        if !plan.unsentOnPurged.isEmpty {
            lines.append("purged at \(sender) while this copy had unsent events (art. 36): they stay here, and \(sender) will not take them; a supervisor reviews them with cadesk case show and records anything still needed at \(sender) as a new case: "
                         + plan.unsentOnPurged.joined(separator: " "))
        }
        for problem in plan.problems { lines.append("refused: " + problem) }
        print(Sanitize.terminalSafeMultiline(lines.joined(separator: "\n")))
    }
}
