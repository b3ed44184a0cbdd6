import Casework

/// What a demo case is about: the offence, its class (Convention offence, arts. 7–17, or
/// another serious crime, art. 2(h)), and plausible wording for the title and facts.
struct OffenceStory: Sendable {
    var title: String
    var facts: String
    var offence: String
    var offenceClass: OffenceClass
    /// MLA purposes of 40.3 that fit the story.
    var purposes: [Purpose]
    var confidential: Bool
    var urgency: Urgency
    var dataVulnerable: Bool
    /// What to preserve or produce, for checklists and custodian notes.
    var data: String
}

struct OffenceTemplate: Sendable {
    let weight: Int
    let make: @Sendable (inout SeededRandom) -> OffenceStory
}

enum DemoOffences {
    static func story(_ rng: inout SeededRandom) -> OffenceStory {
        var roll = rng.int(0...(totalWeight - 1))
        for t in templates {
            if roll < t.weight { return t.make(&rng) }
            roll -= t.weight
        }
        return templates[0].make(&rng)
    }

    static let totalWeight = templates.reduce(0) { $0 + $1.weight }

    static let victims = ["a regional hospital", "a municipal water utility", "a logistics company",
                          "a university", "a law firm", "a county council", "a dairy cooperative",
                          "an engineering consultancy", "a private school group", "a port operator",
                          "a pharmaceutical distributor", "a regional newspaper", "a credit union"]
    static let families = ["LockBit", "BlackCat", "Akira", "Play", "Rhysida", "8Base", "Medusa", "BianLian"]
    static let platforms = ["an encrypted messaging app", "a cloud storage service", "a social network",
                            "an image board", "a video-sharing platform", "a gaming chat server"]
    static let companies = ["a construction firm", "an agricultural exporter", "a shipping agent",
                            "a software reseller", "a medical supplies wholesaler", "a car importer",
                            "a property management company", "a charity"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]
    static let markets = ["a darknet marketplace", "an invite-only vendor shop", "a Telegram-based market"]

    static func amount(_ rng: inout SeededRandom, _ range: ClosedRange<Int>) -> String {
        let n = rng.int(range) * 1000
        var digits = String(n)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits = String(digits.dropLast(3))
        }
        return rng.pick(["EUR ", "USD ", "GBP "]) + digits + out
    }

    static let templates: [OffenceTemplate] = [
        OffenceTemplate(weight: 16) { rng in
            let victim = rng.pick(victims), family = rng.pick(families)
            return OffenceStory(
                title: "Ransomware attack on \(victim) (\(family))",
                facts: "In \(rng.pick(months)) the network of \(victim) was encrypted by \(family) ransomware and a ransom of \(amount(&rng, 80...2500)) in bitcoin was demanded. Exfiltrated files were published on a leak site. Command-and-control traffic leads to virtual servers rented abroad.",
                offence: "Illegal access and data interference (arts. 7 and 9); extortion",
                offenceClass: .conventionOffence, purposes: [.storedData, .evidence],
                confidential: rng.chance(0.2), urgency: rng.chance(0.25) ? .urgent : .normal,
                dataVulnerable: rng.chance(0.5), data: "server images, subscriber and payment records of the rented servers, connection logs")
        },
        OffenceTemplate(weight: 14) { rng in
            let company = rng.pick(companies)
            return OffenceStory(
                title: "Business e-mail compromise: \(company) paid \(amount(&rng, 40...900)) to a mule account",
                facts: "Fraudsters took over the mailbox of a supplier of \(company) and sent altered invoices with new bank details. The payment was split across accounts opened with forged identity documents and withdrawn within days.",
                offence: "Computer-related fraud (art. 13); laundering of proceeds (art. 17)",
                offenceClass: .conventionOffence, purposes: [.storedData, .documents, .tracing],
                confidential: rng.chance(0.1), urgency: rng.chance(0.2) ? .urgent : .normal,
                dataVulnerable: rng.chance(0.3), data: "mailbox login records, account opening documents and statements")
        },
        OffenceTemplate(weight: 10) { rng in
            let platform = rng.pick(platforms)
            return OffenceStory(
                title: "Child sexual abuse material shared through \(platform)",
                facts: "A user of \(platform) distributed child sexual abuse material in closed groups. The provider's referral identifies the account, its e-mail address and the IP addresses used at upload.",
                offence: "Offences related to online child sexual abuse or child sexual exploitation material (art. 14)",
                offenceClass: .conventionOffence, purposes: [.storedData, .searchSeizure, .evidence],
                confidential: true, urgency: rng.chance(0.3) ? .urgent : .normal,
                dataVulnerable: rng.chance(0.4), data: "account content, subscriber information and upload IP logs")
        },
        OffenceTemplate(weight: 8) { rng in
            OffenceStory(
                title: "Unauthorised access to \(rng.pick(["a hospital patient portal", "a payroll system", "a ministry mail server", "a telecom billing platform", "a bank's internet banking"]))",
                facts: "Credentials obtained by phishing were used to log in from foreign IP addresses and copy records over several weeks. The intruders kept access through a web shell.",
                offence: "Illegal access (art. 7); illegal interception (art. 8)",
                offenceClass: .conventionOffence, purposes: [.storedData, .evidence],
                confidential: rng.chance(0.2), urgency: .normal, dataVulnerable: rng.chance(0.3),
                data: "VPS subscriber records and access logs for the attacking IP addresses")
        },
        OffenceTemplate(weight: 6) { rng in
            OffenceStory(
                title: "Wiper malware destroyed data at \(rng.pick(victims))",
                facts: "Malware deleted backups and overwrote disks across the organisation after an intrusion through an unpatched VPN gateway.",
                offence: "Data interference (art. 9); interference with a system (art. 10)",
                offenceClass: .conventionOffence, purposes: [.storedData, .information],
                confidential: rng.chance(0.3), urgency: rng.chance(0.3) ? .urgent : .normal,
                dataVulnerable: true, data: "logs of the staging servers and the attacker's hosting account")
        },
        OffenceTemplate(weight: 5) { rng in
            OffenceStory(
                title: "DDoS-for-hire attacks on \(rng.pick(["online banking services", "a national tax portal", "an election results site", "ferry booking systems"]))",
                facts: "A booter service sold attacks that took the services offline repeatedly. Payments to the service went through a cryptocurrency exchange.",
                offence: "Interference with a system (art. 10); misuse of devices (art. 11)",
                offenceClass: .conventionOffence, purposes: [.storedData, .tracing],
                confidential: false, urgency: .normal, dataVulnerable: rng.chance(0.2),
                data: "exchange KYC records and the booter's hosting account")
        },
        OffenceTemplate(weight: 5) { rng in
            OffenceStory(
                title: "Phishing kits sold to \(rng.int(40...900)) buyers",
                facts: "An online shop sold phishing kits imitating local banks, with hosting and support. Buyers used them against thousands of customers.",
                offence: "Misuse of devices (art. 11); computer-related fraud (art. 13)",
                offenceClass: .conventionOffence, purposes: [.storedData, .evidence, .tracing],
                confidential: false, urgency: .normal, dataVulnerable: false,
                data: "shop database, payment records and domain registration data")
        },
        OffenceTemplate(weight: 4) { rng in
            OffenceStory(
                title: "Forged court orders sent to \(rng.pick(["a domain registrar", "a mobile operator", "an online marketplace"]))",
                facts: "Forged electronic court orders were sent to obtain the takeover of accounts and phone numbers (SIM swap).",
                offence: "Computer-related forgery (art. 12); computer-related fraud (art. 13)",
                offenceClass: .conventionOffence, purposes: [.documents, .storedData],
                confidential: false, urgency: .normal, dataVulnerable: false,
                data: "submission logs, sender IP addresses and e-mail headers")
        },
        OffenceTemplate(weight: 5) { rng in
            OffenceStory(
                title: "Online grooming of a \(rng.int(11...15))-year-old through \(rng.pick(platforms))",
                facts: "An adult contacted the child, obtained images and proposed a meeting. The account was registered abroad.",
                offence: "Solicitation or grooming for the purpose of committing a sexual offence against a child (art. 15)",
                offenceClass: .conventionOffence, purposes: [.storedData, .evidence],
                confidential: true, urgency: rng.chance(0.4) ? .emergency : .urgent, dataVulnerable: true,
                data: "account subscriber data, messages and login IP addresses")
        },
        OffenceTemplate(weight: 4) { rng in
            OffenceStory(
                title: "Non-consensual sharing of intimate images",
                facts: "Intimate images of the victim were posted on \(rng.pick(["an adult website", "a forum", "a social network"])) with her name and address after she ended a relationship.",
                offence: "Non-consensual dissemination of intimate images (art. 16)",
                offenceClass: .conventionOffence, purposes: [.storedData],
                confidential: true, urgency: rng.chance(0.3) ? .urgent : .normal, dataVulnerable: true,
                data: "uploader account data and upload IP logs")
        },
        OffenceTemplate(weight: 5) { rng in
            OffenceStory(
                title: "Sextortion network targeting young men",
                facts: "Victims were persuaded to send images and then blackmailed; payments of \(amount(&rng, 1...20)) went to gift cards and crypto wallets.",
                offence: "Extortion; solicitation of a child (art. 15) where victims were minors",
                offenceClass: .conventionOffence, purposes: [.storedData, .tracing],
                confidential: true, urgency: rng.chance(0.5) ? .urgent : .normal, dataVulnerable: true,
                data: "social media accounts, wallet and exchange records")
        },
        OffenceTemplate(weight: 6) { rng in
            OffenceStory(
                title: "Investment fraud call centre (\(amount(&rng, 500...9000)) in losses)",
                facts: "A call centre promoted fake crypto trading platforms; victims were shown fabricated profits and asked for more deposits. Funds moved through payment processors in several States.",
                offence: "Fraud; money laundering (serious crime, art. 2(h))",
                offenceClass: .seriousCrime, purposes: [.documents, .tracing, .recovery],
                confidential: rng.chance(0.1), urgency: .normal, dataVulnerable: false,
                data: "platform domains, hosting, payment processor and bank records")
        },
        OffenceTemplate(weight: 5) { rng in
            OffenceStory(
                title: "Drug sales on \(rng.pick(markets))",
                facts: "A vendor shipped synthetic drugs by post; orders were paid in Monero and the vendor's PGP key links several market accounts.",
                offence: "Drug trafficking (serious crime, art. 2(h))",
                offenceClass: .seriousCrime, purposes: [.storedData, .searchSeizure, .tracing],
                confidential: rng.chance(0.4), urgency: .normal, dataVulnerable: false,
                data: "market server data, postal tracking and parcel locker records")
        },
        OffenceTemplate(weight: 3) { rng in
            OffenceStory(
                title: "Human trafficking advertised online",
                facts: "Victims were recruited with fake job offers and advertised on escort websites hosted abroad; phone numbers rotate weekly.",
                offence: "Trafficking in persons (serious crime, art. 2(h))",
                offenceClass: .seriousCrime, purposes: [.storedData, .information, .tracing],
                confidential: true, urgency: rng.chance(0.4) ? .urgent : .normal, dataVulnerable: true,
                data: "advertisement accounts, payment and subscriber records")
        },
        OffenceTemplate(weight: 2) { rng in
            OffenceStory(
                title: "Kidnapping: ransom demands sent from a messaging account",
                facts: "A businessman was abducted; ransom demands and proof-of-life videos arrive from an account registered abroad. His life is at risk.",
                offence: "Kidnapping (serious crime, art. 2(h))",
                offenceClass: .seriousCrime, purposes: [.realtimeTraffic, .storedData],
                confidential: true, urgency: .emergency, dataVulnerable: true,
                data: "real-time traffic data and location of the account")
        },
        OffenceTemplate(weight: 2) { rng in
            OffenceStory(
                title: "Threat to life posted on \(rng.pick(platforms))",
                facts: "A user announced an attack on a school and posted images of weapons. The account's recent logins come from a mobile network abroad.",
                offence: "Threats; preparation of a terrorist offence (serious crime, art. 2(h))",
                offenceClass: .seriousCrime, purposes: [.realtimeTraffic, .storedData, .information],
                confidential: true, urgency: .emergency, dataVulnerable: true,
                data: "subscriber data, login IP addresses and real-time traffic data")
        },
        OffenceTemplate(weight: 3) { rng in
            OffenceStory(
                title: "Murder investigation: phone and cloud account of the victim",
                facts: "The victim's phone is missing; his cloud account may hold the last messages and location history before his death.",
                offence: "Murder (serious crime, art. 2(h))",
                offenceClass: .seriousCrime, purposes: [.storedData, .examination, .appearance],
                confidential: true, urgency: rng.chance(0.5) ? .urgent : .normal, dataVulnerable: true,
                data: "cloud account content and location history")
        },
        OffenceTemplate(weight: 3) { rng in
            OffenceStory(
                title: "Service of summons on a witness in a fraud trial",
                facts: "The court asks that a summons be served on a witness now living abroad.",
                offence: "Fraud (serious crime, art. 2(h))",
                offenceClass: .seriousCrime, purposes: [.service],
                confidential: false, urgency: .normal, dataVulnerable: false,
                data: "—")
        },
    ]
}
