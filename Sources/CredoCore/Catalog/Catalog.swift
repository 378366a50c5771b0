import CredoDomain
import CredoReference
import CredoStore
import Foundation

/// What a catalog import did.
public struct CatalogImportResult: Sendable, Hashable {
  public var kind: CatalogKind
  /// The version now current for the kind (the existing one when the content was already loaded).
  public var version: Int
  public var rows: Int
  /// False when the same content was already the current version: nothing was written.
  public var created: Bool
  public var info: CatalogTableInfo
}

/// The reference catalog in use: the tables bundled with Credo (version 1 of each kind), overlaid by the latest
/// version of each kind imported at run time (`credo catalog import KIND FILE`). Offices load newer CTC/CDE tables
/// this way; `ReferenceCatalog.versionStamp` names the versions a decision used.
///
/// The built catalog is cached in memory, keyed by the latest (kind, version, SHA-256) of every stored kind: each
/// call asks the database for that small summary, so an import by this process, another server or the command line
/// is seen on the next request, and an unchanged database reuses the same catalog.
public struct Catalog: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  /// The catalog now in use.
  public func current() async throws -> ReferenceCatalog {
    let latest = try await CatalogRepository(services.database.sql).latestSummaries().filter {
      CatalogKind(rawValue: $0.kind) != nil
    }
    if latest.isEmpty { return BundledCatalog.catalog }
    let signature = latest.map { "\($0.kind)@\($0.version):\($0.sha256)" }.joined(separator: " ")
    if let cached = CatalogCache.shared.catalog(for: signature) { return cached }
    let records = try await CatalogRepository(services.database.sql).find(ids: latest.map(\.id))
    var tables = BundledCatalog.tables
    for record in records {
      guard let table = try Self.table(from: record) else { continue }
      tables.removeAll { $0.info.kind == table.info.kind }
      tables.append(table)
    }
    let catalog = ReferenceCatalog(tables: tables)
    CatalogCache.shared.store(catalog, for: signature)
    return catalog
  }

  /// Loads a newer version of one table. System administrators only. The whole file is validated first (nothing
  /// is written when anything is wrong); content identical to the current version adds nothing; otherwise it
  /// becomes version current + 1, recorded in the audit trail and the import log in the same transaction.
  public func importTable(
    kind: CatalogKind, data: Data, fileName: String, by viewer: Viewer
  ) async throws
    -> CatalogImportResult
  {
    _ = try viewer.require(.manageReference, "loading reference catalog tables (a system administrator's task)")
    let started = services.now
    let document: CatalogDocument
    switch CatalogFile.parse(data, fileName: fileName, expecting: kind) {
    case .invalid(let problems, let truncated):
      throw CoreError.importRejected(file: fileName, problems: problems, truncated: truncated)
    case .valid(let valid): document = valid
    }
    let text = document.canonicalText
    let digest = document.sha256
    let repository = CatalogRepository(services.database.sql)
    let stored = try await repository.versions(kind: kind.rawValue).first
    let currentInfo =
      try stored.map { try Self.info(from: $0) }
      ?? BundledCatalog.documents[kind]?.table(
        version: 1, fileName: kind.fileName
      ).info
    if let currentInfo, currentInfo.sha256 == digest {
      return CatalogImportResult(
        kind: kind, version: currentInfo.version, rows: currentInfo.rowCount, created: false, info: currentInfo)
    }
    let now = services.now
    let actor = viewer.actor
    let record = CatalogVersionRecord(
      kind: kind.rawValue, version: (currentInfo?.version ?? 1) + 1, source: document.source, asOf: document.asOf.iso,
      sha256: digest, rowCount: document.rowCount, content: text, fileName: fileName, importedBy: actor.name,
      importedAt: now)
    let changes = [
      AuditChange(field: "kind", oldValue: nil, newValue: kind.rawValue),
      AuditChange(field: "version", oldValue: currentInfo.map { String($0.version) }, newValue: String(record.version)),
      AuditChange(field: "source", oldValue: currentInfo?.source, newValue: record.source),
      AuditChange(field: "as_of", oldValue: currentInfo?.asOf.iso, newValue: record.asOf),
      AuditChange(
        field: "row_count", oldValue: currentInfo.map { String($0.rowCount) }, newValue: String(record.rowCount)),
      AuditChange(field: "sha256", oldValue: currentInfo?.sha256, newValue: digest),
    ]
    do {
      try await services.database.transaction { db in
        try await CatalogRepository(db).insert(record)
        try await AuditRepository(db).record(
          changes, entityType: Self.auditEntity, entityId: record.id, action: .create, actor: actor, at: now)
        try await ImportRunRepository(db).insert(
          ImportRun(
            id: UUID(), kind: "catalog:\(kind.rawValue)", fileName: fileName, sha256: digest, rows: record.rowCount,
            inserted: record.rowCount, updated: 0, unchanged: 0, actorName: actor.name, startedAt: started,
            finishedAt: now))
      }
    } catch StoreError.duplicate {
      throw CoreError.conflict(
        "Another import of the \(kind.rawValue) table finished first; check `credo catalog list` and import again if needed."
      )
    }
    let info = try Self.info(from: record)
    return CatalogImportResult(kind: kind, version: record.version, rows: record.rowCount, created: true, info: info)
  }

  /// Every version of every table, the bundled version 1 included, newest first within each kind.
  public func versions() async throws -> [CatalogTableInfo] {
    let stored = try await CatalogRepository(services.database.sql).versions().compactMap { try? Self.info(from: $0) }
    var result: [CatalogTableInfo] = []
    for kind in CatalogKind.allCases {
      result += stored.filter { $0.kind == kind }.sorted { $0.version > $1.version }
      if let bundled = BundledCatalog.documents[kind] {
        result.append(bundled.table(version: 1, fileName: kind.fileName).info)
      }
    }
    return result
  }

  /// The current version of one table in the catalog format (what `credo catalog export KIND` prints).
  public func export(_ kind: CatalogKind) async throws -> String {
    if let stored = try await CatalogRepository(services.database.sql).latest(kind: kind.rawValue) {
      return stored.content
    }
    guard let bundled = BundledCatalog.documents[kind] else { throw CoreError.notFound("The \(kind.rawValue) table") }
    return bundled.canonicalText
  }

  public static let auditEntity = "catalog_table"

  static func info(from record: CatalogVersionRecord) throws -> CatalogTableInfo {
    guard let kind = CatalogKind(rawValue: record.kind), let asOf = CalendarDate(parsing: record.asOf) else {
      throw CoreError.notFound("Catalog table \(record.kind) version \(record.version)")
    }
    let notes: [String]
    if case .valid(let document) = CatalogFile.parse(Data(record.content.utf8), fileName: record.fileName) {
      notes = document.notes
    } else {
      notes = []
    }
    return CatalogTableInfo(
      kind: kind, version: record.version, source: record.source, asOf: asOf, notes: notes, rowCount: record.rowCount,
      sha256: record.sha256, fileName: record.fileName, importedBy: record.importedBy, importedAt: record.importedAt)
  }

  /// A stored version as a table; nil for a kind this Credo does not know. Stored content was validated on
  /// import, so a parse failure means the row was altered outside Credo.
  static func table(from record: CatalogVersionRecord) throws -> CatalogTable? {
    guard let kind = CatalogKind(rawValue: record.kind) else { return nil }
    switch CatalogFile.parse(Data(record.content.utf8), fileName: record.fileName, expecting: kind) {
    case .valid(let document):
      return document.table(
        version: record.version, fileName: record.fileName, importedBy: record.importedBy,
        importedAt: record.importedAt, sha256: record.sha256)
    case .invalid(let problems, let truncated):
      throw CoreError.importRejected(file: record.fileName, problems: problems, truncated: truncated)
    }
  }
}

/// Built catalogs by signature (see `Catalog`), shared by every request of the process. A few entries are kept so
/// that two databases (tests) or a version change mid-flight do not thrash.
final class CatalogCache: @unchecked Sendable {
  static let shared = CatalogCache()
  private let lock = NSLock()
  private var entries: [(signature: String, catalog: ReferenceCatalog)] = []

  func catalog(for signature: String) -> ReferenceCatalog? {
    lock.withLock { entries.first { $0.signature == signature }?.catalog }
  }

  func store(_ catalog: ReferenceCatalog, for signature: String) {
    lock.withLock {
      entries.removeAll { $0.signature == signature }
      entries.insert((signature, catalog), at: 0)
      if entries.count > 4 { entries.removeLast(entries.count - 4) }
    }
  }
}
