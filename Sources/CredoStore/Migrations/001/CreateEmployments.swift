import FluentKit

/// Employment periods. The place codes are copied from the district and school so an educator's scope is
/// decided from this table alone.
struct CreateEmployments: AsyncMigration {
  var name: String { "001_CreateEmployments" }

  func prepare(on database: any Database) async throws {
    try await database.schema("employments")
      .id()
      .field("educator_id", .uuid, .required, .references("educators", "id", onDelete: .cascade))
      .field("district_id", .uuid, .required, .references("organizations", "id", onDelete: .restrict))
      .field("school_id", .uuid, .references("organizations", "id", onDelete: .restrict))
      .field("county_code", .string, .required)
      .field("district_code", .string, .required)
      .field("school_cds", .string)
      .field("local_staff_id", .string, .required)
      .field("status", .string, .required)
      .field("start_date", .string, .required)
      .field("end_date", .string)
      .field("bargaining_unit", .string, .required)
      .field("job_title", .string, .required)
      .field("created_at", .datetime, .required)
      .field("updated_at", .datetime, .required)
      .create()
    try await database.createIndex("ix_employments_educator", on: "employments", ["educator_id"])
    try await database.createIndex("ix_employments_county", on: "employments", ["county_code", "educator_id"])
    try await database.createIndex("ix_employments_district", on: "employments", ["district_code", "educator_id"])
    try await database.createIndex("ix_employments_school", on: "employments", ["school_cds", "educator_id"])
    try await database.createIndex("ix_employments_local_id", on: "employments", ["local_staff_id"])
  }

  func revert(on database: any Database) async throws {
    try await database.schema("employments").delete()
  }
}
