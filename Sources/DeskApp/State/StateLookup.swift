import CaseStore

/// A State as the officer types it: a code (FRA, FR) or the start of a name (`Fra` → FRA France,
/// `united k` → GBR). One home for the rule, used wherever the desk asks for a State.
enum StateLookup {
    enum Found: Equatable {
        case one(DirectoryEntry)
        /// Several States start so: the first few, for the message.
        case several([DirectoryEntry])
        case none
    }

    static func find(_ typed: String, in directory: [DirectoryEntry]) -> Found {
        let text = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { return .none }
        // A code typed in full is that State, even when names also start so ("FRA" is France,
        // not French Guiana).
        if let exact = directory.first(where: { $0.iso3.lowercased() == text || $0.alpha2.lowercased() == text }) {
            return .one(exact)
        }
        let named = directory.filter { $0.name.lowercased() == text || $0.officialName.lowercased() == text }
        if named.count == 1 { return .one(named[0]) }
        let starting = directory.filter { entry in
            [entry.name, entry.officialName].contains { $0.lowercased().hasPrefix(text) }
                || entry.name.lowercased().split(separator: " ").contains { $0.hasPrefix(text) }
        }
        switch starting.count {
        case 0: return .none
        case 1: return .one(starting[0])
        default: return .several(Array(starting.prefix(4)))
        }
    }

    /// The line a form shows when the typed State is not one State.
    static func mistake(_ typed: String, _ found: Found, field: String) -> String? {
        switch found {
        case .one: return nil
        case .none: return "\(field): no State is called “\(typed)” (a code such as FRA, or a name)"
        case .several(let some):
            return "\(field): “\(typed)” could be " + some.map { "\($0.iso3) \($0.name)" }.joined(separator: ", ") + " — type more"
        }
    }

    /// A filter form's "Other State" field: blank is any State (nil), otherwise the one State
    /// the text names, or the line the form shows when it names none or several.
    static func filterField(_ text: String, env: DeskEnvironment) -> Result<String?, FormMistake> {
        let typed = text.trimmingCharacters(in: .whitespaces)
        if typed.isEmpty { return .success(nil) }
        let found = find(typed, in: (try? env.store.directory()) ?? [])
        guard case .one(let entry) = found else {
            return .failure(FormMistake(mistake(typed, found, field: "Other State") ?? ""))
        }
        return .success(entry.iso3)
    }
}
