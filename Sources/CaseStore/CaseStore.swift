import Casework
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SQLite implementation of `CaseRepository`: one file, WAL, every write in an IMMEDIATE
/// transaction so that two terminals queue for the lock (up to `defaultBusyTimeout`, 5 s) instead of failing.
public final class CaseStore: CaseRepository, CaseMaintenance, Sendable {
    let writer: any DatabaseWriter
    /// The database file, or `:memory:`.
    public let path: String
    /// The file is not writable by this user: it was opened read-only and every write is
    /// refused up front with a clear message, while reads work.
    public let isReadOnly: Bool

    /// How long a writer waits for another process's transaction before giving up (exit 4).
    public static let defaultBusyTimeout: TimeInterval = 5

    /// Opened read-only on a database an older cadesk made (`openForReading`).
    let needsUpgrade: Bool
    /// The shared lock an immutable reader holds on the file (`ReadingSnapshot`).
    private let snapshot: ReadingSnapshot?

    private init(writer: any DatabaseWriter, path: String, isReadOnly: Bool = false,
                 needsUpgrade: Bool = false, snapshot: ReadingSnapshot? = nil) {
        self.writer = writer
        self.path = path
        self.isReadOnly = isReadOnly
        self.needsUpgrade = needsUpgrade
        self.snapshot = snapshot
    }

    /// A store over a private connection of the caller's: `admin check`'s copy of the database,
    /// where the work an office-wide change left pending is finished before comparing.
    static func wrapping(privateCopy queue: DatabaseQueue) -> CaseStore {
        CaseStore(writer: queue, path: ":memory:")
    }

    // MARK: Opening

    /// The database path of CLI.md: the explicit `--db`, else `$CADESK_DB`, else
    /// `$XDG_DATA_HOME/cadesk/cases.sqlite`, else `~/.local/share/cadesk/cases.sqlite`.
    public static func resolvePath(explicit: String?,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let db = environment["CADESK_DB"], !db.isEmpty { return db }
        return defaultPath(environment: environment)
    }

    /// `$XDG_DATA_HOME/cadesk/cases.sqlite`, else `~/.local/share/cadesk/cases.sqlite`: the one
    /// path the interface may create a database at on its first run (CLI.md, "Databases").
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let data: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            data = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            data = (home as NSString).appendingPathComponent(".local/share")
        }
        return (data as NSString).appendingPathComponent("cadesk/cases.sqlite")
    }

    /// Whether anything (a file, a folder, a dangling symlink) is at `path`.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Opens the cadesk database at `path`, creating it when nothing exists there (tests and
    /// tools; the command line creates only through `create`). An existing file that is empty,
    /// damaged or not a cadesk database is refused and left untouched.
    public static func open(path: String, busyTimeout: TimeInterval = defaultBusyTimeout) throws(StoreError) -> CaseStore {
        if exists(path) { return try openExisting(path: path, busyTimeout: busyTimeout) }
        return try create(path: path, busyTimeout: busyTimeout)
    }

    /// Opens an existing cadesk database; never creates one. A file this user may read but not
    /// write is opened read-only (reads work; writes are refused with `readOnly`).
    public static func openExisting(path: String, busyTimeout: TimeInterval = defaultBusyTimeout) throws(StoreError) -> CaseStore {
        guard exists(path) else { throw .noDatabase(path: path) }
        let opening = try ReplacementLock.forOpening(path, timeout: busyTimeout)
        defer { opening.release() }
        try validateExisting(path: path)
        return try openPool(path: path, busyTimeout: busyTimeout, readOnly: access(path, W_OK) != 0)
    }

    /// Opens an existing database for a command that only reads (`case list`, `case show`,
    /// `deadlines`, `report`…): one read-only connection, no migration, nothing written — not the
    /// pool's first-open transaction, no checkpoint, no `-wal`/`-shm` left behind — so a read
    /// leaves the file and its folder as they were, and a user who may only read can list (issue 14).
    /// A database an older cadesk made, which this one would migrate, is opened the ordinary way
    /// when this user may write it (the upgrade happens once), and read as it is otherwise.
    public static func openForReading(path: String, busyTimeout: TimeInterval = defaultBusyTimeout) throws(StoreError) -> CaseStore {
        guard exists(path) else { throw .noDatabase(path: path) }
        let opening = try ReplacementLock.forOpening(path, timeout: busyTimeout)
        defer { opening.release() }
        try checkFile(path: path)
        let store = try openReading(path: path, busyTimeout: busyTimeout)
        if store.needsUpgrade, access(path, W_OK) == 0 {
            try store.closeReading()
            return try openPool(path: path, busyTimeout: busyTimeout, readOnly: false)
        }
        return store
    }

    /// Opens an existing database for the checks (`audit verify`, `admin check`) without writing
    /// anything to it, not even the empty transaction GRDB's pool makes on opening a file with
    /// no log (GRDB issue 102): a damaged file is inspected as it is and left as it was.
    public static func openForInspection(path: String, busyTimeout: TimeInterval = defaultBusyTimeout) throws(StoreError) -> CaseStore {
        guard exists(path) else { throw .noDatabase(path: path) }
        let opening = try ReplacementLock.forOpening(path, timeout: busyTimeout)
        defer { opening.release() }
        try checkFile(path: path)
        return try openReading(path: path, busyTimeout: busyTimeout)
    }

    /// One read-only connection, validated on itself (no second connection just to check the
    /// file). With no log beside the file nobody is writing and everything committed is in the
    /// file: it is read as immutable, which creates no `-wal`/`-shm`, under a shared lock on the
    /// file that keeps a writer who starts meanwhile from checkpointing into it as it closes
    /// (`ReadingSnapshot`). With a log, through the writers' log and index, which must exist.
    private static func openReading(path: String, busyTimeout: TimeInterval) throws(StoreError) -> CaseStore {
        let immutable = readsAsImmutable(path)
        let snapshot = immutable ? ReadingSnapshot(path) : nil
        var config = configuration(busyTimeout: busyTimeout)
        config.readonly = true
        let (queue, upgrade) = try storeAccess(path) { () throws -> (DatabaseQueue, Bool) in
            let queue = try DatabaseQueue(path: immutable ? immutableLocation(path) : path, configuration: config)
            return (queue, try queue.read { db in try validate(db, path: path) })
        }
        return CaseStore(writer: queue, path: path, isReadOnly: true, needsUpgrade: upgrade, snapshot: snapshot)
    }

    /// Closes the read-only connection before the database is opened again for an upgrade.
    private func closeReading() throws(StoreError) {
        try storeAccess(path) { try (writer as? DatabaseQueue)?.close() }
        snapshot?.release()
    }

    /// Whether a reader takes the file as it is: no `-wal` (no one has it open, or its last
    /// writer closed cleanly), or one this user could not join — no `-shm` to read it through
    /// and a folder where they may not create one.
    static func readsAsImmutable(_ path: String) -> Bool {
        guard exists(path + "-wal") else { return true }
        return !exists(path + "-shm") && access(OutputFile.folder(of: path), W_OK) != 0
    }

    /// Creates a new database where nothing exists: the file 0600 and its missing folders 0700,
    /// or, shared with `group` (CLI.md `init --group`), the file 0660 in a folder 2770 of that
    /// group; SQLite gives the `-wal` and `-shm` files the database file's mode and owner.
    public static func create(path: String, sharedWith group: gid_t? = nil,
                              busyTimeout: TimeInterval = defaultBusyTimeout) throws(StoreError) -> CaseStore {
        try createFile(path: path, sharedWith: group)
        do {
            return try openPool(path: path, busyTimeout: busyTimeout, readOnly: false)
        } catch {
            // Only our own, just-created file is removed, so a failed creation can be retried.
            for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
            throw error
        }
    }

    /// A private in-memory database with the same schema and behaviour, for tests.
    public static func inMemory() throws(StoreError) -> CaseStore {
        let queue = try storeAccess(":memory:") { () throws -> DatabaseQueue in
            let queue = try DatabaseQueue(configuration: configuration())
            try Schema.migrator.migrate(queue)
            return queue
        }
        return CaseStore(writer: queue, path: ":memory:")
    }

    /// A private in-memory database whose schema stops at `migration`, as the version that
    /// shipped it left it, for tests of the migrations after it (`Schema.migrator.migrate(writer)`).
    static func inMemory(upTo migration: String) throws(StoreError) -> CaseStore {
        let queue = try storeAccess(":memory:") { () throws -> DatabaseQueue in
            let queue = try DatabaseQueue(configuration: configuration())
            try Schema.migrator.migrate(queue, upTo: migration)
            return queue
        }
        return CaseStore(writer: queue, path: ":memory:")
    }

    /// How often a connection that waits for a lock tries again.
    static let busyPollMicroseconds: useconds_t = 5_000

    /// Waits up to `timeout` for a lock, trying every `busyPollMicroseconds`. SQLite's own
    /// handler (`busy_timeout`) sleeps longer and longer, up to 100 ms between tries: a writer
    /// waiting behind an office-wide change's batch could sleep through the pause between two
    /// batches, so those pauses had to be longer than 100 ms (issue 14).
    static func pollingBusyHandler(timeout: TimeInterval) -> Database.BusyCallback {
        let tries = max(1, Int((timeout * 1_000_000 / Double(busyPollMicroseconds)).rounded(.up)))
        return { numberOfTries in
            guard numberOfTries < tries else { return false }
            usleep(busyPollMicroseconds)
            return true
        }
    }

    static func configuration(busyTimeout: TimeInterval = defaultBusyTimeout) -> Configuration {
        var config = Configuration()
        config.busyMode = .callback(pollingBusyHandler(timeout: busyTimeout))
        config.foreignKeysEnabled = true
        config.label = "cadesk"
        config.prepareDatabase { db in
            // A committed case survives power loss, not only a crash (WAL + FULL).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Statement journals and temporary tables in memory. A statement that may fail halfway
            // (an insert whose triggers write other tables) keeps the pages it changes in a
            // statement journal; Debian's SQLite spills it to a temporary file past 64 KiB, and a
            // bulk load wrote 17 times the database's size to such files. Nothing durable is
            // there: a statement journal only undoes one statement of an open transaction.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return config
    }

    private static func openPool(path: String, busyTimeout: TimeInterval, readOnly: Bool) throws(StoreError) -> CaseStore {
        if readOnly { return try openReadOnly(path: path, busyTimeout: busyTimeout) }
        let pool = try storeAccess(path) { () throws -> DatabasePool in
            let pool = try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout))
            let migrator = Schema.migrator
            if try pool.read(migrator.hasBeenSuperseded) {
                throw StoreError.newerSchema(path: path, migration: "unknown")
            }
            // Up to date (the usual case): no write lock is taken just to open.
            if try !pool.read(migrator.hasCompletedMigrations) {
                try migrator.migrate(pool)
            }
            return pool
        }
        let store = CaseStore(writer: pool, path: path)
        // An office-wide change whose process died between batches left cases to project again:
        // the first process that may write finishes them (each batch short, like the change's own).
        do {
            if try store.pendingProjections() > 0 { try store.finishPendingProjections(.officeChanges) }
        } catch .busy {
            // Others hold the lock: the next open tries again.
        }
        return store
    }

    /// For a user who may read the file but not write it: the reading connection (no migration;
    /// a database a later version would migrate still reads as it is).
    private static func openReadOnly(path: String, busyTimeout: TimeInterval) throws(StoreError) -> CaseStore {
        try openReading(path: path, busyTimeout: busyTimeout)
    }

    /// The file as an immutable database: SQLite takes no lock and creates no `-wal`/`-shm`.
    static func immutableLocation(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "file:" + percentEncodedPath(absolute) + "?immutable=1"
    }

    /// The bytes of a path as a URI path: ASCII letters, digits and `!$&'()*+,-./:=@_~` as they
    /// are (Foundation's `urlPathAllowed` without `?`, `#` and `%`), every other byte `%XX`.
    /// Foundation's `CharacterSet` took a third of a millisecond of every short command (issue 14).
    static func percentEncodedPath(_ path: String) -> String {
        let kept = "!$&'()*+,-./:=@_~".utf8
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.append(byte)
            case _ where kept.contains(byte):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Creates the folders we need and an empty file that nobody else created: 0700/0600, or
    /// for a group 2770/0660 with that group (the setgid bit gives it to every file made there).
    static func createFile(path: String, sharedWith group: gid_t? = nil) throws(StoreError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try createFolders(folder, group: group) }
        if let group { try share(folder.isEmpty ? "." : folder, with: group) }
        let fd = posixOpen(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw .io(path: path, reason: "cannot create the database: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        // fchmod after open: the umask must not take the group's bits away.
        if let group {
            guard fchown(fd, uid_t.max, group) == 0, fchmod(fd, 0o660) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw .io(path: path, reason: "cannot share the database with the group: \(reason)")
            }
        } else {
            fchmod(fd, 0o600)
        }
    }

    /// Gives `folder` to `group`, 2770; refused when the folder is not ours to change.
    private static func share(_ folder: String, with group: gid_t) throws(StoreError) {
        guard chown(folder, uid_t.max, group) == 0, chmod(folder, 0o2770) == 0 else {
            throw .io(path: folder, reason: "cannot share the folder with the group: \(String(cString: strerror(errno)))")
        }
    }

    private static func createFolders(_ folder: String, group: gid_t?) throws(StoreError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
            guard isDir.boolValue else { throw .io(path: folder, reason: "not a folder") }
            return
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder { try createFolders(parent, group: group) }
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
            throw .io(path: folder, reason: "cannot create the folder: \(String(cString: strerror(errno)))")
        }
        if let group { try share(folder, with: group) } else { chmod(folder, 0o700) }
    }

    /// Checks, without writing anything, that `path` is a cadesk database this binary can open.
    static func validateExisting(path: String) throws(StoreError) {
        try checkFile(path: path)
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(defaultBusyTimeout)
        try storeAccess(path) {
            let location = access(path, W_OK) == 0 || !readsAsImmutable(path) ? path : immutableLocation(path)
            let queue = try DatabaseQueue(path: location, configuration: config)
            defer { try? queue.close() }
            _ = try queue.read { db in try validate(db, path: path) }
        }
    }

    /// That the connection's database is cadesk's, of a schema this binary knows. Returns whether
    /// migrations this binary has are missing from it (an older cadesk made it).
    private static func validate(_ db: Database, path: String) throws -> Bool {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard appID == Schema.applicationID else {
            throw StoreError.notACadeskDatabase(
                path: path, reason: String(format: "application id 0x%08x", UInt32(bitPattern: appID)))
        }
        // Asked of sqlite_master directly: GRDB's `tableExists` first reads the whole schema into
        // its cache: most of what checking the file cost a short command (issue 14).
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'") == true,
              try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'app'") == Schema.appMark else {
            throw StoreError.notACadeskDatabase(path: path, reason: "no cadesk meta table")
        }
        let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        if let unknown = applied.subtracting(Schema.knownMigrations).sorted().first {
            throw StoreError.newerSchema(path: path, migration: unknown)
        }
        return !applied.isSuperset(of: Schema.knownMigrations)
    }

    /// What can be judged before SQLite opens the file: an ordinary file, an SQLite header,
    /// and as long as its header says.
    private static func checkFile(path: String) throws(StoreError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw .io(path: path, reason: "is a folder, not a database file")
        }
        // Opening a fifo waits for a writer forever, and a device is no database: only an
        // ordinary file (or a symlink to one) is opened at all.
        var st = stat()
        guard stat(path, &st) == 0 else { throw .io(path: path, reason: "cannot read the file: \(String(cString: strerror(errno)))") }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw .io(path: path, reason: "not an ordinary file (a fifo, a device or a socket)")
        }
        rollBackHotJournal(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .io(path: path, reason: "cannot read the file")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        if header.isEmpty { throw .notACadeskDatabase(path: path, reason: "the file is empty") }
        guard header.count >= 100, header.starts(with: Array("SQLite format 3\u{0}".utf8)) else {
            throw .notACadeskDatabase(path: path, reason: "not an SQLite database")
        }
        // Header, then log, then size: a checkpoint that wrote the header before we read it has
        // either finished growing the file or still has its log (a rollback journal left by a
        // killed restore that we may not roll back counts as a log too).
        let log = ["-wal", "-journal"].map { suffix in
            var st = stat()
            return lstat(path + suffix, &st) == 0 ? Int(st.st_size) : 0
        }.reduce(0, +)
        if let size = try? handle.seekToEnd(),
           let cut = SQLiteHeader(bytes: header).truncation(fileSize: Int(size), hasLog: log > 0) {
            throw .damaged(path: path, reason: cut)
        }
    }

    // MARK: Access helpers

    /// A read in a consistent snapshot.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try storeAccess(path) { try writer.read(body) }
    }

    /// A write in one IMMEDIATE transaction: the lock is taken at BEGIN, so what is read inside
    /// is current and no other process can commit before we do.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        if isReadOnly { throw .readOnly(path: path) }
        return try storeAccess(path) {
            try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    try db.execute(sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
                    return .commit
                }
                return result!
            }
        }
    }

    /// On the writer connection outside any transaction, for connection settings (pragmas): no
    /// lock taken, no revision bump.
    func onWriterConnection<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try storeAccess(path) { try writer.writeWithoutTransaction(body) }
    }

    /// Every write transaction (of any process) bumps `meta.revision`; a poll is one lookup.
    public func dataVersion() throws(StoreError) -> Int64 {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision'") ?? 0
        }
    }
}

func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.open(path, flags, mode)
    #else
    return Darwin.open(path, flags, mode)
    #endif
}
