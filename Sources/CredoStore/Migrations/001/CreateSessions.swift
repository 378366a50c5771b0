import FluentKit

/// Browser sessions. The key is the SHA-256 of the cookie's token, so a copy of the table cannot be replayed.
struct CreateSessions: AsyncMigration {
  var name: String { "001_CreateSessions" }

  func prepare(on database: any Database) async throws {
    try await database.schema("sessions")
      .field("token_hash", .string, .identifier(auto: false))
      .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
      .field("csrf_token", .string, .required)
      .field("created_at", .datetime, .required)
      .field("expires_at", .datetime, .required)
      .field("last_seen_at", .datetime, .required)
      .field("address", .string, .required)
      .field("user_agent", .string, .required)
      .create()
    try await database.createIndex("ix_sessions_user", on: "sessions", ["user_id"])
  }

  func revert(on database: any Database) async throws {
    try await database.schema("sessions").delete()
  }
}
