import ArgumentParser
import Casework
import CaseStore
import Foundation
import TerminalKit

/// `cadesk` alone opens the terminal interface; `cadesk COMMAND …` runs one command (CLI.md).
// Every command names itself (`commandName`): a name derived from the type goes through
// `String(describing:)`, a scan of every protocol conformance of the statically linked runtime,
// and cost a fifth of each command's run (issue 14).
@main
struct Cadesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cadesk",
        abstract: "Case management for a central authority: mutual legal assistance and preservation of electronic data.",
        discussion: """
            With no command, opens the terminal interface on the database.
            Exit codes: 0 done, 2 usage, 3 refused by a rule, 4 storage, 1 anything else.
            """,
        subcommands: [
            CaseCommand.self, DeadlinesCommand.self, WorkflowCommand.self, InitCommand.self,
            OfficerCommand.self, PolicyCommand.self, HolidaysCommand.self, DirectoryCommand.self,
            AuditCommand.self, PurgeCommand.self, BackupCommand.self, RestoreCommand.self, AdminCommand.self,
            DemoCommand.self, LetterCommand.self, DeviceCommand.self, JoinCommand.self, ExportCommand.self, ImportCommand.self,
            KeysCommand.self, ReportCommand.self, DashboardCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try openInterface(global)
    }

    /// Parses, runs, and turns every error into one line on stderr and the exit code of CLI.md.
    static func main() {
        do {
            var command = try FastDispatch.command(for: Array(CommandLine.arguments.dropFirst())) ?? parseAsRoot()
            try command.run()
            DailyBackup.afterCommand()
        } catch {
            let (code, message) = report(error)
            if code == 0 {
                print(message)
            } else if !message.isEmpty {
                // Every part of an error line can come from outside (argv, a path, stored data):
                // the whole line is made terminal-safe here, in the one place errors are printed.
                FileHandle.standardError.write(Data((Sanitize.terminalSafe(message) + "\n").utf8))
            }
            Foundation.exit(code)
        }
    }

    /// The exit code and the message for an error (CLI.md: 0, 2 usage, 3 refused, 4 storage, 1 bug).
    static func report(_ error: Error) -> (Int32, String) {
        switch error {
        case let error as CLIError:
            return (error.code, "cadesk: \(Sanitize.terminalSafe(error.what)): \(Sanitize.terminalSafe(error.why))")
        case let error as OutputFileError:
            return report(StoreError.output(error))
        case let error as StoreError:
            return (CLIError.code(for: error), "cadesk: \(Sanitize.terminalSafe(CLIError.describe(error) + CLIError.advice(error)))")
        case let error as CaseworkError:
            // Same exit code as when the store reports it.
            return report(StoreError.refused(error))
        default:
            let code = exitCode(for: error)
            if code == .success {  // --help, --version
                return (0, fullMessage(for: error))
            }
            let message = Cadesk.message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "\(error)"
            // swift-argument-parser's usage errors (64) are exit 2 here, on one line; anything
            // else unexpected is a bug (exit 1) and says what it was.
            if code == .validationFailure {
                return (2, "cadesk: usage: \(Sanitize.terminalSafe(message))")
            }
            return (1, "cadesk: \(Sanitize.terminalSafe(message))")
        }
    }
}
