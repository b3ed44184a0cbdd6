import CaseStore
import Foundation

/// How the command line reports an output file it would not (or could not) write: one line,
/// `cadesk: COMMAND: PATH: why`, exit 2 for a path cadesk refuses, 4 when the file system fails,
/// and `--force` named where it would help (CLI.md "Files").
extension CLIError {
    static func output(_ error: any Error, what: String) -> any Error {
        let refusal: OutputFileError
        switch error {
        case let error as OutputFileError: refusal = error
        case StoreError.output(let error): refusal = error
        default: return error
        }
        let why = refusal.description + (refusal.problem == .exists ? " (--force replaces it)" : "")
        return refusal.isUsage ? CLIError.usage(what, why) : CLIError.storage(what, why)
    }
}

extension OutputFile {
    /// The file `--out PATH` names, checked for a blank path before anything else is done.
    static func named(_ path: String?, force: Bool, database: String, what: String) throws -> OutputFile? {
        guard let path else { return nil }
        do { return try OutputFile(path, force: force, protecting: database) } catch {
            throw CLIError.output(error, what: what)
        }
    }
}
