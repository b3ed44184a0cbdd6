import TerminalKit

/// The help screen, generated from the key table.
enum HelpScreen {
    static func lines(_ keys: KeyTable<DeskCommand>) -> [String] {
        ["Keys (your key file may rebind any command by name: open = Enter, o)", ""]
            + keys.helpLines(contexts: DeskKeys.contexts, titles: DeskKeys.titles)
    }

    static func render(offset: Int, keys: KeyTable<DeskCommand>, into buffer: inout Buffer, area: Rect) {
        let all = lines(keys)
        buffer.clear(area)
        for (k, line) in all.dropFirst(offset).prefix(area.height).enumerated() {
            let isHeading = !line.hasPrefix(" ") && !line.isEmpty
            buffer.write(line, in: area.row(k), column: 1, style: isHeading ? Style(.header, [.bold]) : .normal)
        }
    }
}
