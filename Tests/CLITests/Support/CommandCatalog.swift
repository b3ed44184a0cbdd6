import Foundation

/// Every command of the built binary and the values it takes, read from swift-argument-parser's
/// `--experimental-dump-help` JSON: a sweep over it reaches a command or option added later
/// without anyone remembering to list it.
struct CommandCatalog {
    struct Argument {
        let name: String
        let isPositional: Bool
        let isRepeating: Bool
        /// The values an enumerated option accepts (nil for free text, numbers, dates, paths).
        let allowedValues: [String]?
        /// What `--help` calls the value (`path`, `file`, `date`…).
        let valueName: String

        /// Whether the value names a file (read or written).
        var namesAFile: Bool { ["file", "path", "out", "db"].contains(name) || ["file", "path"].contains(valueName) }
    }

    struct Command {
        /// The command words after `cadesk`, e.g. ["case", "act"].
        let path: [String]
        /// Options and positional arguments that take a value; flags and the global options
        /// (`--db`, `--as`, `--today`) are left out (the global ones are swept on their own).
        let arguments: [Argument]
    }

    static let globalOptions: Set<String> = ["db", "as", "today"]

    let commands: [Command]

    static func load(environment: [String: String]) throws -> CommandCatalog {
        let dump = try CadeskBinary.run(["--experimental-dump-help"], environment: environment)
        guard dump.status == 0,
              let json = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any],
              let root = json["command"] as? [String: Any] else {
            throw CadeskTestError("--experimental-dump-help: \(dump)")
        }
        var commands: [Command] = []
        collect(root, path: [], into: &commands)
        return CommandCatalog(commands: commands)
    }

    /// The leaves of the command tree (what runs), in the order `--help` lists them.
    private static func collect(_ node: [String: Any], path: [String], into commands: inout [Command]) {
        let subcommands = node["subcommands"] as? [[String: Any]] ?? []
        if subcommands.isEmpty {
            commands.append(Command(path: path, arguments: arguments(of: node)))
        }
        for sub in subcommands {
            guard let name = sub["commandName"] as? String else { continue }
            collect(sub, path: path + [name], into: &commands)
        }
    }

    private static func arguments(of node: [String: Any]) -> [Argument] {
        (node["arguments"] as? [[String: Any]] ?? []).compactMap { a in
            let kind = a["kind"] as? String
            guard kind == "option" || kind == "positional" else { return nil }
            let preferred = a["preferredName"] as? [String: Any]
            let name = preferred?["name"] as? String ?? a["valueName"] as? String ?? "?"
            if kind == "option" && globalOptions.contains(name) { return nil }
            return Argument(name: name, isPositional: kind == "positional",
                            isRepeating: a["isRepeating"] as? Bool ?? false,
                            allowedValues: a["allValues"] as? [String], valueName: a["valueName"] as? String ?? name)
        }
    }
}
