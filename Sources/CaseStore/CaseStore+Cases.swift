import CanonicalEvents
import Casework
import Foundation
import GRDB

extension CaseStore {
    // MARK: Register and act

    public func register(_ registration: Registration, actor: String, today: CivilDate,
                         now: Date) throws(StoreError) -> CaseFile {
        try write { db in
            // Role, policy and holidays as they are inside this transaction, not as the caller
            // last read them (a demotion or policy change another process committed).
            let context = try Self.context(db, actor: actor, today: today, now: now)
            let id = context.makeID()
            let ref = try Self.mintReference(db, direction: registration.direction, kind: registration.kind,
                                             year: context.today.year)
            let event = try Self.engine { () throws(CaseworkError) in
                try Engine.register(registration, id: id, ref: ref, context: context)
            }
            // After the engine, so that a viewer is refused for the role first (exit 3, §6);
            // the transaction undoes the reference minted.
            try Self.requireState(registration.counterpart, db)
            // After the engine: a viewer is refused for the role (exit 3) before their own name
            // is found unassignable; the transaction undoes the reference minted.
            if let officer = registration.officer, !officer.isEmpty { try Self.requireAssignable(officer, db) }
            var appender = try EventAppender(db)
            let file = Engine.fold([event])
            try Projector.project(db, file: file, context: context, linked: [:], isNew: true)
            try appender.append(event, db)
            try appender.finish(db)
            // As stored (recorded-at in whole milliseconds), like every later read.
            return try Self.fold(db, caseID: file.id)
        }
    }

    public func act(_ target: CaseSelector, action: Action, inputs: ActionInputs,
                    actor: String, today: CivilDate, now: Date, basedOn: UUID?) throws(StoreError) -> CaseFile {
        try write { db in
            let context = try Self.context(db, actor: actor, today: today, now: now)
            let caseID = try Self.caseID(db, target)
            // Read and fold inside the write transaction: the state decided on is the current one.
            let file = try Self.fold(db, caseID: caseID)
            if let basedOn, file.events.last?.id != basedOn {
                throw StoreError.stale(ref: file.ref, action: action)
            }
            var decideContext = context
            decideContext.linkedCases = try Self.linkedFiles(db, of: file, extra: inputs.link.map { [$0.id] } ?? [])
            let events = try Self.engine { () throws(CaseworkError) in
                try Engine.decide(action, inputs, on: file, context: decideContext)
            }
            // After the engine, so that a role refusal is reported as one (exit 3).
            if let officer = inputs.officer { try Self.requireAssignable(officer, db) }
            // The State of an art. 43.1 disclosure is a State the directory knows (exit 2).
            if action == .discloseTraffic, let to = inputs.to { try Self.requireState(to.uppercased(), db) }
            var appender = try EventAppender(db)
            for event in events { try appender.append(event, db) }
            try appender.finish(db)
            let updated = try Self.fold(db, caseID: caseID)
            try Projector.reproject(db, file: updated, context: context)
            return updated
        }
    }

    // MARK: Reading cases

    public func caseFile(_ target: CaseSelector) throws(StoreError) -> CaseFile {
        try read { db in try Self.fold(db, caseID: Self.caseID(db, target)) }
    }

    public func events(of target: CaseSelector) throws(StoreError) -> [CaseEvent] {
        try read { db in try Self.events(db, caseID: Self.caseID(db, target)) }
    }

    public func links(of target: CaseSelector) throws(StoreError) -> [CaseRelation] {
        try read { db in try Self.relations(db, caseID: Self.caseID(db, target)) }
    }

    public func caseSnapshot(_ target: CaseSelector, actor: String, today: CivilDate,
                             now: Date) throws(StoreError) -> CaseSnapshot {
        try read { db in
            let id = try Self.caseID(db, target)
            let file = try Self.fold(db, caseID: id)
            var context = try Self.context(db, actor: actor, today: today, now: now)
            context.linkedCases = try Self.linkedFiles(db, of: file)
            let counterpart = try Self.directoryEntry(db, file.counterpart)
            return CaseSnapshot(file: file, context: context, relations: try Self.relations(db, caseID: id),
                                counterpart: counterpart)
        }
    }

    static func relations(_ db: Database, caseID: UUID) throws -> [CaseRelation] {
        try Row.fetchAll(db, sql: """
            SELECT c.id, c.ref, l.relation, 0 AS inbound FROM links l JOIN cases c ON c.id = l.other_id
             WHERE l.case_id = ?1
            UNION ALL
            SELECT c.id, c.ref, l.relation, 1 AS inbound FROM links l JOIN cases c ON c.id = l.case_id
             WHERE l.other_id = ?1
            ORDER BY 2
            """, arguments: [caseID.uuidString]).map {
            CaseRelation(id: UUID(uuidString: $0["id"])!, ref: $0["ref"], relation: $0["relation"],
                         inbound: $0["inbound"])
        }
    }

    /// `--link REF` resolved into what the engine needs.
    public func linkTarget(_ ref: String) throws(StoreError) -> LinkTarget {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, ref, direction, kind FROM cases WHERE ref = ?",
                                             arguments: [Self.normalizedRef(ref)]) else {
                throw StoreError.unknownReference(ref)
            }
            return LinkTarget(id: UUID(uuidString: row["id"])!, ref: row["ref"],
                              direction: Direction(rawValue: row["direction"])!,
                              kind: RequestKind(rawValue: row["kind"])!)
        }
    }

    public func purposes(of ids: [UUID]) throws(StoreError) -> [UUID: [Purpose]] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            // Read in Swift: a payload may be stored compressed (StoredPayload), out of json_extract's reach.
            let rows = try Row.fetchAll(db, sql: """
                SELECT case_id, payload FROM events WHERE type = 'registered' AND case_id IN (\(marks))
                """, arguments: StatementArguments(ids.map(\.uuidString)))
            struct Registered: Decodable {
                struct Registration: Decodable { var purposes: [String]? }
                var registration: Registration?
            }
            var out: [UUID: [Purpose]] = [:]
            for row in rows {
                guard let text = StoredPayload.text(row["payload"]), let id = UUID(uuidString: row["case_id"]),
                      let names = (try? JSONDecoder().decode(Registered.self, from: Data(text.utf8)))?.registration?.purposes
                else { continue }
                let purposes = names.compactMap(Purpose.init(rawValue:))
                if !purposes.isEmpty { out[id] = purposes }
            }
            return out
        }
    }

    /// The device code of a field copy ("" at headquarters), part of the references it mints.
    public func deviceCode() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'device_code'") ?? "" }
    }

    /// Makes this database a field copy that mints `IN-MLA-2026-FL2-0003`. Letters and digits only.
    public func setDeviceCode(_ code: String) throws(StoreError) {
        guard code.isEmpty || (code.count <= 8 && code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })) else {
            throw .invalid("device code '\(code)': use up to 8 capital letters and digits")
        }
        try write { db in
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'device_code'", arguments: [code])
        }
    }

    // MARK: Internals shared with maintenance and bulk loading

    static func engine<T>(_ body: () throws(CaseworkError) -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw .refused(error) }
    }

    /// References are typed by people: accept lower case and surrounding spaces.
    static func normalizedRef(_ ref: String) -> String {
        ref.trimmingCharacters(in: .whitespaces).uppercased()
    }

    static func caseID(_ db: Database, _ target: CaseSelector) throws -> UUID {
        switch target {
        case .id(let id):
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?)",
                                    arguments: [id.uuidString]) == true else {
                throw StoreError.unknownReference(id.uuidString)
            }
            return id
        case .ref(let ref):
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM cases WHERE ref = ?",
                                               arguments: [normalizedRef(ref)]).flatMap(UUID.init(uuidString:)) else {
                throw StoreError.unknownReference(ref)
            }
            return id
        }
    }

    static func events(_ db: Database, caseID: UUID) throws -> [CaseEvent] {
        try caseEvents(Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM events WHERE case_id = ? ORDER BY seq"),
                                    arguments: [caseID.uuidString]).map(EventRecord.init(row:)))
    }

    /// One case's stored events as the domain reads them: a payload blanked by a retention
    /// purge reads as the remainder its purge event kept (art. 36).
    static func caseEvents(_ records: [EventRecord]) throws -> [CaseEvent] {
        let blanked = Set(records.filter { $0.payload == nil }.compactMap { UUID(uuidString: $0.id) })
        return Retention.withRemainders(try records.map { try $0.event() }, blanked: blanked)
    }

    static func fold(_ db: Database, caseID: UUID) throws -> CaseFile {
        let events = try events(db, caseID: caseID)
        guard !events.isEmpty else { throw StoreError.unknownReference(caseID.uuidString) }
        return Engine.fold(events)
    }

    /// The folded cases linked to `file` in either direction (plus `extra` ids, e.g. a link
    /// being made), for deciding and for deadlines such as `release-due`.
    /// `known` answers for the cases a caller already holds folded (nil: not a case), instead of
    /// reading them.
    static func linkedFiles(_ db: Database, of file: CaseFile, extra: [UUID] = [],
                            known: ((UUID) throws -> CaseFile?)? = nil) throws -> [UUID: CaseFile] {
        var ids = Set(file.links.map(\.id)).union(extra)
        for other in try String.fetchAll(db.cachedStatement(sql: "SELECT case_id FROM links WHERE other_id = ?"),
                                         arguments: [file.id.uuidString]) {
            if let id = UUID(uuidString: other) { ids.insert(id) }
        }
        ids.remove(file.id)
        var files: [UUID: CaseFile] = [:]
        for id in ids {
            if let known {
                files[id] = try known(id)
                continue
            }
            let events = try events(db, caseID: id)
            if !events.isEmpty { files[id] = Engine.fold(events) }
        }
        return files
    }

    /// `IN-MLA-2026-0007`, or `IN-MLA-2026-FL2-0003` in a field copy: the next number of the
    /// (direction, kind, year, device) sequence, at least four digits.
    static func mintReference(_ db: Database, direction: Direction, kind: RequestKind, year: Int) throws -> String {
        let device = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'device_code'")) ?? ""
        let number = try Int.fetchOne(db.cachedStatement(sql: """
            INSERT INTO ref_sequences(direction, kind, year, device, last) VALUES (?, ?, ?, ?, 1)
            ON CONFLICT(direction, kind, year, device) DO UPDATE SET last = last + 1
            RETURNING last
            """), arguments: [direction.rawValue, kind.rawValue, year, device])!
        return formatReference(direction: direction, kind: kind, year: year, device: device, number: number)
    }

    static func formatReference(direction: Direction, kind: RequestKind, year: Int, device: String, number: Int) -> String {
        CaseReference.format(direction: direction, kind: kind, year: year, device: device, number: number)
    }
}

/// Appends events to the chain inside a write transaction.
struct EventAppender {
    private var head: Data
    private let insert: Statement

    init(_ db: Database) throws {
        head = try Data.fetchOne(db, sql: "SELECT chain FROM events ORDER BY seq DESC LIMIT 1") ?? EventRecord.zeroChain
        insert = try db.cachedStatement(sql: EventRecord.insertSQL)
    }

    mutating func append(_ event: CaseEvent, _ db: Database) throws {
        let record = try EventRecord(event, after: head)
        try insert.execute(arguments: record.insertArguments)
        head = record.chain
    }

    /// A row whose canonical payload and digest are already computed (an imported event): only
    /// its chain value is new.
    mutating func append(record: EventRecord, _ db: Database) throws {
        var record = record
        record.chain = EventRecord.link(head, record.digest)
        try insert.execute(arguments: record.insertArguments)
        head = record.chain
    }

    /// Records the chain head in meta (for comparison with copies and auditors).
    func finish(_ db: Database) throws {
        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'chain_head'", arguments: [head.hex])
    }
}
