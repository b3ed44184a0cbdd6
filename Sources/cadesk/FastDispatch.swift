import ArgumentParser

/// The read commands a script or a status line runs most, parsed as the one command they name
/// (issue 14). `parseAsRoot` first builds the whole tree of commands and parses the root and
/// each command on the way down, and every first dynamic cast of a type scans the statically
/// linked binary's protocol conformances: that was most of a short command's parse.
///
/// Only a plain, valid invocation is taken here: anything that asks for help, a version or
/// completions, and any argument the command refuses, goes to `parseAsRoot`, which parses it
/// again and gives the help text and the error of the command line contract (CLI.md) as before.
/// The options every command shares (`GlobalOptions`) are the command's own option group, so
/// the command gets the same values either way.
///
/// Parsed as a root, a command would first be tried as a request for a completion script: two
/// more commands parsed. The commands listed here name `parent` as their "super-command"
/// (`_superCommandName`, which swift-argument-parser reads only from the root of a parse, never
/// from a subcommand of `cadesk`), which skips that check; `--generate-completion-script` itself
/// never comes this way. It bought less than it seemed (issue 14, BENCHMARKS stop 22): most of
/// that check was the runtime's first look at types the real parse then looks at instead.
enum FastDispatch {
    /// What the commands below are part of. Only read when one of them is parsed as a root.
    static let parent = "cadesk"

    static let commands: [(path: [String], type: ParsableCommand.Type)] = [
        (["case", "list"], CaseList.self),
        (["case", "show"], CaseShow.self),
        (["case", "actions"], CaseActions.self),
        (["deadlines"], DeadlinesCommand.self),
    ]

    /// Words that make swift-argument-parser answer instead of running a command.
    /// (An array: a `Set<String>`'s type is made at run time, one more scan of the conformances.)
    static let builtIn = ["help", "-h", "--help", "-help", "--version", "--experimental-dump-help"]

    static func command(for arguments: [String]) -> ParsableCommand? {
        guard let match = commands.first(where: { arguments.starts(with: $0.path) }) else { return nil }
        let rest = Array(arguments.dropFirst(match.path.count))
        guard !rest.contains(where: { builtIn.contains($0) || $0.hasPrefix("--generate-completion") }) else { return nil }
        return try? match.type.parseAsRoot(rest)
    }
}
