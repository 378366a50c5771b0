import FluentKit

/// Login attempts, for throttling repeated failures by account and by address.
struct CreateLoginAttempts: AsyncMigration {
  var name: String { "001_CreateLoginAttempts" }

  func prepare(on database: any Database) async throws {
    try await database.schema("login_attempts")
      .id()
      .field("username_key", .string, .required)
      .field("address", .string, .required)
      .field("at", .datetime, .required)
      .field("succeeded", .bool, .required)
      .create()
    try await database.createIndex("ix_login_attempts_user", on: "login_attempts", ["username_key", "at"])
    try await database.createIndex("ix_login_attempts_address", on: "login_attempts", ["address", "at"])
  }

  func revert(on database: any Database) async throws {
    try await database.schema("login_attempts").delete()
  }
}
