#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mistake in the user's key file, with the line it is on.
public struct KeyTableError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        case malformed(String)
        case unknownCommand(String, known: [String])
        case unknownContext(String)
        case unknownKey(String)
        case conflict(KeyConflict)
        case unreadable(String)
    }
    public var file: String
    public var line: Int
    public var reason: Reason

    /// Also for an application's own settings in the same file (`mouse = off`).
    public init(file: String, line: Int, reason: Reason) { self.file = file; self.line = line; self.reason = reason }

    public var description: String {
        let at = line > 0 ? "\(file) line \(line)" : file
        switch reason {
        case .malformed(let text):
            return "\(at): expected \"command = key, key\", found \"\(Sanitize.terminalSafe(text))\""
        case .unknownCommand(let name, let known):
            return "\(at): unknown command \"\(Sanitize.terminalSafe(name))\"; known commands: \(known.joined(separator: ", "))"
        case .unknownContext(let name):
            return "\(at): unknown context \"\(Sanitize.terminalSafe(name))\""
        case .unknownKey(let name):
            return "\(at): unknown key \"\(Sanitize.terminalSafe(name))\"; write a character (j, G, ?), "
                + "a name (Up, Down, Left, Right, Home, End, PgUp, PgDn, Enter, Tab, Shift-Tab, Esc, "
                + "Backspace, Delete, Space, F1–F12) or Ctrl-x"
        case .conflict(let c):
            return "\(at): \(c)"
        case .unreadable(let why):
            return "\(at): \(why)"
        }
    }
}

extension KeyTable {
    /// Applies a key file:
    ///
    /// ```
    /// # comments and blank lines are ignored
    /// down = j, Down            # every binding named "down"
    /// list.open = Enter, o      # only "open" in the list context
    /// help = none               # unbind
    /// ```
    ///
    /// Keys are written as ``Key/name`` gives them (`,` is `comma`, `#` is `hash`). Throws a
    /// ``KeyTableError`` naming the line for an unknown command, context or key, and for an
    /// override that makes two commands share a key in one context.
    public func applyingOverrides(_ text: String, file: String = "keys") throws(KeyTableError) -> KeyTable {
        var table = self
        var lastLine: [String: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = index + 1
            var line = String(rawLine)
            // "#" starts a comment at the start of a line or after a space (the key "#" is `hash`).
            if line.trimmingSpaces.hasPrefix("#") { continue }
            if let i = line.indices.first(where: { line[$0] == "#" && $0 > line.startIndex && line[line.index(before: $0)] == " " }) {
                line = String(line[..<i])
            }
            line = line.trimmingSpaces
            if line.isEmpty { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw KeyTableError(file: file, line: lineNo, reason: .malformed(line))
            }
            let lhs = String(line[..<eq]).trimmingSpaces
            let rhs = String(line[line.index(after: eq)...]).trimmingSpaces
            guard !lhs.isEmpty else { throw KeyTableError(file: file, line: lineNo, reason: .malformed(line)) }
            var context: KeyContext? = nil
            var name = lhs
            if let dot = lhs.lastIndex(of: "."), dot != lhs.startIndex {
                let c = KeyContext(String(lhs[..<dot]))
                guard table.bindings.contains(where: { $0.context == c }) else {
                    throw KeyTableError(file: file, line: lineNo, reason: .unknownContext(c.name))
                }
                context = c
                name = String(lhs[lhs.index(after: dot)...])
            }
            guard table.binding(named: name, in: context) != nil else {
                throw KeyTableError(file: file, line: lineNo, reason: .unknownCommand(name, known: table.commandNames))
            }
            var keys: [Key] = []
            if rhs.lowercased() != "none" && !rhs.isEmpty {
                for part in rhs.split(separator: ",") {
                    let token = String(part).trimmingSpaces
                    guard let key = Key(name: token) else {
                        throw KeyTableError(file: file, line: lineNo, reason: .unknownKey(token))
                    }
                    if !keys.contains(key) { keys.append(key) }
                }
            }
            table.rebind(name, in: context, to: keys)
            lastLine[name] = lineNo
        }
        if let c = table.conflicts().first(where: { lastLine[$0.first] != nil || lastLine[$0.second] != nil }) {
            let line = max(lastLine[c.first] ?? 0, lastLine[c.second] ?? 0)
            throw KeyTableError(file: file, line: line, reason: .conflict(c))
        }
        return table
    }

    /// Reads and applies the key file at `path` (a leading `~/` is the home directory). A missing
    /// file leaves the table as it is: overrides are optional.
    public func applyingOverrides(fileAt path: String) throws(KeyTableError) -> KeyTable {
        var full = path
        if full.hasPrefix("~/"), let home = getenv("HOME") { full = String(cString: home) + full.dropFirst(1) }
        guard let f = fopen(full, "r") else {
            if errno == ENOENT { return self }
            throw KeyTableError(file: path, line: 0, reason: .unreadable(String(cString: strerror(errno))))
        }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > 1 << 20 { break }
        }
        return try applyingOverrides(String(decoding: bytes, as: UTF8.self), file: path)
    }
}
