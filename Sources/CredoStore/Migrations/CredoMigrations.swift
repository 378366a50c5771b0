import FluentKit
import FluentSQL
import SQLKit

/// Every schema change, in the order it is applied. Never edit a migration that has shipped: add one.
/// The CLI's `credo migrate`, the server's start-up and the tests all apply this one list.
public enum CredoMigrations {
  public static let all: [any Migration] = [
    // 001 – foundation: organizations, people, accounts, sessions, audit and access logs.
    CreateOrganizations(),
    CreateEducators(),
    CreateEmployments(),
    CreateUsers(),
    CreateRoleAssignments(),
    CreateSessions(),
    CreateAPITokens(),
    CreateLoginAttempts(),
    CreateAuditEvents(),
    CreateAccessLog(),
    CreateEducatorNotes(),
    CreateImportRuns(),
    // 002 – the reference catalog's table versions.
    CreateCatalogTables(),
    // 003 – credential documents, their authorizations and version history.
    CreateCredentialDocuments(),
    // 004 – CALPADS Fall 2 records and section rosters.
    CreateCalpadsRecords(),
    // 005 – assignment monitoring runs, outcomes and recorded local assignment options.
    CreateMonitoring(),
    // 006 – the exception review: cycle dates, review states, their history and evidence files.
    CreateExceptionWorkflow(),
    // 007 – notices: templates, correspondence (one row per notice and recipient) and the mail outbox.
    CreateNotices(),
    // 008 – pay release: pay periods, runs, each employee's hold or release and its history.
    CreatePayRelease(),
    // 009 – CTC action lists (All Points Bulletin, license match), their rows and matches.
    CreateCTCActions(),
    // 010 – alert rules: the steps of the expiration alert chain, as data an office edits.
    CreateAlertRules(),
    // 011 – the document and employment indexes widened so the dashboard's counts read indexes only.
    WidenDocumentIndexes(),
    // 012 – sections by school code alone, for one educator's re-evaluation (their co-teachers).
    IndexSectionsBySchool(),
  ]
}

extension Database {
  var sqlDatabase: any SQLDatabase { self as! any SQLDatabase }

  /// Text compared byte by byte. Search keys use it so that prefix ranges (`key >= 'smi' AND key < 'smi\u{10FFFF}'`)
  /// mean the same on PostgreSQL, whose default collation is linguistic, as on SQLite, whose default is binary.
  var searchKeyType: DatabaseSchema.DataType {
    sqlDatabase.dialect.name == "postgresql" ? .sql(unsafeRaw: "TEXT COLLATE \"C\"") : .string
  }

  /// Creates a plain (or unique) index; FluentKit's schema builder has none, SQLKit's works on both backends.
  func createIndex(_ name: String, on table: String, _ columns: [String], unique: Bool = false) async throws {
    var builder = sqlDatabase.create(index: name).on(table)
    for column in columns { builder = builder.column(column) }
    if unique { builder = builder.unique() }
    try await builder.run()
  }
}
