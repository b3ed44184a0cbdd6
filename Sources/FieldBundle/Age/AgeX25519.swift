import Crypto
import Foundation

/// Wrapping the file key to an X25519 recipient (age spec, "The X25519 recipient type"):
/// an ephemeral share, a wrap key from HKDF-SHA-256 over the shared secret, and the file key
/// sealed with ChaCha20-Poly1305 under a zero nonce (safe: every wrap key is used once).
enum AgeX25519 {
    static let type = "X25519"
    private static let label = Array("age-encryption.org/v1/X25519".utf8)

    static func wrap(fileKey: [UInt8], to recipient: AgeRecipient) throws -> AgeStanza {
        let ephemeral = Curve25519.KeyAgreement.PrivateKey()
        let share = Array(ephemeral.publicKey.rawRepresentation)
        let key = try wrapKey(secret: ephemeral, peer: recipient.publicKey, share: share,
                              recipient: Array(recipient.publicKey.rawRepresentation))
        let box = try ChaChaPoly.seal(fileKey, using: key, nonce: zeroNonce())
        return AgeStanza(type: type, arguments: [AgeBase64.encode(share)], body: Array(box.ciphertext + box.tag))
    }

    /// The file key, nil if the stanza was made for another recipient; a malformed X25519
    /// stanza is refused outright, as the specification requires.
    static func unwrap(_ stanza: AgeStanza, with identity: AgeIdentity) throws -> [UInt8]? {
        guard stanza.arguments.count == 1, let share = AgeBase64.decode(Array(stanza.arguments[0].utf8)),
              share.count == 32 else { throw AgeError.malformedHeader("bad X25519 share") }
        guard stanza.body.count == 32 else { throw AgeError.malformedHeader("bad X25519 body") }
        guard let peer = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share) else {
            throw AgeError.malformedHeader("bad X25519 share")
        }
        let key = try wrapKey(secret: identity.privateKey, peer: peer, share: share,
                              recipient: Array(identity.privateKey.publicKey.rawRepresentation))
        let box = try ChaChaPoly.SealedBox(nonce: zeroNonce(), ciphertext: stanza.body.prefix(16),
                                           tag: stanza.body.suffix(16))
        guard let fileKey = try? ChaChaPoly.open(box, using: key) else { return nil }
        return Array(fileKey)
    }

    private static func wrapKey(secret: Curve25519.KeyAgreement.PrivateKey,
                                peer: Curve25519.KeyAgreement.PublicKey,
                                share: [UInt8], recipient: [UInt8]) throws -> SymmetricKey {
        let shared: [UInt8]
        do {
            shared = try secret.sharedSecretFromKeyAgreement(with: peer).withUnsafeBytes { Array($0) }
        } catch {
            throw AgeError.malformedHeader("X25519 share is a low-order point")
        }
        // A low-order share gives the all-zero secret, which the specification forbids.
        guard shared.contains(where: { $0 != 0 }) else {
            throw AgeError.malformedHeader("X25519 share is a low-order point")
        }
        return HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: shared), salt: share + recipient,
                                      info: label, outputByteCount: 32)
    }

    private static func zeroNonce() throws -> ChaChaPoly.Nonce {
        try ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12))
    }
}
