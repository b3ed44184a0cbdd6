import Casework
import Foundation

/// Who is at the desk and how the terminal interface should behave. The command line builds it
/// from its flags and the database; the desk reads nothing else from the process.
public struct DeskSession: Sendable {
    /// The officer acting (recorded as the actor of every event).
    public var officer: String
    public var role: Role
    /// "Today" in the office time zone (`--today`, `CADESK_TODAY`): deadlines count from it.
    public var today: CivilDate
    /// Monochrome: overdue reversed, due soon bold (`--no-color`; `NO_COLOR` is read by the backend).
    public var noColor: Bool
    /// The user's key file (e.g. `$XDG_CONFIG_HOME/cadesk/keys`); a missing file is fine.
    public var keyFile: String?
    /// Loads the demo cases into an (empty) database; nil hides the offer.
    public var loadDemo: (@Sendable () throws -> Void)?
    /// The instant recorded on new events.
    public var now: @Sendable () -> Date
    /// How often the desk looks for changes made by other terminals (milliseconds).
    public var pollMilliseconds: Int
    /// Whether the database is a training database (its title bar says TRAINING); asked on
    /// every frame because loading the demo makes the database one.
    public var isTraining: @Sendable () -> Bool
    /// The database file: the office's own letter templates are in `templates/` beside it.
    public var databasePath: String?

    public init(officer: String, role: Role, today: CivilDate, noColor: Bool = false,
                keyFile: String? = nil, loadDemo: (@Sendable () throws -> Void)? = nil,
                now: @escaping @Sendable () -> Date = { Date() }, pollMilliseconds: Int = 750,
                isTraining: @escaping @Sendable () -> Bool = { false }, databasePath: String? = nil) {
        self.databasePath = databasePath
        self.officer = officer; self.role = role; self.today = today; self.noColor = noColor
        self.keyFile = keyFile; self.loadDemo = loadDemo; self.now = now
        self.pollMilliseconds = pollMilliseconds; self.isTraining = isTraining
    }
}
