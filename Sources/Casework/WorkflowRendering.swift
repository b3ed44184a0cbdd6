import Foundation

extension Workflow {
    /// `cadesk workflow --format dot`: states and the declared rows; terminal states double,
    /// `closed` dashed. Same-state actions and the "any open" / "any state" actions are listed
    /// in a note rather than drawn as loops on every state.
    public func dot() -> String {
        let name = "\(id.direction.rawValue)_\(id.kind.rawValue)"
        var lines = ["digraph \(name) {", "  rankdir=LR;", "  label=\"\(id.description)\";",
                     "  node [shape=ellipse];"]
        for state in states {
            let shape = terminal.contains(state) ? "doublecircle" : (state == .closed ? "box" : "ellipse")
            let style = state == initial ? ", style=bold" : (state == .closed ? ", style=dashed" : "")
            lines.append("  \"\(state.rawValue)\" [shape=\(shape)\(style)];")
        }
        var loose: [String] = []
        for spec in actions {
            if spec.scope == .anyState || (spec.scope == .anyOpen && spec.to == .same) {
                loose.append(spec.name.rawValue)
                continue
            }
            for row in spec.transitions {
                for from in row.from {
                    var label = spec.name.rawValue
                    if !spec.article.isEmpty { label += "\\n\(spec.article)" }
                    for to in targets(of: row.to, from: from) {
                        let style = (row.to == .previous || row.to == .closedFrom) ? ", style=dashed" : ""
                        lines.append("  \"\(from.rawValue)\" -> \"\(to.rawValue)\" [label=\"\(label)\"\(style)];")
                    }
                }
            }
        }
        lines.append("  note [shape=note, label=\"also: \(loose.joined(separator: ", "))\"];")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The states a row can lead to from `from`: "previous" and "closed-from" are drawn back to
    /// every state the case can have come from.
    func targets(of target: TransitionTarget, from: CaseState) -> [CaseState] {
        switch target {
        case .state(let s): return [s]
        case .same: return [from]
        case .previous, .closedFrom:
            var seen = Set<CaseState>()
            return actions.flatMap { spec in
                spec.transitions.filter { $0.to == .state(from) }.flatMap(\.from)
            }.filter { $0 != from && seen.insert($0).inserted }
        }
    }

    /// `cadesk workflow --format text`: one line per action.
    public func text() -> String {
        var lines = ["\(id.description)",
                     "  states: " + states.map { terminal.contains($0) ? "*\($0.rawValue)*" : $0.rawValue }
                        .joined(separator: ", ") + "   (*terminal*)"]
        for spec in actions {
            let from: String
            switch spec.scope {
            case .anyOpen:
                let left = states.filter { isOpen($0) && !spec.from.contains($0) }
                from = "any open" + (left.isEmpty ? "" : " but " + left.map(\.rawValue).joined(separator: ", "))
            case .anyState: from = "any state"
            case .rows: from = spec.transitions.map { row in
                row.from.map(\.rawValue).joined(separator: ", ") + " -> " + row.to.description
            }.joined(separator: "; ")
            }
            let to = spec.scope == .rows ? "" : " -> \(spec.to)"
            var line = "  \(spec.name): \(from)\(to)"
            if !spec.article.isEmpty { line += "  [art. \(spec.article)]" }
            if spec.minimumRole == .supervisor { line += "  (supervisor)" }
            lines.append(line)
            lines.append("      \(spec.help)")
            // A refusal declared from outside consultation is still held back there while office
            // policy requires consulting first (40.28): say so, or the table reads as unconditional.
            let early = spec.from.filter { $0 != .consultation }
            if Engine.consultationGated.contains(spec.name), spec.from.contains(.consultation), !early.isEmpty {
                let grounds = id.kind == .mla ? " without a 40.21 ground and" : ""
                lines.append("      from \(early.map(\.rawValue).joined(separator: ", ")) only\(grounds) when office policy does not require consulting first (art. 40.28)")
            }
            if !spec.required.isEmpty {
                lines.append("      requires: " + spec.required.map(\.option).joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
