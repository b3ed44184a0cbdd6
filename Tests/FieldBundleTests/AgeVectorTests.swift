import Crypto
import Foundation
import Testing
@testable import FieldBundle

/// The age test vectors of C2SP/CCTV (the X25519, scrypt, header and STREAM ones; armored and
/// post-quantum files are out of scope): each must succeed with the right payload, or fail
/// for the reason it states. The vectors are another project's files and are not kept in this
/// repository: set CADESK_AGE_VECTORS to a folder of them (CCTV's `age/testdata`, decompressed)
/// to run these. Interoperability with Debian's `age` is tested on every run (AgeInteropTests).
private let ageVectorFolder: URL? = ProcessInfo.processInfo.environment["CADESK_AGE_VECTORS"]
    .flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }

@Suite(.enabled(if: ageVectorFolder != nil, "CADESK_AGE_VECTORS names no folder of age test vectors"))
struct AgeVectorTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        let name: String
        let fields: [String: [String]]
        let file: [UInt8]
        var testDescription: String { name }
        var expect: String { fields["expect"]?.first ?? "" }
    }

    static let folder = ageVectorFolder

    static let vectors: [Vector] = {
        guard let folder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return nil }
            let bytes = Array(data)
            guard let blank = bytes.indices.first(where: { bytes[$0] == 10 && $0 + 1 < bytes.count && bytes[$0 + 1] == 10 })
            else { return nil }
            var fields: [String: [String]] = [:]
            for line in String(decoding: bytes[..<blank], as: UTF8.self).split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[String(line[..<colon]), default: []].append(String(line[line.index(colon, offsetBy: 2)...]))
            }
            return Vector(name: name, fields: fields, file: Array(bytes[(blank + 2)...]))
        }
    }()

    @Test func theVectorsAreThere() {
        #expect(Self.vectors.count > 80)
    }

    @Test(arguments: vectors)
    func vector(_ vector: Vector) throws {
        let result = Result { try decrypt(vector) }
        switch (vector.expect, result) {
        case ("success", .success(let plaintext)):
            let digest = SHA256.hash(data: plaintext).map { String(format: "%02x", $0) }.joined()
            #expect(digest == vector.fields["payload"]?.first)
        case ("success", .failure(let error)):
            Issue.record("\(vector.name) should open: \(error)")
        case (let expected, .success):
            Issue.record("\(vector.name) opened, expected \(expected)")
        case ("no match", .failure(let error)):
            #expect(error as? AgeError == .noMatchingIdentity, "\(error)")
        case ("HMAC failure", .failure(let error)):
            #expect(error as? AgeError == .headerAltered, "\(error)")
        case ("payload failure", .failure(let error)):
            guard case .payloadAltered = error as? AgeError else { Issue.record("\(error)"); return }
        case ("header failure", .failure(let error)):
            #expect(error is AgeError, "\(error)")
            #expect(error as? AgeError != .headerAltered && error as? AgeError != .noMatchingIdentity, "\(error)")
        case (let expected, .failure):
            Issue.record("unknown expectation \(expected)")
        }
    }

    private func decrypt(_ vector: Vector) throws -> [UInt8] {
        if let passphrases = vector.fields["passphrase"] {
            var lastError: Error = AgeError.noMatchingIdentity
            for passphrase in passphrases {
                do { return try Age.decrypt(vector.file, passphrase: Array(passphrase.utf8)) } catch { lastError = error }
            }
            throw lastError
        }
        let identities = try (vector.fields["identity"] ?? []).map { try AgeIdentity($0) }
        return try Age.decrypt(vector.file, with: identities)
    }
}
