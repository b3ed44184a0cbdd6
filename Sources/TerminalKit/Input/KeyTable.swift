/// Where a key is looked up: a key means different things in a list, a form or a dialog.
/// Contexts are open-ended names; the kit uses the ones below, an application adds its own
/// (`"case"`, `"dashboard"`…).
public struct KeyContext: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { name = value }
    public var description: String { name }

    public static let global: KeyContext = "global"
    public static let list: KeyContext = "list"
    public static let form: KeyContext = "form"
    public static let dialog: KeyContext = "dialog"
    public static let textInput: KeyContext = "text"
}

/// One command in a key table: what it is called, what it does, which keys run it, and where.
///
/// `name` is the stable identifier used in the user's override file, in help and by tests
/// (`table.key(for: "refuse")`); `Command` is whatever the application dispatches on — an enum
/// of its actions, or simply `String`.
public struct KeyBinding<Command: Hashable & Sendable>: Sendable {
    public var command: Command
    public var name: String
    public var help: String
    /// Short word for the status bar ("open", "quit"); nil keeps the command out of hints.
    public var label: String?
    public var keys: [Key]
    public var context: KeyContext

    public init(_ command: Command, name: String, keys: [Key], help: String, label: String? = nil,
                context: KeyContext = .global) {
        self.command = command; self.name = name; self.help = help; self.label = label
        self.keys = keys; self.context = context
    }
}

extension KeyBinding where Command == String {
    /// A binding whose command is its name.
    public init(_ name: String, keys: [Key], help: String, label: String? = nil, context: KeyContext = .global) {
        self.init(name, name: name, keys: keys, help: help, label: label, context: context)
    }
}

/// A key hint for the status bar: `⏎ open`.
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String
    public init(key: String, label: String) { self.key = key; self.label = label }
    public var text: String { "\(key) \(label)" }
}

/// The one table of keys, as in calcurse's `keys.c` and gitui's `key_list.rs`: every command is
/// declared once with its name, help, default keys, status-bar label and context. Lookup, the
/// status-bar hints, the help screen and the user's override file all come from it.
///
/// ```swift
/// enum Command: Hashable, Sendable { case nav(StandardCommand), open, quit }
/// var keys = KeyTable<Command>(
///     KeyTable.standardBindings { .nav($0) } + [
///     KeyBinding(.open, name: "open", keys: [.enter], help: "Open the case", label: "open", context: .list),
///     KeyBinding(.quit, name: "quit", keys: [.char("q")], help: "Quit", label: "quit"),
/// ])
/// keys = try keys.applyingOverrides(fileAt: "~/.config/cadesk/keys")   // "open = Enter, o"
/// keys.command(for: .char("j"), in: [.list, .global])                   // .nav(.down)
/// ```
///
/// Lookup searches the given contexts in order, so a context shadows `global`. A text field
/// should see printable keys before the table does (see ``TextInput/handle(_:)``).
public struct KeyTable<Command: Hashable & Sendable>: Sendable {
    public private(set) var bindings: [KeyBinding<Command>]

    public init(_ bindings: [KeyBinding<Command>]) { self.bindings = bindings }

    /// The command `key` runs, searching `contexts` in order.
    public func command(for key: Key, in contexts: [KeyContext] = [.global]) -> Command? {
        binding(for: key, in: contexts)?.command
    }

    public func binding(for key: Key, in contexts: [KeyContext] = [.global]) -> KeyBinding<Command>? {
        for context in contexts {
            if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b }
        }
        return nil
    }

    /// The binding called `name` (in `context`, or the first with that name).
    public func binding(named name: String, in context: KeyContext? = nil) -> KeyBinding<Command>? {
        bindings.first { $0.name == name && (context == nil || $0.context == context) }
    }

    /// The first key that runs the command called `name` — how tests press commands by name.
    /// Traps on an unknown or unbound name: that is a mistake in the test.
    public func key(for name: String, in context: KeyContext? = nil) -> Key {
        guard let b = binding(named: name, in: context), let k = b.keys.first else {
            preconditionFailure("no key bound to command \"\(name)\"")
        }
        return k
    }

    /// All keys for `command`, over every context.
    public func keys(for command: Command) -> [Key] {
        bindings.filter { $0.command == command }.flatMap(\.keys)
    }

    /// Status-bar hints for the given command names, in order (unlabelled or unbound ones skipped).
    public func hints(_ names: [String], in context: KeyContext? = nil) -> [KeyHint] {
        names.compactMap { name in
            guard let b = binding(named: name, in: context), let label = b.label, let k = b.keys.first else { return nil }
            return KeyHint(key: k.label, label: label)
        }
    }

    /// Status-bar hints for every labelled binding in `contexts`, in declaration order.
    public func hints(in contexts: [KeyContext]) -> [KeyHint] {
        var seen = Set<String>()
        var out: [KeyHint] = []
        for c in contexts {
            for b in bindings where b.context == c {
                guard let label = b.label, let k = b.keys.first, seen.insert(b.name).inserted else { continue }
                out.append(KeyHint(key: k.label, label: label))
            }
        }
        return out
    }

    /// Help text generated from the table: a heading per context (capitalised context name, or
    /// the title given in `titles`), then one line per command: keys, padded, then the help.
    public func helpLines(contexts: [KeyContext]? = nil, titles: [KeyContext: String] = [:]) -> [String] {
        let order = contexts ?? bindings.reduce(into: [KeyContext]()) { if !$0.contains($1.context) { $0.append($1.context) } }
        let keyColumn = min(18, (bindings.map { displayWidth(keysText($0.keys)) }.max() ?? 0) + 2)
        var lines: [String] = []
        for context in order {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            if !lines.isEmpty { lines.append("") }
            lines.append(titles[context] ?? context.name.prefix(1).uppercased() + context.name.dropFirst())
            for b in group {
                let keys = b.keys.isEmpty ? "(none)" : keysText(b.keys)
                lines.append("  " + TextFit.pad(keys, width: keyColumn) + b.help)
            }
        }
        return lines
    }

    private func keysText(_ keys: [Key]) -> String { keys.map(\.label).joined(separator: ", ") }

    /// Pairs of commands in one context sharing a key (a table with these is ambiguous).
    public func conflicts() -> [KeyConflict] {
        var out: [KeyConflict] = []
        var seen: [KeyContext: [Key: String]] = [:]
        for b in bindings {
            for k in b.keys {
                if let other = seen[b.context]?[k], other != b.name {
                    out.append(KeyConflict(key: k, context: b.context, first: other, second: b.name))
                } else {
                    seen[b.context, default: [:]][k] = b.name
                }
            }
        }
        return out
    }

    /// Rebinds commands by name. `bindings[i].keys` is replaced for every binding called `name`
    /// (in every context, or only in `context`).
    public mutating func rebind(_ name: String, in context: KeyContext? = nil, to keys: [Key]) {
        for i in bindings.indices where bindings[i].name == name && (context == nil || bindings[i].context == context) {
            bindings[i].keys = keys
        }
    }

    public var commandNames: [String] {
        bindings.reduce(into: [String]()) { if !$0.contains($1.name) { $0.append($1.name) } }
    }
}

/// Two commands in one context answer to the same key.
public struct KeyConflict: Hashable, Sendable, CustomStringConvertible {
    public var key: Key
    public var context: KeyContext
    public var first: String
    public var second: String
    public var description: String { "\(key.name) is bound to both \"\(first)\" and \"\(second)\" in \(context)" }
}
