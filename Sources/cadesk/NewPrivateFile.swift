import Foundation
import Letters

/// Writes an output file (setup files, bundles, identities) as CLI.md requires, through the
/// project's one output-file writer: created new with mode 0600, an existing path refused unless
/// `force`, never the database, a directory, a device, or through a symlink.
func writeNewPrivateFile(_ path: String, _ bytes: [UInt8], force: Bool, what: String, database: String) throws {
    do {
        try OutputFile.write(Data(bytes), to: path, force: force, database: database, what: what)
    } catch let error as OutputFileError {
        throw error.refused ? CLIError.usage(what, error.why) : CLIError.storage(what, error.why)
    }
}
