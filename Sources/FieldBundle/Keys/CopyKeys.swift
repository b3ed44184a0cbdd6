import Crypto
import Foundation

/// One copy's private keys: Ed25519 to sign the bundles it sends, and an age X25519 identity to
/// open the bundles sent to it. They never enter the database (which may be group-shared); only
/// the public halves do, and the key file is found by the fingerprint of the signing key.
public struct CopyKeys: Sendable {
    /// Raw Ed25519 seed (bytes: swift-crypto's key types are not `Sendable`).
    let signingSeed: [UInt8]
    public let identity: AgeIdentity

    public init() {
        signingSeed = Array(Curve25519.Signing.PrivateKey().rawRepresentation)
        identity = AgeIdentity()
    }

    init(signingSeed: [UInt8], identity: AgeIdentity) {
        self.signingSeed = signingSeed
        self.identity = identity
    }

    public var signingKey: Curve25519.Signing.PrivateKey {
        try! Curve25519.Signing.PrivateKey(rawRepresentation: signingSeed)
    }

    public var publicKeys: PublicCopyKeys {
        PublicCopyKeys(signing: AgeBase64.encode(Array(signingKey.publicKey.rawRepresentation)),
                       recipient: identity.recipient.text)
    }

    /// The key file's text. The first key line is the age identity, so `age -d -i` cannot
    /// misread it silently: age refuses the file because of the signing line, by design.
    public var fileText: String {
        """
        # cadesk keys of one copy. Private: mode 0600, never beside the database, never sent.
        # recipient: \(identity.recipient.text)
        # signing public key: \(publicKeys.signing)
        \(identity.text)
        signing-key \(AgeBase64.encode(signingSeed))

        """
    }

    public static func parse(_ text: String) throws -> CopyKeys {
        var identity: AgeIdentity?, seed: [UInt8]?
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") && !line.isEmpty {
            if line.hasPrefix("AGE-SECRET-KEY-1") {
                identity = try AgeIdentity(String(line))
            } else if line.hasPrefix("signing-key "), let bytes = AgeBase64.decode(Array(line.dropFirst(12).utf8)), bytes.count == 32 {
                seed = bytes
            } else {
                throw AgeError.invalidKey("unexpected line in the key file")
            }
        }
        guard let identity, let seed else { throw AgeError.invalidKey("the key file lacks a key") }
        return CopyKeys(signingSeed: seed, identity: identity)
    }
}

/// The public halves, which may be stored in the database and sent to the other copies.
public struct PublicCopyKeys: Codable, Sendable, Equatable {
    /// Ed25519 public key, base64 without padding.
    public var signing: String
    /// age recipient, `age1…`.
    public var recipient: String

    public init(signing: String, recipient: String) { self.signing = signing; self.recipient = recipient }

    public var signingKey: Curve25519.Signing.PublicKey? {
        AgeBase64.decode(Array(signing.utf8)).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }

    /// Names the key file: 16 hex digits of SHA-256 of the signing key.
    public var fingerprint: String {
        SHA256.hash(data: Array(signing.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
