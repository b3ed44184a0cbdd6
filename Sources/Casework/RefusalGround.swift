import Foundation

/// What a refusal is about, for the grounds matrix of WORKFLOWS.md §3.
public enum RefusalUse: String, CaseIterable, Codable, Sendable {
    /// A request for mutual legal assistance (art. 40).
    case mla
    /// A request for preservation (42.6).
    case preservation
    /// An art. 43 disclosure of preserved traffic data (43.2).
    case trafficDisclosure = "traffic-disclosure"
}

/// A ground for refusing a request, as `--ground CODE` spells it (`40.21a`) and as the
/// interface shows it (`40.21(a)`).
public struct RefusalGround: Sendable, Hashable, Codable {
    public let code: String
    public let display: String
    public let explanation: String
    public let article: String
    /// The kinds of refusal the Convention allows it for (the matrix of §3). Conditions beyond
    /// the matrix (42.5 reservation, treaty basis) are checked by the engine.
    public let allowedFor: Set<RefusalUse>
    /// `40.21(a)`–`(d)`: refusals under para. 21 need consultation first (40.28).
    public var isParagraph21: Bool { code.hasPrefix("40.21") }

    public static let all: [RefusalGround] = [
        .init(code: "40.21a", display: "40.21(a)", explanation: "request not in conformity with art. 40",
              article: "40.21(a)", allowedFor: [.mla]),
        .init(code: "40.21b", display: "40.21(b)", explanation: "sovereignty, security, ordre public or other essential interests",
              article: "40.21(b)", allowedFor: [.mla, .preservation, .trafficDisclosure]),
        .init(code: "40.21c", display: "40.21(c)", explanation: "domestic law would prohibit the action in a similar domestic case",
              article: "40.21(c)", allowedFor: [.mla, .preservation, .trafficDisclosure]),
        .init(code: "40.21d", display: "40.21(d)", explanation: "contrary to the legal system relating to mutual legal assistance",
              article: "40.21(d)", allowedFor: [.mla]),
        .init(code: "40.22", display: "40.22", explanation: "discriminatory purpose, or prejudice to the person's position for such a reason",
              article: "40.22", allowedFor: [.mla, .preservation, .trafficDisclosure]),
        .init(code: "40.8-dual-criminality", display: "40.8 dual criminality", explanation: "absence of dual criminality",
              article: "40.8", allowedFor: [.mla]),
        .init(code: "40.8-de-minimis", display: "40.8 de minimis", explanation: "matter of a de minimis nature",
              article: "40.8", allowedFor: [.mla]),
        .init(code: "40.8-other-provision", display: "40.8 other provision", explanation: "assistance available under other provisions of the Convention",
              article: "40.8", allowedFor: [.mla]),
        .init(code: "42.5-dual-criminality", display: "42.5 dual criminality", explanation: "reservation: dual criminality could not be fulfilled at disclosure",
              article: "42.5", allowedFor: [.preservation]),
        .init(code: "treaty", display: "treaty", explanation: "a ground of the applicable MLA treaty (cite its article)",
              article: "40.7", allowedFor: [.mla]),
    ]

    /// Codes people reach for that are never a ground for refusal (40.23, 40.24).
    public static let never: [(code: String, article: String, why: String)] = [
        ("40.23-fiscal", "40.23", "is never a ground for refusal: a request may not be refused on the sole ground that the offence also involves fiscal matters"),
        ("40.24-bank-secrecy", "40.24", "is never a ground for refusal"),
    ]

    /// The ground for a command-line code; a never-ground is refused with its article, an
    /// unknown code is a usage error.
    public static func parse(_ code: String, action: String = "refuse") throws(CaseworkError) -> RefusalGround {
        let text = code.trimmedOfSpaces
        if let ground = all.first(where: { $0.code == text || $0.display == text }) { return ground }
        if let never = never.first(where: { $0.code == text }) {
            throw .refused(action, "ground \(never.code) \(never.why)", article: never.article)
        }
        throw .usage(action, "unknown ground '\(code)' (one of: \(all.map(\.code).joined(separator: ", ")))")
    }

    public static func named(_ code: String) -> RefusalGround? {
        all.first { $0.code == code } ?? neverGround(code)
    }

    /// A code the Convention never allows as a ground (40.23, 40.24), as a ground the other
    /// State cited: recorded as received, and flagged (§3).
    public static func neverGround(_ code: String) -> RefusalGround? {
        let text = code.trimmedOfSpaces
        guard let never = never.first(where: { $0.code == text }) else { return nil }
        return RefusalGround(code: never.code, display: never.code, explanation: "not a ground for refusal",
                             article: never.article, allowedFor: [])
    }

    /// The grounds a request of this kind may be refused on, for display (the act dialog).
    public static func allowed(for use: RefusalUse, basis: LegalBasis, offenceClass: OffenceClass,
                               policy: Policy, direction: Direction = .incoming) -> [RefusalGround] {
        all.filter { (try? check($0, use: use, basis: basis, offenceClass: offenceClass,
                                  policy: policy, direction: direction, action: "")) != nil }
    }

    /// A ground code, or one of the codes that are never a ground (40.23, 40.24).
    static func isKnownCode(_ code: String) -> Bool {
        let text = code.trimmedOfSpaces
        return all.contains { $0.code == text || $0.display == text } || never.contains { $0.code == text }
    }

    /// Under a treaty basis only the treaty's grounds are recorded (40.7).
    static func treatyGroundsOnly(basis: LegalBasis, action: String) -> CaseworkError {
        .refused(action, "the request rests on \(basis); the treaty's grounds replace those of art. 40: record ground treaty with \(input: .treatyArticle)", article: "40.7")
    }

    /// Whether a ground can apply to this kind of request (§3), with the article when not.
    static func check(_ ground: RefusalGround, use: RefusalUse, basis: LegalBasis,
                      offenceClass: OffenceClass, policy: Policy, direction: Direction,
                      action: String) throws(CaseworkError) {
        // Under a treaty basis the treaty replaces paras 8–31 of art. 40 (40.7): only its grounds.
        if use == .mla && basis.isTreaty {
            guard ground.code == "treaty" else { throw treatyGroundsOnly(basis: basis, action: action) }
            return
        }
        if ground.code == "treaty" {
            throw .refused(action, use == .mla
                ? "ground treaty applies only when the legal basis is an MLA treaty (this request: \(basis))"
                : "ground treaty is not a ground for refusing \(use == .preservation ? "a preservation request" : "an art. 43 disclosure")",
                article: use == .mla ? "40.7" : (use == .preservation ? "42.6" : "43.2"),
                rule: use == .mla ? .treatyGroundWithoutTreaty : .groundNotAllowed(ground.code, see: nil))
        }
        guard ground.allowedFor.contains(use) else {
            switch use {
            case .mla:
                throw .refused(action, "ground \(ground.code) is not a ground for refusing mutual legal assistance", article: "40.21",
                               rule: .groundNotAllowed(ground.code, see: nil))
            case .preservation:
                let dualCriminality = ground.code == "40.8-dual-criminality"
                let extra = dualCriminality ? "; dual criminality is not required for preservation (art. 42.4)" : ""
                throw .refused(action, "ground \(ground.code) is not a ground for refusing preservation: only 40.21(b), 40.21(c), 40.22 and a 42.5 reservation\(extra)", article: "42.6",
                               rule: .groundNotAllowed(ground.code, see: dualCriminality ? "42.4" : nil))
            case .trafficDisclosure:
                throw .refused(action, "ground \(ground.code) is not a ground for refusing an art. 43 disclosure: only 40.21(b), 40.21(c) and 40.22", article: "43.2",
                               rule: .groundNotAllowed(ground.code, see: nil))
            }
        }
        if ground.code == "42.5-dual-criminality" {
            // Incoming: our reservation. Outgoing: the requested State's, which we take as stated.
            if direction == .incoming && !policy.hasReservation("42.5") {
                throw .refused(action, "ground 42.5-dual-criminality needs a declared 42.5 reservation (policy: reservations)", article: "42.5",
                               rule: .reservationNotDeclared("42.5"))
            }
            switch offenceClass {
            case .conventionOffence:
                throw .refused(action, "ground 42.5-dual-criminality does not apply to an offence established under the Convention", article: "42.5",
                               rule: .offenceClassExcludes(.conventionOffence))
            case .unspecified:
                throw .refused(action, "ground 42.5-dual-criminality applies only to offences other than those of the Convention: classify the offence first (edit --offence-class serious-crime)", article: "42.5",
                               rule: .offenceClassExcludes(.unspecified))
            case .seriousCrime:
                break
            }
        }
    }
}

extension Engine {
    /// The grounds an action may cite on this case (the act dialog's choices); empty for actions
    /// that take no grounds.
    public static func grounds(for action: Action, on file: CaseFile, context: CaseContext) -> [RefusalGround] {
        guard refusalActions.contains(action) else { return [] }
        // The other State's grounds are recorded as received: every ground can be picked.
        if counterpartRefusals.contains(action) { return RefusalGround.all }
        return RefusalGround.allowed(for: refusalUse(action, file: file), basis: file.basis,
                                     offenceClass: file.offenceClass, policy: context.policy,
                                     direction: file.direction)
    }
}
