import ArgumentParser
import Casework
import CaseStore
import Foundation
import TerminalKit

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The tamper-evident audit chain of events.", subcommands: [Verify.self, Head.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Recompute every event's digest and the chain; report OK or the first broken event.",
            discussion: "With --head, also fail unless the chain still passes through a head saved earlier (`cadesk audit head`, a backup's .head file): a truncated, rewritten or replaced record no longer does.")
        @Option(help: ArgumentHelp("A head saved earlier: a file holding COUNT:DIGEST, or COUNT:DIGEST itself.", valueName: "file"))
        var head: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let anchor = try head.map(Self.readHead)
            let store = try CaseStore.openForInspection(path: global.databasePath)
            let report = try store.verifyAudit()
            let notExtending = try anchor.flatMap(store.reasonNotExtending)
            if output.isJSON { try JSONOutput.print(report) } else if let broken = report.firstBroken {
                // Ids and references come from the file, which may have been tampered with.
                let place = Sanitize.terminalSafe(broken.id + (broken.ref.map { ", case \($0)" } ?? ""))
                print("BROKEN at event \(broken.seq)\(place.isEmpty ? "" : " (\(place))"): \(broken.problem): \(broken.explanation)")
            } else if notExtending == nil {
                print("OK: \(report.events) events, chain head \(report.head)" + (anchor.map { "; extends the saved head \($0.events):\($0.digest.prefix(12))…" } ?? ""))
            }
            if let broken = report.firstBroken {
                throw CLIError.storage("audit verify", "the chain is broken at event \(broken.seq) (\(broken.problem)): \(broken.explanation)")
            }
            if let notExtending, let anchor {
                throw CLIError.storage("audit verify", "the chain no longer extends the saved head \(anchor.events):\(anchor.digest.prefix(12))…: \(notExtending)")
            }
        }

        /// `COUNT:DIGEST` given inline, or the file holding it.
        static func readHead(_ given: String) throws -> ChainHead {
            if let inline = ChainHead(text: given) { return inline }
            // Only a regular file: opening a fifo would wait for a writer, a device never ends.
            let type = (try? FileManager.default.attributesOfItem(atPath: given))?[.type] as? FileAttributeType
            guard type == .typeRegular, let handle = FileHandle(forReadingAtPath: given) else {
                throw CLIError.usage("audit verify", "--head \(given): neither COUNT:DIGEST nor a readable file")
            }
            defer { try? handle.close() }
            let text = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
            guard let head = ChainHead(text: text) else {
                throw CLIError.usage("audit verify", "--head \(given): the file does not hold a chain head (COUNT:DIGEST, as `cadesk audit head` prints it)")
            }
            return head
        }
    }

    struct Head: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "head", abstract: "Print the chain head: the number of events and the last chain value, as COUNT:DIGEST.",
            discussion: "Keep it outside the database (print it in the weekly report, mail it to the supervisor); `cadesk audit verify --head COUNT:DIGEST` later tells whether the record still extends it.")
        @OptionGroup var output: OutputOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let store = try CaseStore.openForInspection(path: global.databasePath)
            let head = try store.chainHead()
            if output.isJSON { try JSONOutput.print(head) } else { print(head.description) }
        }
    }
}

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Blank the personal data of closed cases kept past the retention period (art. 36; supervisors only).",
        discussion: "Titles, facts, persons, free text and notes are blanked; references, dates, states, grounds, links and the conditions that outlast a case (use limitations, 40.19; onward transfers, 36.3) stay. Each case gets a purge event; the audit chain still verifies. The retention period is the policy's retention_years.")
    @Option(help: ArgumentHelp("Purge cases closed before this date (at most today minus retention_years, plus one day).", valueName: "date"))
    var closedBefore: CivilDate
    @Option(help: "Why the data are purged, recorded with each purge event.") var reason: String
    @Flag(help: "List the cases that would be purged; change nothing.") var dryRun = false
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try Session.open(global)
        let report = try session.store.purge(closedBefore: closedBefore, reason: reason, actor: session.officer,
                                             today: session.today, now: Date(), dryRun: dryRun)
        if output.isJSON { try JSONOutput.print(report); return }
        for ref in report.cases { print(ref) }
        let verb = dryRun ? "would purge" : "purged"
        print("\(verb) \(report.cases.count) case\(report.cases.count == 1 ? "" : "s") closed before \(closedBefore) (\(report.events) event\(report.events == 1 ? "" : "s") blanked)")
    }
}
