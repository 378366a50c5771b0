import FluentKit

/// Which role a user holds at which organization.
struct CreateRoleAssignments: AsyncMigration {
  var name: String { "001_CreateRoleAssignments" }

  func prepare(on database: any Database) async throws {
    try await database.schema("role_assignments")
      .id()
      .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
      .field("role", .string, .required)
      .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .restrict))
      .field("created_at", .datetime, .required)
      .unique(on: "user_id", "role", "organization_id", name: "uq_role_assignments")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("role_assignments").delete()
  }
}
