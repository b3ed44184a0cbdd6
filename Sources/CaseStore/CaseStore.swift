// CaseStore: SQLite through GRDB.
