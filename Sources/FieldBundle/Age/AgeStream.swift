import Crypto
import Foundation

/// The payload: ChaCha20-Poly1305 over 64 KiB chunks, each nonce an 11-byte big-endian counter
/// and a flag byte set only on the last chunk, so that cutting or extending the file fails
/// (age spec, "Payload"; the STREAM construction).
enum AgeStream {
    static let chunkSize = 64 * 1024
    static let tagSize = 16

    static func seal(_ plaintext: [UInt8], key: SymmetricKey) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(plaintext.count + (plaintext.count / chunkSize + 1) * tagSize)
        var start = 0, counter: UInt64 = 0
        repeat {
            let end = min(start + chunkSize, plaintext.count)
            let last = end == plaintext.count
            let box = try ChaChaPoly.seal(plaintext[start..<end], using: key, nonce: nonce(counter, last: last))
            out += box.ciphertext
            out += box.tag
            start = end
            counter += 1
        } while start < plaintext.count
        return out
    }

    static func open(_ ciphertext: ArraySlice<UInt8>, key: SymmetricKey) throws -> [UInt8] {
        guard !ciphertext.isEmpty else { throw AgeError.payloadAltered("no chunks") }
        var out: [UInt8] = []
        out.reserveCapacity(ciphertext.count)
        var start = ciphertext.startIndex, counter: UInt64 = 0
        while start < ciphertext.endIndex {
            let end = min(start + chunkSize + tagSize, ciphertext.endIndex)
            let last = end == ciphertext.endIndex
            let chunk = ciphertext[start..<end]
            guard chunk.count >= tagSize else { throw AgeError.payloadAltered("chunk too short") }
            // Only a file's sole chunk may be empty: an empty last chunk after others is refused.
            guard chunk.count > tagSize || counter == 0 else { throw AgeError.payloadAltered("empty last chunk") }
            let box = try ChaChaPoly.SealedBox(nonce: nonce(counter, last: last),
                                               ciphertext: chunk.dropLast(tagSize), tag: chunk.suffix(tagSize))
            do { out += try ChaChaPoly.open(box, using: key) } catch {
                throw AgeError.payloadAltered("chunk \(counter) does not authenticate")
            }
            start = end
            counter += 1
        }
        return out
    }

    private static func nonce(_ counter: UInt64, last: Bool) throws -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 12)
        for index in 0..<8 { bytes[3 + index] = UInt8(truncatingIfNeeded: counter >> (8 * (7 - UInt64(index)))) }
        bytes[11] = last ? 1 : 0
        return try ChaChaPoly.Nonce(data: bytes)
    }
}
