import Foundation
import SQLKit

/// One stored version of one reference catalog table (`catalog_tables`): the file's text in Credo's catalog
/// format and where it came from. `content` is empty in summaries (`versions`, `latestSummaries`).
public struct CatalogVersionRecord: Sendable, Hashable, Codable {
  public var id: UUID
  /// A `CatalogKind` raw value.
  public var kind: String
  public var version: Int
  public var source: String
  /// YYYY-MM-DD.
  public var asOf: String
  public var sha256: String
  public var rowCount: Int
  public var content: String
  public var fileName: String
  public var importedBy: String
  public var importedAt: Date

  public init(
    id: UUID = UUID(), kind: String, version: Int, source: String, asOf: String, sha256: String, rowCount: Int,
    content: String, fileName: String, importedBy: String, importedAt: Date
  ) {
    self.id = id
    self.kind = kind
    self.version = version
    self.source = source
    self.asOf = asOf
    self.sha256 = sha256
    self.rowCount = rowCount
    self.content = content
    self.fileName = fileName
    self.importedBy = importedBy
    self.importedAt = importedAt
  }
}

/// Reads and writes catalog table versions. Versions are only ever added; the unique (kind, version) key makes
/// two concurrent imports of the same kind fail rather than share a number.
public struct CatalogRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  static let summaryColumns = [
    "id", "kind", "version", "source", "as_of", "sha256", "row_count", "file_name", "imported_by", "imported_at",
  ]

  struct SummaryRow: Codable {
    var id: UUID
    var kind: String
    var version: Int
    var source: String
    var asOf: String
    var sha256: String
    var rowCount: Int
    var fileName: String
    var importedBy: String
    var importedAt: Date

    var record: CatalogVersionRecord {
      CatalogVersionRecord(
        id: id, kind: kind, version: version, source: source, asOf: asOf, sha256: sha256, rowCount: rowCount,
        content: "", fileName: fileName, importedBy: importedBy, importedAt: importedAt)
    }
  }

  public func insert(_ record: CatalogVersionRecord) async throws {
    do {
      try await db.insert(into: "catalog_tables").model(record, with: Coding.encoder).run()
    } catch {
      throw StoreError.from(error, what: "Version \(record.version) of the \(record.kind) table")
    }
  }

  /// Every stored version (without content), newest first within each kind; optionally one kind only.
  public func versions(kind: String? = nil) async throws -> [CatalogVersionRecord] {
    var query = db.select().columns(Self.summaryColumns.map { SQLIdentifier($0) }).from("catalog_tables")
    if let kind { query = query.where("kind", .equal, kind) }
    return try await query.orderBy("kind").orderBy("version", .descending)
      .all(decoding: SummaryRow.self, with: Coding.decoder).map(\.record)
  }

  /// The latest version of each kind, without content: cheap enough to ask on every request.
  public func latestSummaries() async throws -> [CatalogVersionRecord] {
    var latest: [String: CatalogVersionRecord] = [:]
    for record in try await versions() where (latest[record.kind]?.version ?? 0) < record.version {
      latest[record.kind] = record
    }
    return latest.values.sorted { $0.kind < $1.kind }
  }

  /// The latest version of one kind, with its content.
  public func latest(kind: String) async throws -> CatalogVersionRecord? {
    try await db.select().column("*").from("catalog_tables").where("kind", .equal, kind)
      .orderBy("version", .descending).limit(1)
      .first(decoding: CatalogVersionRecord.self, with: Coding.decoder)
  }

  /// Stored versions with their content, by id.
  public func find(ids: [UUID]) async throws -> [CatalogVersionRecord] {
    guard !ids.isEmpty else { return [] }
    return try await db.select().column("*").from("catalog_tables").where("id", .in, ids)
      .all(decoding: CatalogVersionRecord.self, with: Coding.decoder)
  }
}
