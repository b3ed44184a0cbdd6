import CanonicalEvents
import Casework
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The head of the audit chain at one moment: how many events, and the chain value of the last.
/// Kept outside the database (a backup's `.head` file, the weekly report, a supervisor's mail),
/// it lets `audit verify --head` tell whether the chain still extends it: an insider who can
/// write the file can recompute every digest, but cannot make a new chain pass through an old head.
public struct ChainHead: Sendable, Hashable, Codable, CustomStringConvertible {
    public var events: Int
    /// Hex SHA-256 chain value of event number `events` (64 zeros for an empty chain).
    public var digest: String

    public init(events: Int, digest: String) { self.events = events; self.digest = digest }

    /// `COUNT:DIGEST`, as `audit head` prints it and `--head` reads it.
    public var description: String { "\(events):\(digest)" }

    /// Reads `COUNT:DIGEST` (the first non-empty line of a head file, hex in either case) or
    /// what `audit head --json` prints; nil when it is neither.
    public init?(text: String) {
        if let json = try? JSONDecoder().decode(ChainHead.self, from: Data(text.utf8)),
           let checked = ChainHead(text: "\(json.events):\(json.digest)") {
            self = checked
            return
        }
        guard let line = text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { !$0.isEmpty }) else { return nil }
        let parts = line.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 18, let count = Int(parts[0]), count >= 0,
              parts[1].count == 64, parts[1].allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        events = count
        digest = parts[1].lowercased()
    }
}

extension AuditReport.BrokenEvent {
    /// What the problem means, in words.
    public var explanation: String {
        switch problem {
        case "digest": return "its stored bytes no longer match its digest (edited)"
        case "chain": return "the chain does not link here (an event was removed, inserted or reordered)"
        case "head": return "the chain ends before the stored head (the last events were removed)"
        case "blanked": return "its payload was blanked without a purge event"
        default: return "it cannot be read"
        }
    }
}

extension CaseStore {
    public func verifyAudit() throws(StoreError) -> AuditReport {
        try read { db in try Self.verifyAudit(db) }
    }

    /// Walks the chain in seq order: every payload must hash to its digest, every chain value
    /// must link, a blanked payload must be listed by a later purge event of its case (art. 36),
    /// and the chain must end at the stored head.
    static func verifyAudit(_ db: Database) throws -> AuditReport {
        let purges = try purgeAuthorisations(db)
        var previous = EventRecord.zeroChain
        var count = 0, purged = 0
        var lastSeq: Int64 = 0
        var broken: AuditReport.BrokenEvent?
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM events ORDER BY seq")
        while let row = try cursor.next() {
            let record = EventRecord(row: row)
            count += 1
            lastSeq = record.seq ?? lastSeq
            if let problem = try problem(of: record, after: previous, purges: purges) {
                broken = try brokenEvent(db, record, problem); break
            }
            if record.payload == nil { purged += 1 }
            previous = record.chain
        }
        if broken == nil,
           let head = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'chain_head'"),
           head != previous.hex {
            // The last events were removed (or the head tampered with): the chain ends early.
            broken = AuditReport.BrokenEvent(seq: lastSeq, id: "", caseID: "", ref: nil, problem: "head")
        }
        return AuditReport(events: count, purged: purged, firstBroken: broken, head: previous.hex)
    }

    private static func problem(of record: EventRecord, after previous: Data,
                                purges: [String: (seq: Int64, caseID: String)]) throws -> String? {
        // The digest of the stored bytes, whatever they hold: it cannot fail, only differ.
        if let digest = record.recomputedDigest(), digest != record.digest { return "digest" }
        if EventRecord.link(previous, record.digest) != record.chain { return "chain" }
        if record.payload == nil {
            guard let by = purges[record.id], by.caseID == record.caseID, by.seq > (record.seq ?? 0) else {
                return "blanked"
            }
        }
        return nil
    }

    /// Event id → the purge event that lists it (its seq and case). A purge event's own payload
    /// is checked against its digest in the walk, so a forged list is caught there.
    static func purgeAuthorisations(_ db: Database) throws -> [String: (seq: Int64, caseID: String)] {
        var map: [String: (seq: Int64, caseID: String)] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, case_id, payload FROM events WHERE type = ? AND payload IS NOT NULL",
                                       arguments: [Action.purge.rawValue])
        while let row = try rows.next() {
            guard let text = StoredPayload.text(row["payload"]),
                  let payload = try? CanonicalDecoder.decode(EventPayload.self, from: CanonicalJSON(parsing: Data(text.utf8)))
            else { continue }
            for purged in payload.purged ?? [] {
                map[purged.event.uuidString] = (row["seq"], row["case_id"])
            }
        }
        return map
    }

    private static func brokenEvent(_ db: Database, _ record: EventRecord, _ problem: String) throws -> AuditReport.BrokenEvent {
        AuditReport.BrokenEvent(
            seq: record.seq ?? 0, id: record.id, caseID: record.caseID,
            ref: try String.fetchOne(db, sql: "SELECT ref FROM cases WHERE id = ?", arguments: [record.caseID]),
            problem: problem)
    }

    // MARK: Anchors

    /// The chain head now: the number of events and the last chain value.
    public func chainHead() throws(StoreError) -> ChainHead {
        try read { db in try Self.chainHead(db) }
    }

    static func chainHead(_ db: Database) throws -> ChainHead {
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
        let last = try Data.fetchOne(db, sql: "SELECT chain FROM events ORDER BY seq DESC LIMIT 1") ?? EventRecord.zeroChain
        return ChainHead(events: count, digest: last.hex)
    }

    /// nil when the chain still passes through `head` (its event number `head.events` has that
    /// chain value); otherwise why not, in words. Run it with `verifyAudit`, which proves the
    /// chain from there on links.
    public func reasonNotExtending(_ head: ChainHead) throws(StoreError) -> String? {
        try read { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            if count < head.events {
                return "the chain has \(count) events, fewer than the \(head.events) of the saved head: events were removed"
            }
            let value: Data? = head.events == 0 ? EventRecord.zeroChain : try Data.fetchOne(
                db, sql: "SELECT chain FROM events ORDER BY seq LIMIT 1 OFFSET ?", arguments: [head.events - 1])
            if value?.hex != head.digest {
                return "event \(head.events) no longer has the saved chain value: the record was rewritten or replaced"
            }
            return nil
        }
    }

    /// Writes the chain head of the backup at `backup` into `<backup>.head` (0600), so that the
    /// head leaves with the copy and can be kept apart from the database. Written under a
    /// temporary name, synced, then renamed: a head never describes another copy than its own
    /// (a backup replaced with --force gets a new one), and a link there is replaced, not followed.
    @discardableResult
    public static func writeHead(beside backup: String) throws(StoreError) -> ChainHead {
        var config = Configuration()
        config.readonly = true
        let head = try storeAccess(backup) { () throws -> ChainHead in
            let queue = try DatabaseQueue(path: backup, configuration: config)
            defer { try? queue.close() }
            return try queue.read(chainHead)
        }
        let path = backup + ".head"
        let temporary = "\(path).\(UUID().uuidString.prefix(8)).partial"
        let fd = posixOpen(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .io(path: path, reason: "cannot create the head file: \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data("\(head)\n".utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(temporary)
            throw .io(path: path, reason: "cannot write the head file: \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .io(path: path, reason: "cannot write the head file: \(reason)")
        }
        return head
    }
}
