import FluentKit
import FluentSQL

/// Educators keyed by SEID. `last_name_key`/`first_name_key` hold the folded names Credo searches by, so a
/// prefix search is an index range scan on both backends.
struct CreateEducators: AsyncMigration {
  var name: String { "001_CreateEducators" }

  func prepare(on database: any Database) async throws {
    try await database.schema("educators")
      .id()
      .field("seid", .string)
      .field("first_name", .string, .required)
      .field("middle_name", .string, .required)
      .field("last_name", .string, .required)
      .field("last_name_key", database.searchKeyType, .required)
      .field("first_name_key", database.searchKeyType, .required)
      .field("birth_date", .string)
      .field("email", .string, .required)
      .field("created_at", .datetime, .required)
      .field("updated_at", .datetime, .required)
      .unique(on: "seid", name: "uq_educators_seid")
      .create()
    try await database.createIndex("ix_educators_name", on: "educators", ["last_name_key", "first_name_key"])
  }

  func revert(on database: any Database) async throws {
    try await database.schema("educators").delete()
  }
}
