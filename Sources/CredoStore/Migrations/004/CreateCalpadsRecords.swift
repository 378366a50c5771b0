import FluentKit

/// CALPADS Fall 2 records (SDEM, SASS, CRSE) and section rosters, per academic year. Each record keeps its key
/// columns for queries and the whole record in Credo's canonical field order (`record`, fields separated by the
/// ASCII unit separator), so the stored shape does not change when a layout is corrected. A newer extract for the
/// same record type, reporting LEA and year replaces the rows it supersedes; `calpads_scopes` remembers what each
/// scope holds (its digest makes re-importing the same extract a no-op) and which import put it there.
struct CreateCalpadsRecords: AsyncMigration {
  var name: String { "004_CreateCalpadsRecords" }

  func prepare(on database: any Database) async throws {
    try await database.schema("calpads_staff")
      .field("academic_year", .string, .required)
      .field("reporting_lea", .string, .required)
      .field("seid", .string, .required)
      .field("record", .string, .required)
      .create()
    try await database.createIndex("ix_calpads_staff_seid", on: "calpads_staff", ["academic_year", "seid"])
    try await database.createIndex("ix_calpads_staff_lea", on: "calpads_staff", ["academic_year", "reporting_lea"])

    try await database.schema("calpads_staff_assignments")
      .field("academic_year", .string, .required)
      .field("reporting_lea", .string, .required)
      .field("school_code", .string, .required)
      .field("seid", .string, .required)
      .field("record", .string, .required)
      .create()
    try await database.createIndex(
      "ix_calpads_assignments_seid", on: "calpads_staff_assignments", ["academic_year", "seid"])
    try await database.createIndex(
      "ix_calpads_assignments_lea", on: "calpads_staff_assignments", ["academic_year", "reporting_lea"])

    try await database.schema("calpads_sections")
      .field("academic_year", .string, .required)
      .field("reporting_lea", .string, .required)
      .field("school_code", .string, .required)
      .field("seid", .string, .required)
      .field("state_course_code", .string, .required)
      .field("local_course_id", .string, .required)
      .field("section_id", .string, .required)
      .field("academic_term", .string, .required)
      .field("record", .string, .required)
      .create()
    try await database.createIndex("ix_calpads_sections_seid", on: "calpads_sections", ["academic_year", "seid"])
    try await database.createIndex(
      "ix_calpads_sections_school", on: "calpads_sections", ["academic_year", "reporting_lea", "school_code"])

    try await database.schema("section_rosters")
      .field("academic_year", .string, .required)
      .field("school_code", .string, .required)
      .field("local_course_id", .string, .required)
      .field("section_id", .string, .required)
      .field("academic_term", .string, .required)
      .field("student_count", .int, .required)
      .field("english_learners", .int, .required)
      .field("grades", .string, .required)
      .field("disabilities", .string, .required)
      .unique(
        on: "academic_year", "school_code", "local_course_id", "section_id", "academic_term",
        name: "uq_section_rosters_section"
      )
      .create()

    try await database.schema("calpads_scopes")
      .field("record_type", .string, .required)
      .field("reporting_lea", .string, .required)
      .field("academic_year", .string, .required)
      .field("digest", .string, .required)
      .field("record_count", .int, .required)
      .field("import_run_id", .uuid, .required)
      .field("imported_at", .datetime, .required)
      .unique(on: "record_type", "reporting_lea", "academic_year", name: "uq_calpads_scopes_scope")
      .create()
  }

  func revert(on database: any Database) async throws {
    for table in [
      "calpads_scopes", "section_rosters", "calpads_sections", "calpads_staff_assignments", "calpads_staff",
    ] {
      try await database.schema(table).delete()
    }
  }
}
