import Foundation

/// The follow-up request of a preservation (42.1, 42.8): the MLA request that asks for the
/// preserved data. Only that request keeps the data preserved (incoming) or meets the 60 days
/// (outgoing); any other link would stop the clock while nothing was requested.
extension Engine {
    /// Purposes that ask for the data to be searched, seized or disclosed: 40.3(c), (d) (art. 44),
    /// (h) and (i) — the request that 42.1 and 42.8 announce.
    public static let followUpPurposes: [Purpose] = [.storedData, .searchSeizure, .information, .documents]

    /// `mla-received` / `send-mla`: an MLA case of the same State, asking for the data, and
    /// (outgoing) already sent. The kind and direction are checked with the inputs (`checkLink`);
    /// these need the linked case itself, which the deciding context carries.
    static func checkFollowUp(_ name: Action, _ link: LinkTarget, file: CaseFile,
                              context: CaseContext) throws(CaseworkError) {
        guard let mla = context.linkedCases[link.id] else {
            throw .refused(name, "the case \(link.ref) could not be read to check it is the follow-up request", article: "42.8",
                           rule: .followUpUnreadable)
        }
        if mla.counterpart != file.counterpart {
            let party = file.direction == .incoming ? "made by the State that asked for preservation" : "sent to the State that preserved"
            throw .refused(name, "\(link.ref) concerns \(mla.counterpart), this preservation \(file.counterpart): the follow-up request is \(party)", article: "42.8",
                           rule: .followUpOtherState(mla.counterpart))
        }
        if !mla.purposes.contains(where: followUpPurposes.contains) {
            let codes = followUpPurposes.map(\.rawValue).joined(separator: ", ")
            throw .refused(name, "\(link.ref) does not ask for the data to be searched, seized or disclosed (purposes: \(codes)); it cannot keep them preserved", article: "42.8",
                           rule: .followUpNotForTheData)
        }
        if name == .sendMLA && !mla.applied.contains(where: { $0.action == .send }) {
            throw .refused(name, "\(link.ref) has not been sent: send it first (the preserved data would lapse while nothing was requested)", article: "42.8",
                           rule: .followUpNotSent)
        }
    }
}

extension CaseFile {
    /// Outgoing preservation: a `request-extension` still awaiting its answer (42.9).
    public var extensionRequestPending: Bool {
        guard let asked = applied.lastIndex(where: { $0.action == .requestExtension }) else { return false }
        let answers: Set<Action> = [.extensionGranted, .extensionRefused]
        return !applied[asked...].contains { $0.action.map(answers.contains) ?? false }
    }
}
