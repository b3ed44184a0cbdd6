import GRDB

extension CaseStore {
    /// The public halves of this copy's keys (Ed25519 signing key in base64, age recipient), or
    /// nil before the copy has keys. The private halves never enter the database (issue 13).
    public func copyPublicKeys() throws(StoreError) -> (signing: String, recipient: String)? {
        try read { db in
            let signing = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'signing_key'")
            let recipient = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'age_recipient'")
            guard let signing, let recipient else { return nil }
            return (signing, recipient)
        }
    }

    /// Records this copy's public keys, once: replacing them would orphan every key file and
    /// every device that trusts them, so a second call is refused.
    public func setCopyPublicKeys(signing: String, recipient: String) throws(StoreError) {
        try write { db in
            let existing = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'signing_key'")
            guard existing == nil else { throw StoreError.invalid("this copy already has keys") }
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('signing_key', ?), ('age_recipient', ?)",
                           arguments: [signing, recipient])
        }
    }
}
