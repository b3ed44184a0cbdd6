import Foundation

/// A refusal the other State made is recorded as received, whatever it cites (§3): the record
/// must show what it said. Where the Convention does not let it use a ground, the case flags it,
/// so that the office can raise it with the requested State.
extension Engine {
    /// The flags of one recorded counterpart refusal, one per ground the Convention does not
    /// allow for this request; empty for any other event, or when every ground is allowed.
    public static func groundFlags(_ event: CaseEvent, file: CaseFile) -> [String] {
        guard let action = event.action, counterpartRefusals.contains(action) else { return [] }
        return groundFlags(action, grounds: event.payload.grounds ?? [], file: file)
    }

    /// The flags for these grounds cited by the other State in `action` on this case.
    public static func groundFlags(_ action: Action, grounds codes: [String], file: CaseFile) -> [String] {
        let use = refusalUse(action, file: file)
        let flags = codes.compactMap { code in
            disallowedGround(code, sole: codes.count == 1, use: use, file: file)
                .map { (code, $0) }
        }
        guard !flags.isEmpty else { return [] }
        // Under a treaty the treaty's provisions replace paras 8–31 of art. 40 (40.7).
        if use == .mla && file.basis.isTreaty {
            return flags.map { "ground \($0.0) is not a ground under the Convention; the request rests on \(file.basis): check the treaty (art. 40.7)" }
        }
        return flags.map { "ground \($0.0): \($0.1) — may be raised with the requested State" }
    }

    /// Why the Convention does not let the requested State use this ground, or nil when it may.
    static func disallowedGround(_ code: String, sole: Bool, use: RefusalUse, file: CaseFile) -> String? {
        switch code {
        case "40.24-bank-secrecy": return "not a ground for refusal, art. 40.24"
        case "40.23-fiscal": return sole ? "not a ground for refusal when it is the sole ground, art. 40.23" : nil
        default: break
        }
        guard let ground = RefusalGround.all.first(where: { $0.code == code }) else { return nil }
        if use == .mla && file.basis.isTreaty { return ground.code == "treaty" ? nil : "treaty basis" }
        if ground.code == "treaty" { return "a treaty ground, but the request rests on \(file.basis), art. 40.7" }
        guard ground.allowedFor.contains(use) else {
            return use == .preservation ? "not a ground for refusing preservation, art. 42.6"
                : "not a ground for refusing mutual legal assistance, art. 40.21"
        }
        if ground.code == "42.5-dual-criminality" && file.offenceClass == .conventionOffence {
            return "the 42.5 reservation does not apply to an offence established under the Convention, art. 42.5"
        }
        return nil
    }
}
