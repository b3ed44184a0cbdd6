import Testing
@testable import FieldBundle

struct AgeKeyTests {
    @Test func keysRoundTripThroughTheirText() throws {
        let identity = AgeIdentity()
        #expect(identity.text.hasPrefix("AGE-SECRET-KEY-1") && identity.text.count == 74)
        #expect(identity.recipient.text.hasPrefix("age1") && identity.recipient.text.count == 62)
        #expect(try AgeIdentity(identity.text).recipient == identity.recipient)
        #expect(try AgeRecipient(identity.recipient.text) == identity.recipient)
    }

    @Test func aKnownIdentityGivesItsKnownRecipient() throws {
        // A test-only key pair made by Debian's `age-keygen` (1.1.1).
        let identity = try AgeIdentity("AGE-SECRET-KEY-1NC7CCV96EGV09G5MDCQ2VVTC5GDEAS8U9Q0NU2FNPJ6GRVWH2LKS2G6YF7")
        #expect(identity.text == "AGE-SECRET-KEY-1NC7CCV96EGV09G5MDCQ2VVTC5GDEAS8U9Q0NU2FNPJ6GRVWH2LKS2G6YF7")
        #expect(identity.recipient.text == "age1kq7t50sclg3s4csga7ejxl4gmryqlrphmw082qr2st7mmnqc9anqea6l5l")
    }

    @Test func badKeyTextIsRefused() {
        let good = AgeIdentity()
        var flipped = Array(good.recipient.text)
        flipped[10] = flipped[10] == "q" ? "p" : "q"
        for text in ["", "age1", String(flipped), good.recipient.text.uppercased(), good.text.lowercased(),
                     "AGE-SECRET-KEY-1" + String(repeating: "Q", count: 58), good.recipient.text + "q"] {
            #expect(throws: AgeError.self, "\(text)") { _ = try AgeRecipient(text) }
            #expect(throws: AgeError.self, "\(text)") { _ = try AgeIdentity(text) }
        }
        #expect(throws: AgeError.self) { _ = try AgeIdentity(good.recipient.text) }
        #expect(throws: AgeError.self) { _ = try AgeRecipient(good.text) }
    }

    @Test func passphraseFilesOpenOnlyWithThePassphrase() throws {
        let file = try Age.encrypt(Array("setup".utf8), passphrase: Array("correct horse".utf8), workFactor: 10)
        #expect(try Age.decrypt(file, passphrase: Array("correct horse".utf8)) == Array("setup".utf8))
        #expect(throws: AgeError.noMatchingIdentity) { try Age.decrypt(file, passphrase: Array("wrong".utf8)) }
        #expect(throws: AgeError.noMatchingIdentity) { try Age.decrypt(file, with: [AgeIdentity()]) }
    }
}
