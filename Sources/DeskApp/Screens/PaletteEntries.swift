import TerminalKit

/// Every command by name, for the palette: what it does and its keys.
struct PaletteEntry: Hashable {
    var name: String
    var help: String
    var keys: String
    var command: DeskCommand
    var context: KeyContext
}

enum PaletteEntries {
    static func all(_ keys: KeyTable<DeskCommand>) -> [PaletteEntry] {
        var seen = Set<String>()
        var out: [PaletteEntry] = []
        let inDialogs: Set<KeyContext> = [.form, .dialog, .question, .searching]
        for b in keys.bindings where !inDialogs.contains(b.context) && seen.insert(b.name).inserted {
            out.append(PaletteEntry(name: b.name, help: b.help, keys: b.keys.map(\.label).joined(separator: " "),
                                    command: b.command, context: b.context))
        }
        return out
    }

    /// Commands whose name or help contains every word typed.
    static func matching(_ text: String, keys: KeyTable<DeskCommand>) -> [PaletteEntry] {
        let words = text.lowercased().split(separator: " ")
        return all(keys).filter { e in
            words.allSatisfy { e.name.lowercased().contains($0) || e.help.lowercased().contains($0) }
        }
    }
}
