import FluentKit
import FluentSQL

/// Counties, districts/LEAs and schools, keyed by CDS code; the codes that place each one are denormalized
/// (`county_code`, `district_code`) so that scope filters are index lookups, not tree walks.
struct CreateOrganizations: AsyncMigration {
  var name: String { "001_CreateOrganizations" }

  func prepare(on database: any Database) async throws {
    try await database.schema("organizations")
      .id()
      .field("cds_code", .string, .required)
      .field("kind", .string, .required)
      .field("county_code", .string, .required)
      .field("district_code", .string)
      .field("parent_id", .uuid, .references("organizations", "id", onDelete: .restrict))
      .field("name", .string, .required)
      .field("name_key", database.searchKeyType, .required)
      .field("county_name", .string, .required)
      .field("district_name", .string, .required)
      .field("status", .string, .required)
      .field("ownership_code", .string, .required)
      .field("ownership_type", .string, .required)
      .field("school_type_code", .string, .required)
      .field("school_type", .string, .required)
      .field("is_charter", .bool, .required)
      .field("charter_number", .string, .required)
      .field("funding_type", .string, .required)
      .field("grade_span", .string)
      .field("open_date", .string)
      .field("closed_date", .string)
      .field("street", .string, .required)
      .field("city", .string, .required)
      .field("zip", .string, .required)
      .field("phone", .string, .required)
      .field("website", .string, .required)
      .field("administrator_name", .string, .required)
      .field("administrator_email", .string, .required)
      .field("created_at", .datetime, .required)
      .field("updated_at", .datetime, .required)
      .unique(on: "cds_code", name: "uq_organizations_cds_code")
      .create()
    try await database.createIndex("ix_organizations_county_kind", on: "organizations", ["county_code", "kind"])
    try await database.createIndex("ix_organizations_district", on: "organizations", ["district_code", "kind"])
    try await database.createIndex("ix_organizations_name_key", on: "organizations", ["name_key"])
    try await database.createIndex("ix_organizations_parent", on: "organizations", ["parent_id"])
  }

  func revert(on database: any Database) async throws {
    try await database.schema("organizations").delete()
  }
}
