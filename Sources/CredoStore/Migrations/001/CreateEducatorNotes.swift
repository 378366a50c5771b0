import FluentKit

/// Notes on an educator's file; all but `general` notes are confidential (see `ConfidentialCategory`).
struct CreateEducatorNotes: AsyncMigration {
  var name: String { "001_CreateEducatorNotes" }

  func prepare(on database: any Database) async throws {
    try await database.schema("educator_notes")
      .id()
      .field("educator_id", .uuid, .required, .references("educators", "id", onDelete: .cascade))
      .field("category", .string, .required)
      .field("body", .string, .required)
      .field("author_id", .uuid)
      .field("author_name", .string, .required)
      .field("created_at", .datetime, .required)
      .create()
    try await database.createIndex("ix_educator_notes_educator", on: "educator_notes", ["educator_id", "created_at"])
  }

  func revert(on database: any Database) async throws {
    try await database.schema("educator_notes").delete()
  }
}
