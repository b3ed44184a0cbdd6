import Casework

/// The people and partners of the demo office.
enum DemoOffice {
    /// Officers by login name, as `cadesk officer add` would make them. Two supervisors.
    static let officers: [(name: String, role: Role)] = [
        ("e.varga", .supervisor),
        ("k.mensah", .supervisor),
        ("a.moreau", .officer),
        ("l.fernandes", .officer),
        ("r.okafor", .officer),
        ("s.lindqvist", .officer),
        ("t.nakamura", .officer),
        ("m.haddad", .officer),
        ("j.kowalski", .officer),
        ("p.sharma", .officer),
    ]

    /// Requested and requesting States, ISO 3166-1 alpha-3, weighted so that the usual partners
    /// of a central authority dominate and a long tail appears now and then.
    static let counterparts: [(String, Int)] = [
        ("USA", 40), ("GBR", 22), ("DEU", 20), ("FRA", 20), ("NLD", 16), ("IRL", 12), ("CAN", 10),
        ("ESP", 10), ("ITA", 10), ("BEL", 8), ("POL", 8), ("ROU", 8), ("IND", 8), ("BRA", 7),
        ("NGA", 7), ("UKR", 6), ("PRT", 6), ("SWE", 6), ("CHE", 6), ("AUS", 6), ("JPN", 5),
        ("KOR", 5), ("SGP", 5), ("ZAF", 5), ("MEX", 5), ("TUR", 5), ("MAR", 4), ("EGY", 4),
        ("KEN", 4), ("GHA", 4), ("PHL", 4), ("IDN", 4), ("MYS", 4), ("THA", 4), ("VNM", 3),
        ("ARG", 3), ("CHL", 3), ("COL", 3), ("PER", 3), ("AUT", 3), ("CZE", 3), ("HUN", 3),
        ("GRC", 3), ("DNK", 3), ("NOR", 3), ("FIN", 3), ("EST", 3), ("LTU", 2), ("LVA", 2),
        ("BGR", 2), ("HRV", 2), ("SRB", 2), ("MDA", 2), ("GEO", 2), ("ARM", 2), ("ISR", 2),
        ("ARE", 3), ("SAU", 2), ("QAT", 2), ("JOR", 2), ("TUN", 2), ("SEN", 2), ("CIV", 2),
        ("CMR", 1), ("UGA", 1), ("TZA", 1), ("RWA", 1), ("ZMB", 1), ("NZL", 2), ("PAK", 2),
        ("BGD", 1), ("LKA", 1), ("NPL", 1), ("KAZ", 1), ("UZB", 1), ("DOM", 1), ("JAM", 1),
        ("CRI", 1), ("PAN", 1), ("URY", 1), ("ECU", 1), ("CYP", 2), ("MLT", 2), ("LUX", 2),
        ("SVN", 1), ("SVK", 1), ("ISL", 1), ("MUS", 1), ("FJI", 1),
    ]

    /// MLA treaties in force with some partners: those requests rest on the treaty (40.7).
    static let treaties: [String: String] = [
        "USA": "Bilateral MLAT 2001", "CAN": "Bilateral MLAT 1998", "AUS": "Bilateral MLAT 2004",
        "IND": "Bilateral MLAT 2012", "BRA": "Bilateral MLAT 2010", "MEX": "Bilateral MLAT 2008",
        "KOR": "Bilateral MLAT 2015", "ZAF": "Bilateral MLAT 2006",
    ]

    /// The office's own State when the demo has to set the office up.
    static let officeState = "IRL"
    static let officeName = "Central Authority for Mutual Legal Assistance (demo)"
    static let timeZone = "Europe/Dublin"

    /// Requesting and executing authorities, and where the data usually sit.
    static let foreignAuthorities = [
        "Public Prosecutor's Office, Cybercrime Unit", "Office of the Attorney General",
        "National Police, Cybercrime Centre", "Investigating Judge, Criminal Court of First Instance",
        "Federal Prosecution Service", "Department of Justice, Office of International Affairs",
        "Crown Prosecution Service, International Division", "Prosecutor General's Office",
        "National Crime Agency", "Economic and Financial Crimes Commission",
    ]
    static let domesticAuthorities = [
        "Garda National Cyber Crime Bureau", "Director of Public Prosecutions",
        "District Court (production order)", "Garda National Economic Crime Bureau",
        "Criminal Assets Bureau", "Online Child Exploitation Unit",
    ]
    static let custodians = [
        "Northwind Mail Ltd (e-mail hosting)", "Harbour Cloud Services Ltd", "Emerald Telecom plc",
        "Blue Lantern Hosting Ltd", "Kestrel Payments Ltd", "Liffey Data Centres Ltd",
        "Orion Social Networks Ireland Ltd", "Atlantic Mobile Ltd", "Cobalt VPN Services Ltd",
        "Greenfield Marketplace Europe Ltd", "Tern Messaging Ireland Ltd", "Quayside Crypto Exchange Ltd",
    ]
    static let foreignProviders = [
        "Stratus Hosting GmbH", "Polar Cloud AB", "Meridian Telecom S.A.", "Kappa Networks B.V.",
        "Sunrise Datacenter LLC", "Baltic Host OÜ", "Atlas Mobile S.p.A.", "Nimbus Web Services Inc.",
    ]
}
