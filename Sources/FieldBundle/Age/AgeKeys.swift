import Crypto
import Foundation

/// An X25519 recipient: who a file is encrypted to, written `age1…`.
public struct AgeRecipient: Equatable, Sendable {
    /// The raw 32-byte key (kept as bytes: swift-crypto's key types are not `Sendable`).
    public let bytes: [UInt8]

    public init(publicKey: Curve25519.KeyAgreement.PublicKey) { bytes = Array(publicKey.rawRepresentation) }

    public var publicKey: Curve25519.KeyAgreement.PublicKey {
        // Checked at construction: 32 bytes always make a Curve25519 public key.
        try! Curve25519.KeyAgreement.PublicKey(rawRepresentation: bytes)
    }

    public init(_ text: String) throws {
        guard let (hrp, data) = Bech32.decode(text), hrp == "age" else {
            throw AgeError.invalidKey("expected age1…")
        }
        guard data.count == 32, text == text.lowercased(),
              (try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: data)) != nil else {
            throw AgeError.invalidKey("an age1 recipient holds 32 bytes")
        }
        bytes = data
    }

    public var text: String { Bech32.encode(hrp: "age", data: bytes) }
}

/// An X25519 identity: the private key that opens files sent to its recipient, written
/// `AGE-SECRET-KEY-1…` (upper case), as `age-keygen` writes it and `age -d -i` reads it.
public struct AgeIdentity: Sendable {
    /// The raw 32-byte secret (kept as bytes: swift-crypto's key types are not `Sendable`).
    let secret: [UInt8]

    public init(privateKey: Curve25519.KeyAgreement.PrivateKey = .init()) { secret = Array(privateKey.rawRepresentation) }

    public var privateKey: Curve25519.KeyAgreement.PrivateKey {
        try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: secret)
    }

    public init(_ text: String) throws {
        guard text == text.uppercased(), let (hrp, data) = Bech32.decode(text), hrp == "age-secret-key-" else {
            throw AgeError.invalidKey("expected AGE-SECRET-KEY-1…")
        }
        guard data.count == 32, (try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: data)) != nil else {
            throw AgeError.invalidKey("an age secret key holds 32 bytes")
        }
        secret = data
    }

    public var text: String {
        Bech32.encode(hrp: "age-secret-key-", data: secret).uppercased()
    }

    public var recipient: AgeRecipient { AgeRecipient(publicKey: privateKey.publicKey) }

    /// The identity file `age -d -i FILE` reads: comments, then the key on its own line.
    public var fileText: String {
        "# created by cadesk\n# public key: \(recipient.text)\n\(text)\n"
    }

    /// Reads an identity file: `#` comments and blank lines are skipped; the first key is used.
    public static func parseFile(_ text: String) throws -> AgeIdentity {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            return try AgeIdentity(trimmed)
        }
        throw AgeError.invalidKey("no AGE-SECRET-KEY-1 line")
    }
}
