import FluentKit

/// Accounts. `username` is stored lowercased; the password is a bcrypt hash, never the password.
struct CreateUsers: AsyncMigration {
  var name: String { "001_CreateUsers" }

  func prepare(on database: any Database) async throws {
    try await database.schema("users")
      .id()
      .field("username", .string, .required)
      .field("display_name", .string, .required)
      .field("email", .string, .required)
      .field("password_hash", .string, .required)
      .field("is_active", .bool, .required)
      .field("created_at", .datetime, .required)
      .field("updated_at", .datetime, .required)
      .field("last_login_at", .datetime)
      .unique(on: "username", name: "uq_users_username")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("users").delete()
  }
}
