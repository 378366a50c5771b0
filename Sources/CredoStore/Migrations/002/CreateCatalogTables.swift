import FluentKit

/// Versions of the reference catalog's tables (CTC and CDE code tables) loaded at run time.
struct CreateCatalogTables: AsyncMigration {
  var name: String { "002_CreateCatalogTables" }

  func prepare(on database: any Database) async throws {
    try await database.schema("catalog_tables")
      .id()
      .field("kind", .string, .required)
      .field("version", .int, .required)
      .field("source", .string, .required)
      .field("as_of", .string, .required)
      .field("sha256", .string, .required)
      .field("row_count", .int, .required)
      .field("content", .string, .required)
      .field("file_name", .string, .required)
      .field("imported_by", .string, .required)
      .field("imported_at", .datetime, .required)
      .unique(on: "kind", "version", name: "uq_catalog_tables_kind_version")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("catalog_tables").delete()
  }
}
