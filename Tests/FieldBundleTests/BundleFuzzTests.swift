import Crypto
import Foundation
import Testing
@testable import FieldBundle

/// The import parser against random and mutated input, for a bounded number of rounds: every
/// outcome is a payload or a `BundleError`, never a crash or another error. The signature and
/// the age layer reject nearly every blind mutation, so mutations are also applied inside them
/// (re-signed, re-encrypted) to reach the envelope and payload parsers.
struct BundleFuzzTests {
    let fixture = BundleFixture()

    @Test func randomFilesAreRefused() throws {
        var random = SystemRandomNumberGenerator()
        for round in 0..<300 {
            let bytes = (0..<Int.random(in: 0...2000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let candidates = [bytes, Array("age-encryption.org/v1\n".utf8) + bytes]
            for candidate in candidates {
                #expect(throws: BundleError.self, "round \(round)") { try fixture.openAtHQ(candidate) }
            }
        }
    }

    @Test func mutatedFilesEnvelopesAndPayloadsNeverCrash() throws {
        let json = try BundleFixture.json(fixture.payload(events: 4))
        let envelope = BundleFixture.envelope(json: json)
        let file = try fixture.rawBundle(envelope)
        var generator = SeededGenerator(seed: 20_261_206)
        var outcomes: [String: Int] = [:]
        for round in 0..<600 {
            let candidate: [UInt8]
            switch round % 3 {
            case 0: candidate = mutate(file, &generator)
            case 1: candidate = try Age.encrypt(mutate(envelope, &generator) + [UInt8](repeating: 0, count: 64), to: [fixture.hqIdentity.recipient])
            default:
                let body = BundleFixture.envelope(json: mutate(json, &generator))
                candidate = try fixture.rawBundle(body)
            }
            do {
                _ = try fixture.openAtHQ(candidate)
                outcomes["opened", default: 0] += 1
            } catch let error as BundleError {
                outcomes[String(describing: error).prefix(24).description, default: 0] += 1
            } catch {
                Issue.record("round \(round): not a BundleError: \(error)")
            }
        }
        // The mutations reached past the age layer: the envelope and payload checks were exercised.
        #expect(outcomes.keys.contains { $0.hasPrefix("not a cadesk bundle") })
        #expect(outcomes.keys.contains { $0.hasPrefix("the contents were") || $0.hasPrefix("the header was") || $0.hasPrefix("not an age") })
    }

    private func mutate(_ bytes: [UInt8], _ generator: inout SeededGenerator) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...4, using: &generator) where !out.isEmpty {
            let position = Int.random(in: 0..<out.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: out[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
            case 1: out.remove(at: position)
            case 2: out.insert(UInt8.random(in: 0...255, using: &generator), at: position)
            case 3: out = Array(out.prefix(position))
            default: out[position] = [UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "\n"), 0, UInt8(ascii: "9")][position % 5]
            }
        }
        return out
    }
}

/// xorshift64*: reproducible rounds, so a failure names a round that can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next() -> UInt64 {
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }
}
