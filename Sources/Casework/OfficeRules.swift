/// What the office does to its own records and copies, as opposed to deciding on a case: each
/// needs a role (WORKFLOWS.md §2). Named by the command a user types, which is also how a
/// refusal names it.
public enum OfficeOperation: String, CaseIterable, Sendable {
    /// `init` again on an office that has one: its name, State and time zone.
    case changeOffice = "init"
    case changePolicy = "policy set"
    case editDirectory = "directory set"
    case addOfficer = "officer add"
    case addHolidays = "holidays add"
    case importHolidays = "holidays import"
    case restoreBackup = "restore"
    case rebuildProjections = "admin rebuild"
    case compactRecord = "admin compact"
    case loadDemo = "demo"
    case addDevice = "device add"
    case revokeDevice = "device revoke"
    case exportIdentity = "keys export-identity"
    case exportBundle = "export"
    case importBundle = "import"

    /// The least role that may do it. The office's shared records (policy, directory, officers,
    /// holidays), its copies and keys are kept by supervisors; exchanging cases with a field copy
    /// is casework, open to officers, never to viewers.
    public var requiredRole: Role {
        switch self {
        case .exportBundle, .importBundle: return .officer
        default: return .supervisor
        }
    }
}

/// Who may do what to the office's records. The desk and the command line both ask here, so
/// each rule is stated once; a refusal is a `forbiddenRole` error (exit 3 on the command line).
public enum OfficeRules {
    public static func check(_ operation: OfficeOperation, role: Role, actor: String) throws(CaseworkError) {
        guard !role.satisfies(operation.requiredRole) else { return }
        throw CaseworkError(.forbiddenRole, operation.rawValue, refusal(operation, role: role, actor: actor))
    }

    /// Everyone reads the directory; supervisors keep it, as they keep the policy: a central
    /// authority's designation (40.12) is an office record, not a case note.
    public static func checkMayEditDirectory(role: Role, actor: String) throws(CaseworkError) {
        try check(.editDirectory, role: role, actor: actor)
    }

    private static func refusal(_ operation: OfficeOperation, role: Role, actor: String) -> RuleText {
        switch operation {
        case .changeOffice: return "only a supervisor may change the office (\(actor) is \(role.rawValue))"
        case .changePolicy: return "only a supervisor may change office policy (\(actor) is \(role.rawValue))"
        case .editDirectory: return "only a supervisor may change the directory (\(actor) is \(role.rawValue))"
        case .exportBundle: return "a viewer does not send cases (\(actor) is \(role.rawValue))"
        case .importBundle: return "a viewer does not merge cases (\(actor) is \(role.rawValue))"
        default: return "only a supervisor may do this (\(actor) is \(role == .officer ? "an" : "a") \(role.rawValue))"
        }
    }
}
