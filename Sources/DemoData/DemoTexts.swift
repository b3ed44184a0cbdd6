import Casework

/// The wording officers use in notes, reasons and conditions.
enum DemoTexts {
    static let deadlineReasons = [
        "Trial date set; the evidence must reach the court before the hearing",
        "Suspect in pre-trial detention; the detention review is due",
        "Limitation period expires soon",
        "Logs are overwritten after 90 days",
        "Joint action day agreed with other States",
    ]
    static let purposes = [
        "Evidence for the prosecution of the suspects",
        "To identify the persons behind the accounts",
        "To trace and freeze the proceeds",
        "To establish the chain of payments",
    ]
    static let notes = [
        "Called the requesting authority to clarify the accounts concerned",
        "Forwarded to the executing authority with the translation",
        "Translation received from the language service",
        "Provider confirmed receipt of the order",
        "Discussed with the prosecutor; no objection",
        "Awaiting the court's production order",
        "Reminder sent to the executing authority",
        "Requesting State asked for an update by e-mail",
        "Original documents received by diplomatic bag",
        "Checked the request against the 40.15 checklist: complete",
    ]
    static let attachments = [
        ("Letter of request received", "letter-of-request.pdf"),
        ("Translation of the request", "translation.pdf"),
        ("Production order signed by the judge", "production-order.pdf"),
        ("Provider's reply with the records", "provider-reply.zip"),
        ("Cover letter to the requesting State", "cover-letter.docx"),
    ]
    static let informationNeeded = [
        "The exact time zone of the IP log entries and the port numbers",
        "A link between the accounts and the offence under investigation",
        "The legal provisions of the offence and the penalties",
        "The names of the account holders, if known",
        "Confirmation that the material will be used in these proceedings only",
    ]
    static let executingAuthorities = [
        "Garda National Cyber Crime Bureau", "District Court, production order under the Criminal Justice Act",
        "Garda National Economic Crime Bureau", "Revenue Commissioners", "Director of Public Prosecutions",
    ]
    static let transmitted = [
        "Subscriber records and IP logs transmitted to the requesting authority",
        "Bank statements and account opening documents transmitted",
        "Forensic copy of the mailbox transmitted on encrypted media",
        "Witness statement and certified documents transmitted",
        "Server image and hosting invoices transmitted",
    ]
    static let received = [
        "Subscriber records and IP logs received",
        "Bank records received; analysis under way",
        "Forensic copies received on encrypted media",
        "Certified copies of the documents received",
    ]
    static let conditions = [
        "Use limited to the proceedings named in the request (40.19)",
        "Not to be disclosed to third parties without consent",
        "Personal data to be erased once the proceedings end",
        "Witness to be heard by video conference only",
    ]
    static let consultReasons: [Proposal: [String]] = [
        .refuse: ["The request concerns conduct that may be political opinion",
                  "Execution would prejudice essential interests",
                  "The requested measure would not be available in a similar domestic case"],
        .postpone: ["Execution would interfere with a domestic investigation into the same group",
                    "The provider is subject to a domestic search warrant this month"],
        .partialRefuse: ["Content data cannot be produced for this offence; traffic data can",
                         "Part of the accounts concern persons protected by privilege"],
    ]
    static let groundReasons: [String: String] = [
        "40.21a": "The request does not identify the accounts or the facts (art. 40.15)",
        "40.21b": "Execution would prejudice the essential interests of the State",
        "40.21c": "Domestic law would not allow the measure in a similar domestic case",
        "40.21d": "Contrary to our legal system on mutual legal assistance",
        "40.22": "Substantial grounds to believe the request aims at punishing the person for political opinions",
        "40.8-dual-criminality": "The conduct is not an offence under our law",
        "40.8-de-minimis": "Matter of a de minimis nature: loss of EUR 140",
        "treaty": "Refused under the MLA treaty",
    ]
    static let withdrawReasons = [
        "The suspect was identified by other means",
        "The proceedings were discontinued",
        "The requesting State no longer needs the assistance",
        "Case joined with another investigation",
    ]
    static let riskReasons = [
        "The provider keeps these logs for 30 days only; preservation would not ensure availability",
        "Preserving the account would alert the suspect, who works for the provider",
    ]

    static func identifiers(_ rng: inout SeededRandom) -> String {
        let user = ["darkwolf", "k.smith88", "payments.desk", "lunar_trader", "admin", "anna.v", "btc_exchange_01"]
        return "Account \(rng.pick(user))\(rng.int(1...99))@\(rng.pick(["example-mail.com", "mailbox.example", "cloud.example"])); IP 185.\(rng.int(0...255)).\(rng.int(0...255)).\(rng.int(1...254))"
    }

    static func period(before date: CivilDate, _ rng: inout SeededRandom) -> String {
        let end = date.adding(days: -rng.int(5...60))
        let start = end.adding(days: -rng.int(30...240))
        return "\(start) to \(end)"
    }
}
