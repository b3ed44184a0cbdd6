import Testing
@testable import TerminalKit
#if canImport(Glibc)
import Glibc
#endif

@Suite("What the ncurses writer sends")
struct CursesWriterTests {
    init() { setlocale(LC_CTYPE, "C.UTF-8") }

    func sent(_ symbol: String) -> [UInt32] {
        var out: [wchar_t] = []
        CursesWriter.terminalScalars(Cell(symbol), into: &out)
        return out.map { UInt32(bitPattern: $0) }
    }

    @Test func plainAndWideAndCombining() {
        #expect(sent("a") == [0x61])
        #expect(sent("日") == [0x65E5])
        #expect(sent("e\u{301}") == [0x65, 0x301])
    }

    @Test func zwjSequenceIsCutToWhatFitsItsCells() {
        // 👩‍⚖️: ncurses would put ⚖ in the next cell; send the woman alone, no dangling joiner.
        #expect(sent("👩‍⚖️") == [0x1F469])
    }

    @Test func flagIsTwoOneColumnLetters() {
        #expect(sent("🇫🇷") == [0x1F1EB, 0x1F1F7])
    }
}
