import ArgumentParser
import Casework
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who is acting (CLI.md, "Identity"). With `officer_identity` = account the officer is the
/// system account of the process's real user id, read from the password database: `$USER` and
/// `$LOGNAME` are set by whoever starts the process, so they prove nothing.
enum Identity {
    /// The login name of the real user id, or nil when the password database has no entry.
    static var accountName: String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        let text = String(cString: name)
        return text.isEmpty ? nil : text
    }

    static func actingOfficer(_ global: GlobalOptions, policy: Policy) throws -> String {
        let named = global.namedOfficer
        switch policy.officerIdentity {
        case .name:
            return named ?? accountName ?? "uid-\(getuid())"
        case .account:
            guard let account = accountName else {
                throw CLIError.refused("identity", "user id \(getuid()) has no account in the password database, and this office identifies officers by their account (officer_identity = account)")
            }
            if let named, named != account {
                throw CLIError.refused(named, "this office identifies officers by their system account (officer_identity = account): you are logged in as \(account) and may act only as \(account)")
            }
            return account
        }
    }
}
