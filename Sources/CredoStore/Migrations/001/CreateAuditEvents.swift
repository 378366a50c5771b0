import FluentKit

/// The audit trail: one row per changed field, grouped by `change_id` (one save = one change).
struct CreateAuditEvents: AsyncMigration {
  var name: String { "001_CreateAuditEvents" }

  func prepare(on database: any Database) async throws {
    try await database.schema("audit_events")
      .id()
      .field("change_id", .uuid, .required)
      .field("at", .datetime, .required)
      .field("actor_id", .uuid)
      .field("actor_name", .string, .required)
      .field("entity_type", .string, .required)
      .field("entity_id", .uuid, .required)
      .field("action", .string, .required)
      .field("field", .string, .required)
      .field("old_value", .string)
      .field("new_value", .string)
      .field("source", .string, .required)
      .create()
    try await database.createIndex("ix_audit_entity", on: "audit_events", ["entity_type", "entity_id", "at"])
    try await database.createIndex("ix_audit_at", on: "audit_events", ["at"])
  }

  func revert(on database: any Database) async throws {
    try await database.schema("audit_events").delete()
  }
}
