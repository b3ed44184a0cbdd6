import Casework
import Foundation
import TerminalKit

/// The help screen, generated from the key table and, over an open case, from the workflow
/// table: where this case can go from its state, each step with its article.
enum HelpScreen {
    static func lines(_ keys: KeyTable<DeskCommand>, case view: CaseView? = nil, keyFile: String? = nil) -> [String] {
        var lines: [String] = view.map(caseGuide) ?? []
        lines += ["Keys (your key file may rebind any command by name: open = Enter, o)", ""]
        lines += keys.helpLines(contexts: DeskKeys.contexts, titles: DeskKeys.titles)
        return lines + [""] + keyFileLines(keyFile) + [""] + officeSetupLines
    }

    /// Where the key file is and how it is written, so that rebinding needs no manual.
    /// (Lines fit 80 columns: the help is read at the smallest size too.)
    static func keyFileLines(_ path: String?) -> [String] {
        var lines = ["Your key file"]
        if let path, !path.isEmpty {
            let exists = FileManager.default.fileExists(atPath: path)
            lines.append("  " + Sanitize.terminalSafe(path) + (exists ? "" : "  (not there yet: the keys above apply)"))
        } else {
            lines.append("  none: set XDG_CONFIG_HOME; the file is $XDG_CONFIG_HOME/cadesk/keys")
        }
        return lines + [
            "  a command by its name above:    open = Enter, o",
            "  on one screen only:             cases.search = /, F3",
            "  no key at all:                  refresh = none",
            "  clicks left to the terminal:    mouse = off",
            "  keys: a character, Up Down Left Right Home End PgUp PgDn Enter Tab",
            "  Shift-Tab Esc Backspace Delete Space F1–F12 Ctrl-x; # starts a comment",
        ]
    }

    /// A new office's first question: whose name is on the title bar, and which State and clock.
    static let officeSetupLines = [
        "Setting up an office",
        "  name, State and time zone (set again by a supervisor to change them):",
        "  cadesk init --office \"Central Authority of …\" --state FRA",
        "              --timezone Europe/Paris",
        "  officers: cadesk officer add j.okafor --role officer",
    ]

    /// "This case": the workflow, the state, the next deadline, and the steps that move it on
    /// from here (the engine may still hold one back; the act dialog says why).
    static func caseGuide(_ view: CaseView) -> [String] {
        let file = view.file
        var lines = ["This case: \(file.ref), \(Phrases.workflowName(file.workflow)), now \(file.state.rawValue)"]
        if let next = view.deadlines.filter(\.status.isPending).min(by: { $0.due < $1.due }) {
            lines.append("   next deadline: \(next.kind.rawValue) on \(next.due) (art. \(next.article))")
        }
        let steps = file.table.actions.compactMap { spec -> (ActionSpec, String)? in
            // The workflow's own steps from this state; the ones open in any state (note,
            // assign…) are in the act dialog.
            guard let target = spec.target(from: file.state), spec.scope == .rows || target != .same else { return nil }
            switch target {
            case .state(let s): return (spec, "→ \(s.rawValue)")
            case .previous: return (spec, "→ back")
            case .closedFrom: return (spec, "→ reopened")
            case .same: return (spec, "(stays)")
            }
        }
        if steps.isEmpty {
            lines.append("   no step moves it on from here; notes and the obligations that outlast a case remain")
        } else {
            lines.append("   steps from here (a to act):")
            let nameWidth = steps.map { $0.0.name.rawValue.count }.max() ?? 0
            let targetWidth = steps.map { $0.1.count }.max() ?? 0
            for (spec, target) in steps {
                let article = spec.article.isEmpty ? "" : "art. \(spec.article)  "
                lines.append("     " + spec.name.rawValue.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                             + target.padding(toLength: targetWidth + 2, withPad: " ", startingAt: 0) + article + spec.help)
            }
        }
        return lines + [""]
    }

    static func render(offset: Int, keys: KeyTable<DeskCommand>, case view: CaseView?, keyFile: String? = nil,
                       into buffer: inout Buffer, area: Rect) {
        let all = lines(keys, case: view, keyFile: keyFile)
        buffer.clear(area)
        for (k, line) in all.dropFirst(offset).prefix(area.height).enumerated() {
            let isHeading = !line.hasPrefix(" ") && !line.isEmpty
            buffer.write(TextFit.truncate(line, width: max(0, area.width - 1)), in: area.row(k), column: 1,
                         style: isHeading ? Style(.header, [.bold]) : .normal)
        }
    }
}
