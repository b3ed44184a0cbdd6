import ArgumentParser
import Casework

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

    /// Each command with its hand reading of a plain command line (`PlainArguments`).
    static let commands: [(path: [String], type: ParsableCommand.Type, plain: @Sendable ([String]) -> ParsableCommand?)] = [
        (["case", "list"], CaseList.self, { CaseList.plain($0) }),
        (["case", "show"], CaseShow.self, { CaseShow.plain($0) }),
        (["case", "actions"], CaseActions.self, { CaseActions.plain($0) }),
        (["deadlines"], DeadlinesCommand.self, { DeadlinesCommand.plain($0) }),
    ]

    /// Words that make swift-argument-parser answer instead of running a command.
    /// (An array: a `Set<String>`'s type is made at run time, one more scan of the conformances.)
    static let builtIn = ["help", "-h", "--help", "-help", "--version", "--experimental-dump-help"]

    static func command(for arguments: [String]) -> ParsableCommand? {
        guard let match = commands.first(where: { arguments.starts(with: $0.path) }) else { return nil }
        let rest = Array(arguments.dropFirst(match.path.count))
        guard !rest.contains(where: { builtIn.contains($0) || $0.hasPrefix("--generate-completion") }) else { return nil }
        if let command = match.plain(rest) { return command }
        return try? match.type.parseAsRoot(rest)
    }
}

/// The options and flags of a plain invocation, read by hand: swift-argument-parser builds each
/// command's definition by reflection, and the runtime's first look at every property wrapper's
/// type scans the statically linked binary's conformances — 4–5 ms of `case list`'s 18 ms at
/// 100,000 cases, more than the query. `case list`, `deadlines`, `case show` and `case actions`
/// are read here when every argument is `--name value` or `--name` of theirs, each given once,
/// with a value that does not start with "-", plus the reference of the last two; the command
/// is then made from the values (`init?(plain:)`, which sets every property) and validated as
/// the parser would. Anything else — another argument that is not an option, `--name=value`,
/// a short name, a repeated option, a value the type refuses, a validation error — returns nil
/// and the parser reads the command line again and answers as it always has
/// (FastDispatchTests compares both ways, output and exit code).
struct PlainArguments {
    private var values: [(name: String, value: String)] = []
    private var flags: [String] = []

    /// The arguments that are not options, in order (`positionals` of them, exactly).
    private(set) var positional: [String] = []

    /// `repeatable`: options that may be given more than once (array options).
    init?(_ arguments: [String], options: [String], flags known: [String], repeatable: [String] = [],
          positionals: Int = 0) {
        var n = 0
        while n < arguments.count {
            let word = arguments[n]
            if !word.hasPrefix("-") {
                guard positional.count < positionals else { return nil }
                positional.append(word)
                n += 1
                continue
            }
            guard word.hasPrefix("--"), word.count > 2, !word.contains("=") else { return nil }
            let name = String(word.dropFirst(2))
            if known.contains(name) {
                guard !flags.contains(name) else { return nil }
                flags.append(name)
                n += 1
            } else if options.contains(name) {
                guard n + 1 < arguments.count, !arguments[n + 1].hasPrefix("-"),
                      repeatable.contains(name) || !values.contains(where: { $0.name == name }) else { return nil }
                values.append((name, arguments[n + 1]))
                n += 2
            } else {
                return nil
            }
        }
        guard positional.count == positionals else { return nil }
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Sets `target` to the option's value when it was given; false when its type refuses it.
    func read<T>(_ name: String, _ parse: (String) -> T?, into target: inout T?) -> Bool {
        guard let given = values.last(where: { $0.name == name }) else { return true }
        target = parse(given.value)
        return target != nil
    }

    func all(_ name: String) -> [String] { values.filter { $0.name == name }.map(\.value) }

    func string(_ name: String) -> String? { values.last(where: { $0.name == name })?.value }
}

extension GlobalOptions {
    static let plainOptions = ["db", "as", "today"]
    static let plainFlags = ["no-color"]

    /// Every property set, from a plain invocation; nil for a date the parser would refuse.
    init?(plain: PlainArguments) {
        self.init()
        var today: CivilDate?
        guard plain.read("today", CivilDate.init(argument:), into: &today) else { return nil }
        self.db = plain.string("db")
        self.officer = plain.string("as")
        self.today = today
        self.noColor = plain.flag("no-color")
        do { try validate() } catch { return nil }
    }
}

extension OutputOptions {
    static let plainOptions = ["format"]
    static let plainFlags = ["json"]

    init?(plain: PlainArguments) {
        self.init()
        var format: OutputFormat?
        guard plain.read("format", OutputFormat.init(argument:), into: &format) else { return nil }
        self.json = plain.flag("json")
        self.format = format ?? OutputOptions.defaultFormat
    }
}

extension CaseList {
    static let plainOptions = ["direction", "kind", "state", "officer", "counterpart", "query", "limit", "sort"]
        + OutputOptions.plainOptions + GlobalOptions.plainOptions
    static let plainFlags = ["open", "all", "reverse"] + OutputOptions.plainFlags + GlobalOptions.plainFlags

    /// The command from a plain command line (`--state` may be given more than once).
    static func plain(_ arguments: [String]) -> CaseList? {
        PlainArguments(arguments, options: plainOptions, flags: plainFlags, repeatable: ["state"]).flatMap(Self.init(plain:))
    }

    /// Every property set (a property left out would stop the program when read: a new option
    /// of `case list` belongs here too, and FastDispatchTests fails until it is).
    init?(plain: PlainArguments) {
        self.init()
        var direction: Direction?, kind: RequestKind?, limit: Int?
        guard plain.read("direction", Direction.init(argument:), into: &direction),
              plain.read("kind", RequestKind.init(argument:), into: &kind),
              plain.read("limit", Int.init(argument:), into: &limit),
              let output = OutputOptions(plain: plain), let global = GlobalOptions(plain: plain) else { return nil }
        var states: [CaseState] = []
        for text in plain.all("state") {
            guard let state = CaseState(argument: text) else { return nil }
            states.append(state)
        }
        self.direction = direction
        self.kind = kind
        self.state = states
        self.officer = plain.string("officer")
        self.counterpart = plain.string("counterpart")
        self.query = plain.string("query")
        self.open = plain.flag("open")
        self.all = plain.flag("all")
        self.limit = limit ?? CaseList.defaultLimit
        self.sort = plain.string("sort") ?? CaseList.defaultSort
        self.reverse = plain.flag("reverse")
        self.output = output
        self.global = global
        do { try validate() } catch { return nil }
    }
}

extension DeadlinesCommand {
    static let plainOptions = ["within", "officer", "format", "out"] + GlobalOptions.plainOptions
    static let plainFlags = ["overdue", "all", "json", "force"] + GlobalOptions.plainFlags

    /// The command from a plain command line.
    static func plain(_ arguments: [String]) -> DeadlinesCommand? {
        PlainArguments(arguments, options: plainOptions, flags: plainFlags).flatMap(Self.init(plain:))
    }

    /// Every property set (see `CaseList.init(plain:)`).
    init?(plain: PlainArguments) {
        self.init()
        var within: Int?, format: DeadlineFormat?
        guard plain.read("within", Int.init(argument:), into: &within),
              plain.read("format", DeadlineFormat.init(argument:), into: &format),
              let global = GlobalOptions(plain: plain) else { return nil }
        self.within = within
        self.overdue = plain.flag("overdue")
        self.officer = plain.string("officer")
        self.all = plain.flag("all")
        self.format = format ?? DeadlinesCommand.defaultFormat
        self.json = plain.flag("json")
        self.out = plain.string("out")
        self.force = plain.flag("force")
        self.global = global
        do { try validate() } catch { return nil }
    }
}

/// `case show` and `case actions`: a reference, the output options and the global ones.
protocol PlainReferenceCommand: ParsableCommand {
    var ref: String { get set }
    var output: OutputOptions { get set }
    var global: GlobalOptions { get set }
}

extension PlainReferenceCommand {
    /// The command from a plain command line: the reference and the options of both groups.
    static func plain(_ arguments: [String]) -> Self? {
        PlainArguments(arguments, options: OutputOptions.plainOptions + GlobalOptions.plainOptions,
                       flags: OutputOptions.plainFlags + GlobalOptions.plainFlags, positionals: 1)
            .flatMap(Self.init(plain:))
    }

    /// Every property set (see `CaseList.init(plain:)`); `plain` has the reference as its one
    /// positional argument.
    init?(plain: PlainArguments) {
        self.init()
        guard let output = OutputOptions(plain: plain), let global = GlobalOptions(plain: plain) else { return nil }
        self.ref = plain.positional[0]
        self.output = output
        self.global = global
    }
}

extension CaseShow: PlainReferenceCommand {}
extension CaseActions: PlainReferenceCommand {}
