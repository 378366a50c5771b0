import FluentKit

/// Reads of confidential records: who looked at what, when, from where and why.
struct CreateAccessLog: AsyncMigration {
  var name: String { "001_CreateAccessLog" }

  func prepare(on database: any Database) async throws {
    try await database.schema("access_log")
      .id()
      .field("at", .datetime, .required)
      .field("user_id", .uuid)
      .field("username", .string, .required)
      .field("entity_type", .string, .required)
      .field("entity_id", .uuid, .required)
      .field("subject_id", .uuid)
      .field("category", .string, .required)
      .field("purpose", .string, .required)
      .field("address", .string, .required)
      .create()
    try await database.createIndex("ix_access_log_subject", on: "access_log", ["subject_id", "at"])
    try await database.createIndex("ix_access_log_at", on: "access_log", ["at"])
  }

  func revert(on database: any Database) async throws {
    try await database.schema("access_log").delete()
  }
}
