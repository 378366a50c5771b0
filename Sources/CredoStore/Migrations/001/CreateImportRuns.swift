import FluentKit

/// One row per import of a file: what was read, by whom, and what it changed.
struct CreateImportRuns: AsyncMigration {
  var name: String { "001_CreateImportRuns" }

  func prepare(on database: any Database) async throws {
    try await database.schema("import_runs")
      .id()
      .field("kind", .string, .required)
      .field("file_name", .string, .required)
      .field("sha256", .string, .required)
      .field("rows", .int, .required)
      .field("inserted", .int, .required)
      .field("updated", .int, .required)
      .field("unchanged", .int, .required)
      .field("actor_name", .string, .required)
      .field("started_at", .datetime, .required)
      .field("finished_at", .datetime, .required)
      .create()
    try await database.createIndex("ix_import_runs_kind", on: "import_runs", ["kind", "finished_at"])
  }

  func revert(on database: any Database) async throws {
    try await database.schema("import_runs").delete()
  }
}
