import Testing
@testable import CaseStore

@Test func opensInMemory() throws {
    _ = try CaseStore.inMemory()
}
