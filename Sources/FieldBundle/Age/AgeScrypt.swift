import Crypto
import _CryptoExtras
import Foundation

/// The passphrase recipient (age spec, "The scrypt recipient type"): the file key sealed under
/// scrypt(passphrase, "age-encryption.org/v1/scrypt" ‖ salt, N = 2^workFactor, r = 8, p = 1).
/// cadesk uses it for a field copy's setup file, so `age -d` with the passphrase opens it too.
enum AgeScrypt {
    static let type = "scrypt"
    private static let label = Array("age-encryption.org/v1/scrypt".utf8)
    /// Above this a file is refused before any work, as age does: 2^22 rounds take about a
    /// second and a gigabyte-sized budget; more is a way to stall the reader.
    static let maximumWorkFactor = 22

    static func wrap(fileKey: [UInt8], passphrase: [UInt8], workFactor: Int) throws -> AgeStanza {
        let salt = Age.randomBytes(16)
        let key = try derive(passphrase, salt: salt, workFactor: workFactor)
        let box = try ChaChaPoly.seal(fileKey, using: key, nonce: ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)))
        return AgeStanza(type: type, arguments: [AgeBase64.encode(salt), String(workFactor)],
                         body: Array(box.ciphertext + box.tag))
    }

    /// The file key, or nil for a wrong passphrase; a malformed stanza is refused.
    static func unwrap(_ stanza: AgeStanza, passphrase: [UInt8]) throws -> [UInt8]? {
        guard stanza.arguments.count == 2, let salt = AgeBase64.decode(Array(stanza.arguments[0].utf8)),
              salt.count == 16 else { throw AgeError.malformedHeader("bad scrypt salt") }
        let factorText = stanza.arguments[1]
        // Decimal digits only, no leading zero: one spelling per work factor.
        guard factorText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), !factorText.hasPrefix("0"),
              factorText.count <= 2, let workFactor = Int(factorText),
              (1...maximumWorkFactor).contains(workFactor) else {
            throw AgeError.malformedHeader("bad scrypt work factor")
        }
        guard stanza.body.count == 32 else { throw AgeError.malformedHeader("bad scrypt body") }
        let key = try derive(passphrase, salt: salt, workFactor: workFactor)
        let box = try ChaChaPoly.SealedBox(nonce: ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)),
                                           ciphertext: stanza.body.prefix(16), tag: stanza.body.suffix(16))
        guard let fileKey = try? ChaChaPoly.open(box, using: key) else { return nil }
        return Array(fileKey)
    }

    private static func derive(_ passphrase: [UInt8], salt: [UInt8], workFactor: Int) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: passphrase, salt: label + salt, outputByteCount: 32,
                                 rounds: 1 << workFactor, blockSize: 8, parallelism: 1)
    }
}
