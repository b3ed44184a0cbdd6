/// Why an age file could not be opened or a key read. Each case is a refusal, never a crash:
/// a bundle arrives from outside and is untrusted until its header MAC and every chunk verify.
public enum AgeError: Error, Equatable, Sendable {
    /// The header is not age v1 as the specification spells it (age spec, "Header").
    case malformedHeader(String)
    /// A version line other than `age-encryption.org/v1`.
    case unsupportedVersion
    /// None of the recipient stanzas opens with the given identities.
    case noMatchingIdentity
    /// The header MAC does not verify: the header was altered, or the file key is wrong.
    case headerAltered
    /// A payload chunk does not authenticate, or the payload is cut short or extended.
    case payloadAltered(String)
    /// An `age1…` or `AGE-SECRET-KEY-1…` string that is not a valid key.
    case invalidKey(String)
}

extension AgeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .malformedHeader(let why): "not an age file (\(why))"
        case .unsupportedVersion: "an age format version this program does not read"
        case .noMatchingIdentity: "not encrypted to this copy's key"
        case .headerAltered: "the header was altered or the key does not match"
        case .payloadAltered(let why): "the contents were altered or cut short (\(why))"
        case .invalidKey(let why): "not a valid age key (\(why))"
        }
    }
}
