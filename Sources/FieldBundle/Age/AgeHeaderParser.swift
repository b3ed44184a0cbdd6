/// Reads an age v1 header strictly: every deviation the specification forbids is refused,
/// since a lenient parser would let two byte strings carry one MAC.
struct AgeHeaderParser {
    private let bytes: [UInt8]
    private var position = 0

    static func parse(_ bytes: [UInt8]) throws -> AgeHeader {
        var parser = AgeHeaderParser(bytes: bytes)
        return try parser.header()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func header() throws -> AgeHeader {
        guard let version = nextLine() else { throw AgeError.malformedHeader("no version line") }
        guard version.starts(with: Array("age-encryption.org/".utf8)) else {
            throw AgeError.malformedHeader("no age version line")
        }
        guard version.elementsEqual(AgeHeader.versionLine.utf8) else { throw AgeError.unsupportedVersion }
        var stanzas: [AgeStanza] = []
        while true {
            let lineStart = position
            guard let line = nextLine() else { throw AgeError.malformedHeader("no MAC line") }
            if line.starts(with: Array("---".utf8)) {
                let mac = try macLine(line)
                return AgeHeader(stanzas: stanzas, mac: mac, macInput: Array(bytes[..<(lineStart + 3)]),
                                 payloadOffset: position)
            }
            stanzas.append(try stanza(firstLine: line))
        }
    }

    private func macLine(_ line: ArraySlice<UInt8>) throws -> [UInt8] {
        guard line.starts(with: Array("--- ".utf8)), line.count == 4 + 43,
              let mac = AgeBase64.decode(line.dropFirst(4)), mac.count == 32 else {
            throw AgeError.malformedHeader("bad MAC line")
        }
        return mac
    }

    private mutating func stanza(firstLine line: ArraySlice<UInt8>) throws -> AgeStanza {
        guard line.starts(with: Array("-> ".utf8)) else { throw AgeError.malformedHeader("expected a stanza") }
        let words = line.dropFirst(3).split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard !words.isEmpty, words.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isVisible) }) else {
            throw AgeError.malformedHeader("bad stanza arguments")
        }
        let strings = words.map { String(decoding: $0, as: UTF8.self) }
        return AgeStanza(type: strings[0], arguments: Array(strings.dropFirst()), body: try stanzaBody())
    }

    private mutating func stanzaBody() throws -> [UInt8] {
        var encoded: [UInt8] = []
        while true {
            guard let line = nextLine() else { throw AgeError.malformedHeader("stanza body cut short") }
            guard line.count <= 64, let _ = AgeBase64.decode(line) else {
                throw AgeError.malformedHeader("bad stanza body line")
            }
            encoded += line
            if line.count < 64 { break }
        }
        guard let body = AgeBase64.decode(encoded) else { throw AgeError.malformedHeader("bad stanza body") }
        return body
    }

    /// The next line without its `\n`, or nil at the end of the input (a header line must end in
    /// `\n`; a carriage return is not a visible character and fails wherever it appears).
    private mutating func nextLine() -> ArraySlice<UInt8>? {
        guard let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        defer { position = end + 1 }
        return bytes[position..<end]
    }

    private static func isVisible(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7e }
}
