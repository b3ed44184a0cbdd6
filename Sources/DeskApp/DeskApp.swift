// DeskApp — the terminal interface of cadesk (see ../../../shared/STYLE.md).
//
// Data flows one way:
//
//   key ──KeyTable──▶ DeskCommand ──DeskReducer──▶ DeskState ──DeskRender──▶ Frame ──Backend──▶ terminal
//                                      │    ▲
//                     Engine (decides) │    │ CaseRepository (records, reads)
//
// - Keys/     the one key table: every command's name, help, keys and status-bar label; help
//             and the command palette are generated from it; a user key file rebinds by name.
// - State/    the state (a value) and how things are worded.
// - Reducer/  what each command does: loading from the store (only the visible window of the
//             case list), the act / new-case / filter / directory forms, quitting.
// - Screens/  pure drawing: cases, case, deadlines, directory, help, dialogs (forms, dialog
//             boxes and questions are TerminalKit's `Form`, `Dialog` and `Confirm`).
//
// The entry point is `runDesk(store:session:)` in RunDesk.swift.
