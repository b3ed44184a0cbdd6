/// Why a bundle is refused. Import writes nothing when any of these is thrown.
public enum BundleError: Error, Equatable, Sendable {
    /// The age layer refused: not for this copy, altered, or truncated.
    case unreadable(AgeError)
    /// The decrypted envelope is not a cadesk bundle as docs/bundle-format.md spells it.
    case malformed(String)
    /// Made by a newer cadesk: this one reads only up to `BundleFormat.version`.
    case futureVersion(Int)
    /// The sending device is not registered here (or was revoked).
    case unknownSender(String)
    /// The signature does not verify with the sender's registered key.
    case badSignature(String)
    /// An event's bytes do not match its digest or its stated id.
    case alteredEvent(String)
    /// A setup file that this passphrase does not open.
    case wrongPassphrase
}

extension BundleError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unreadable(let age): "\(age)"
        case .malformed(let why): "not a cadesk bundle (\(why))"
        case .futureVersion(let version):
            "made by a newer cadesk (format \(version); this one reads up to \(BundleFormat.version))"
        case .unknownSender(let code): "sent by \(code), which is not a registered device here"
        case .badSignature(let code): "the signature of \(code) does not verify"
        case .alteredEvent(let id): "event \(id) does not match its digest"
        case .wrongPassphrase: "wrong passphrase, or not a setup file"
        }
    }
}
