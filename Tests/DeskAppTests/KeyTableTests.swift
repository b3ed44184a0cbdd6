import Testing
import TerminalKit
@testable import DeskApp

@Suite struct KeyTableTests {
    @Test func defaultTableHasNoConflicts() {
        #expect(DeskKeys.defaults.conflicts().isEmpty)
    }
}
