import FluentKit

/// API tokens for scripts; like sessions, only the token's hash is stored.
struct CreateAPITokens: AsyncMigration {
  var name: String { "001_CreateAPITokens" }

  func prepare(on database: any Database) async throws {
    try await database.schema("api_tokens")
      .id()
      .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
      .field("name", .string, .required)
      .field("token_hash", .string, .required)
      .field("token_prefix", .string, .required)
      .field("created_at", .datetime, .required)
      .field("last_used_at", .datetime)
      .field("expires_at", .datetime)
      .field("revoked_at", .datetime)
      .unique(on: "token_hash", name: "uq_api_tokens_hash")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("api_tokens").delete()
  }
}
