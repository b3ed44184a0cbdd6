import CaseStore
import Foundation

/// Writes an output file (setup files, bundles, identities) through the project's safe writer
/// (CLI.md "Files"): created new with mode 0600, an existing path refused unless `force`, never
/// the database or its companions, a directory, a device, or through a symlink.
func writeNewPrivateFile(_ path: String, _ bytes: [UInt8], force: Bool, what: String, database: String) throws {
    do {
        try OutputFile(path, force: force, protecting: database).write(Data(bytes))
    } catch {
        throw CLIError.output(error, what: what)
    }
}
