import ArgumentParser
import Casework
import CaseStore
import ReportLayout
import Foundation

/// `cadesk report`: the office's statistics over a period (issue 10 §3; art. 57.6).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The office's statistics over a period: requests, decisions, times, preservation, consultations, urgent requests.",
        discussion: """
            Requests count by the date received (incoming) or sent (outgoing); drafts are not counted.
            Decisions count by the date decided; voided events never count. A refusal on several \
            grounds counts once among refusals and once under each ground; our refusals and the \
            other States' are separate tables. Ages are calendar days; medians and p90 by nearest rank.
            --format csv --out DIR creates a new folder with one file per table (DIR/requests.csv …); \
            --out FILE.csv writes every table into one file, one section per table. --force lets an \
            existing folder receive the files (replacing only files of the same names) or replaces a file.
            """)

    @Option(help: "First day of the period, YYYY-MM-DD.") var from: CivilDate
    @Option(help: "Last day of the period, YYYY-MM-DD (included).") var to: CivilDate
    @Option(help: "text, csv or json.") var format: ReportFormat = .text
    @Flag(help: "Same as --format json.") var json = false
    @Option(help: "Write to this new file (or, for csv, a new folder) instead of standard output.") var out: String?
    @Flag(help: "With --out: replace an existing regular file, or write into an existing folder.") var force = false
    @OptionGroup var global: GlobalOptions

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

    func validate() throws {
        if from > to { throw ValidationError("--from (\(from)) is after --to (\(to))") }
        if force && out == nil { throw ValidationError("--force needs --out") }
        if json && format != .text && format != .json { throw ValidationError("--json and --format \(format.rawValue) exclude each other") }
    }

    var chosen: ReportFormat { json ? .json : format }
    /// csv to a path not ending in .csv: a folder of one file per table.
    var writesFolder: Bool { chosen == .csv && !(out ?? "").lowercased().hasSuffix(".csv") && out != nil }

    func run() throws {
        // A path that would be refused is refused before the report is counted.
        if let out, !writesFolder {
            do { try OutputFile.named(out, force: force, database: global.databasePath, what: "report")?.check() } catch {
                throw CLIError.output(error, what: "report")
            }
        }
        let folder = try writesFolder ? outputFolder() : nil
        let session = try Session.open(global, for: .reading)
        let report = try session.store.officeReport(ReportPeriod(from: from, to: to)!)
        let tables = ReportTables.tables(report, office: session.policy.officeName, state: session.policy.stateCode)
        if let folder {
            let files = tables.map { (name: "\($0.id).csv", data: Data(ReportFormats.csv($0).utf8)) }
            do { try folder.write(files) } catch where error.problem == .exists {
                throw CLIError.usage("report", "\(error.path): the folder already exists; cadesk makes a new one (--force writes the report's files into it)")
            } catch {
                throw CLIError.output(error, what: "report")
            }
            let shown = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
            print("\(tables.count) tables -> \(TextTables.safe(shown))")
            return
        }
        let text: String
        switch chosen {
        case .text: text = ReportFormats.text(tables)
        case .csv: text = ReportFormats.csvSections(tables)
        case .json: text = try ReportFormats.json(tables)
        }
        if let out {
            let file = try OutputFile.named(out, force: force, database: global.databasePath, what: "report")!
            do { try file.write(Data(text.utf8)) } catch { throw CLIError.output(error, what: "report") }
        } else {
            print(text, terminator: "")
        }
    }

    func outputFolder() throws -> OutputFolder {
        do { return try OutputFolder(out!, force: force, protecting: global.databasePath) } catch {
            throw CLIError.output(error, what: "report")
        }
    }
}
