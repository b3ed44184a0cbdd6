import Crypto
import Foundation

/// age v1 (https://age-encryption.org/v1, C2SP) with X25519 and scrypt recipients, built on
/// swift-crypto: what cadesk encrypts opens with `age -d`, and what `age` encrypts opens here.
public enum Age {
    /// Encrypts `plaintext` to every recipient: a fresh 16-byte file key wrapped once per
    /// recipient, a header MAC, then a 16-byte nonce and the STREAM payload.
    public static func encrypt(_ plaintext: [UInt8], to recipients: [AgeRecipient]) throws -> [UInt8] {
        precondition(!recipients.isEmpty, "an age file needs at least one recipient")
        let fileKey = randomBytes(16)
        return try seal(plaintext, fileKey: fileKey,
                        stanzas: recipients.map { try AgeX25519.wrap(fileKey: fileKey, to: $0) })
    }

    /// Encrypts under a passphrase (one scrypt stanza, as the specification requires).
    public static func encrypt(_ plaintext: [UInt8], passphrase: [UInt8], workFactor: Int = 18) throws -> [UInt8] {
        let fileKey = randomBytes(16)
        let stanza = try AgeScrypt.wrap(fileKey: fileKey, passphrase: passphrase, workFactor: workFactor)
        return try seal(plaintext, fileKey: fileKey, stanzas: [stanza])
    }

    /// Decrypts with the first identity that opens a stanza; refuses (throws `AgeError`)
    /// anything malformed, altered, truncated or meant for someone else.
    public static func decrypt(_ file: [UInt8], with identities: [AgeIdentity]) throws -> [UInt8] {
        try open(file) { header in
            for stanza in header.stanzas where stanza.type == AgeX25519.type {
                for identity in identities {
                    if let fileKey = try AgeX25519.unwrap(stanza, with: identity) { return fileKey }
                }
            }
            return nil
        }
    }

    /// Decrypts a passphrase-protected file.
    public static func decrypt(_ file: [UInt8], passphrase: [UInt8]) throws -> [UInt8] {
        try open(file) { header in
            guard let stanza = header.stanzas.first(where: { $0.type == AgeScrypt.type }) else { return nil }
            return try AgeScrypt.unwrap(stanza, passphrase: passphrase)
        }
    }

    private static func seal(_ plaintext: [UInt8], fileKey: [UInt8], stanzas: [AgeStanza]) throws -> [UInt8] {
        var out = AgeHeader.macInput(for: stanzas)
        let mac = HMAC<SHA256>.authenticationCode(for: out, using: headerKey(fileKey))
        out += Array((" " + AgeBase64.encode(Array(mac)) + "\n").utf8)
        let nonce = randomBytes(16)
        out += nonce
        out += try AgeStream.seal(plaintext, key: payloadKey(fileKey, nonce: nonce))
        return out
    }

    private static func open(_ file: [UInt8], fileKey find: (AgeHeader) throws -> [UInt8]?) throws -> [UInt8] {
        let header = try AgeHeaderParser.parse(file)
        // An scrypt stanza must stand alone: mixed with others it would let a passphrase holder
        // be tricked into reading a file that others can also read (age spec).
        if header.stanzas.contains(where: { $0.type == AgeScrypt.type }), header.stanzas.count != 1 {
            throw AgeError.malformedHeader("an scrypt stanza must be the only one")
        }
        guard let fileKey = try find(header) else { throw AgeError.noMatchingIdentity }
        guard fileKey.count == 16 else { throw AgeError.malformedHeader("bad file key") }
        guard HMAC<SHA256>.isValidAuthenticationCode(header.mac, authenticating: header.macInput,
                                                     using: headerKey(fileKey)) else { throw AgeError.headerAltered }
        let payload = file[header.payloadOffset...]
        guard payload.count >= 16 else { throw AgeError.payloadAltered("no payload nonce") }
        let nonce = Array(payload.prefix(16))
        return try AgeStream.open(payload.dropFirst(16), key: payloadKey(fileKey, nonce: nonce))
    }

    private static func headerKey(_ fileKey: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: fileKey), salt: [UInt8](),
                               info: Array("header".utf8), outputByteCount: 32)
    }

    private static func payloadKey(_ fileKey: [UInt8], nonce: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: fileKey), salt: nonce,
                               info: Array("payload".utf8), outputByteCount: 32)
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        SymmetricKey(size: .init(bitCount: count * 8)).withUnsafeBytes { Array($0) }
    }
}
