import CaseStore
import Casework
import Letters
import TerminalKit

/// Opens the terminal interface on `store` for `session` and returns when the officer quits.
///
/// - The key file named by `session.keyFile` is read first: a mistake in it throws a
///   `KeyTableError` (naming the line) before the screen is taken over.
/// - The terminal is always given back (also on a thrown error or a signal).
/// - Changes made by other processes are picked up every `session.pollMilliseconds`
///   (the store's `dataVersion`), without a key press.
///
/// ```swift
/// try runDesk(store: store, session: DeskSession(officer: "a.moreau", role: .supervisor,
///             today: today, noColor: flags.noColor, keyFile: keysPath,
///             loadDemo: { try Demo.load(into: store, today: today) }))
/// ```
public func runDesk(store: any CaseRepository, session: DeskSession) throws {
    let file = try DeskKeyFile.read(session.keyFile)
    let backend = try CursesBackend(noColor: session.noColor, mouse: file.mouse)
    defer { backend.restore() }
    try runDesk(store: store, session: session, keys: file.keys, backend: backend)
}

/// The same on any backend (tests drive a `MemoryBackend`).
func runDesk(store: any CaseRepository, session: DeskSession, keys: KeyTable<DeskCommand>,
             backend: any Backend) throws {
    let env = DeskEnvironment(store: store, session: session, keys: keys)
    // The first frame comes before the dashboard's figures: they are counted on the tick
    // right after it (at 100,000 cases the figures take longer than the rest of the start).
    let initial = DeskState.start(env: env, size: backend.size, countLater: true)
    _ = try Terminal.run(initial, backend: backend, tickMilliseconds: session.pollMilliseconds,
                         tickAfterFirstFrame: true,
                         render: { state, size in DeskRender.frame(state, env: env, size: size) },
                         update: { state, event in DeskReducer.handle(event, state: &state, env: env) })
}

/// What the reducer may use besides the state: the store, the session, the key table.
struct DeskEnvironment {
    let store: any CaseRepository
    let session: DeskSession
    let keys: KeyTable<DeskCommand>

    /// Letters drafted as this officer, today, with the office's templates beside the database.
    var drafting: LetterDrafting {
        LetterDrafting(store: store, databasePath: session.databasePath, officer: session.officer,
                       today: session.today, now: session.now)
    }

    /// The context this officer decides in today (policy, holidays, role from the database).
    func context() throws -> CaseContext {
        try store.context(actor: session.officer, today: session.today, now: session.now())
    }

    /// A case as this officer sees it today, read in one transaction.
    func snapshot(_ selector: CaseSelector) throws -> CaseSnapshot {
        try store.caseSnapshot(selector, actor: session.officer, today: session.today, now: session.now())
    }
}
