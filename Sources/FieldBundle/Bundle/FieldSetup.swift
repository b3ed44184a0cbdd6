import Foundation

/// What `device add` hands to a new field copy and `join` reads: the copy's device code and
/// private keys, headquarters' public keys, and the office data as of that day. It is an age
/// file under a passphrase (scrypt), because it carries private keys: the passphrase travels
/// separately from the file (docs/bundle-format.md).
public struct FieldSetup: Codable, Sendable {
    public static let version = 1
    public var format: Int
    public var device: String
    /// Made from a training database: the field copy is one too (CLI.md, "Training databases").
    public var training: Bool
    /// The field copy's private keys, as their key file's text.
    public var keys: String
    public var headquarters: PublicCopyKeys
    public var office: OfficeSnapshot

    public init(device: String, training: Bool, keys: CopyKeys, headquarters: PublicCopyKeys, office: OfficeSnapshot) {
        format = Self.version
        self.device = device; self.training = training; self.keys = keys.fileText; self.headquarters = headquarters; self.office = office
    }

    public func fieldKeys() throws -> CopyKeys { try CopyKeys.parse(keys) }

    /// scrypt with N = 2^18: about a quarter of a second here, and as much per guess for anyone
    /// who finds the file without the passphrase.
    public func seal(passphrase: [UInt8], workFactor: Int = 18) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try Age.encrypt(Array(try encoder.encode(self)), passphrase: passphrase, workFactor: workFactor)
    }

    public static func open(_ file: [UInt8], passphrase: [UInt8]) throws -> FieldSetup {
        let json: [UInt8]
        do { json = try Age.decrypt(file, passphrase: passphrase) } catch let error as AgeError {
            throw error == .noMatchingIdentity ? BundleError.wrongPassphrase : .unreadable(error)
        }
        struct Version: Decodable { var format: Int }
        guard let version = try? JSONDecoder().decode(Version.self, from: Data(json)) else {
            throw BundleError.malformed("not a setup file")
        }
        guard version.format <= Self.version else { throw BundleError.futureVersion(version.format) }
        guard let setup = try? JSONDecoder().decode(FieldSetup.self, from: Data(json)),
              BundleFormat.isDeviceCode(setup.device), (try? setup.fieldKeys()) != nil else {
            throw BundleError.malformed("not a setup file")
        }
        return setup
    }
}
