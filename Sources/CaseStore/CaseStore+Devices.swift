import Casework
import Foundation
import GRDB

/// Another copy this one exchanges bundles with, by its device code: a field copy registered at
/// headquarters, or headquarters (`HQ`) as a field copy knows it.
public struct Device: Sendable, Hashable, Codable {
    public var code: String
    /// Ed25519 public key, base64 without padding: checks the bundles it signs.
    public var signingKey: String
    /// age recipient (`age1…`): bundles for it are encrypted to this.
    public var recipient: String
    /// The officers whose cases it may carry.
    public var officers: [String]
    public var added: CivilDate
    /// Set once revoked: its bundles are refused from then on.
    public var revoked: CivilDate?

    public init(code: String, signingKey: String, recipient: String, officers: [String], added: CivilDate,
                revoked: CivilDate? = nil) {
        self.code = code; self.signingKey = signingKey; self.recipient = recipient
        self.officers = officers; self.added = added; self.revoked = revoked
    }
}

extension CaseStore {
    public func devices() throws(StoreError) -> [Device] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM devices ORDER BY code").map(Self.device) }
    }

    public func device(_ code: String) throws(StoreError) -> Device? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM devices WHERE code = ?", arguments: [code]).map(Self.device) }
    }

    /// Registers a copy; a code is never reused, even once revoked, so old bundles stay attributable.
    public func registerDevice(_ device: Device) throws(StoreError) {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM devices WHERE code = ?)", arguments: [device.code]) == true {
                throw StoreError.invalid("device \(device.code) is already registered; device codes are never reused")
            }
            for officer in device.officers
            where try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM officers WHERE name = ?)", arguments: [officer]) != true {
                throw StoreError.invalid("\(officer): no such officer")
            }
            let officers = String(decoding: try JSONEncoder().encode(device.officers), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO devices(code, signing_key, recipient, officers, added, revoked) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [device.code, device.signingKey, device.recipient, officers,
                                 device.added.description, device.revoked?.description])
        }
    }

    /// Revokes a device as of `day`: its bundles are refused from then on. Nothing is deleted.
    public func revokeDevice(_ code: String, on day: CivilDate) throws(StoreError) {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT revoked FROM devices WHERE code = ?", arguments: [code]) else {
                throw StoreError.invalid("\(code): no such device (see cadesk device list)")
            }
            guard (row["revoked"] as String?) == nil else { throw StoreError.invalid("device \(code) is already revoked") }
            try db.execute(sql: "UPDATE devices SET revoked = ? WHERE code = ?", arguments: [day.description, code])
        }
    }

    static func device(_ row: Row) -> Device {
        let officers = (try? JSONDecoder().decode([String].self, from: Data((row["officers"] as String).utf8))) ?? []
        let revoked: String? = row["revoked"]
        return Device(code: row["code"], signingKey: row["signing_key"], recipient: row["recipient"],
                      officers: officers, added: CivilDate(row["added"] as String) ?? CivilDate(dayNumber: 0),
                      revoked: revoked.flatMap { CivilDate($0) })
    }
}
