import FluentKit

/// The CalSAAS-style review of exceptions (domain guide §2.2–2.3, rules 70–73): each year's cycle dates
/// (`monitoring_cycles`, absent = the CalSAAS defaults), the review state of each exception
/// (`monitoring_exceptions`, keyed like `assignment_outcomes` by year and outcome key, written on the first step
/// taken so an untouched exception costs no row), every step as an append-only history (`exception_events`) and
/// the evidence files districts attach (`exception_evidence`).
struct CreateExceptionWorkflow: AsyncMigration {
  var name: String { "006_CreateExceptionWorkflow" }

  func prepare(on database: any Database) async throws {
    try await database.schema("monitoring_cycles")
      .field("academic_year", .string, .identifier(auto: false))
      .field("monitoring_start", .string, .required)
      .field("lea_window_days", .int, .required)
      .field("authority_window_days", .int, .required)
      .field("finalization", .string, .required)
      .field("closed_on", .string)
      .field("updated_by", .string, .required)
      .field("updated_at", .datetime, .required)
      .create()

    try await database.schema("monitoring_exceptions")
      .field("academic_year", .string, .required)
      .field("outcome_key", .string, .required)
      .field("reporting_lea", .string, .required)
      .field("cds_code", .string, .required)
      .field("seid", .string, .required)
      .field("status", .string, .required)
      .field("proposed_determination", .string)
      .field("determination", .string)
      .field("determined_on", .string)
      .field("complaint_received_on", .string)
      .field("version", .int, .required)
      .field("updated_at", .datetime, .required)
      .unique(on: "academic_year", "outcome_key", name: "uq_monitoring_exceptions_key")
      .create()
    try await database.createIndex(
      "ix_monitoring_exceptions_school", on: "monitoring_exceptions", ["academic_year", "cds_code", "status"])

    try await database.schema("exception_events")
      .id()
      .field("academic_year", .string, .required)
      .field("outcome_key", .string, .required)
      .field("sequence", .int, .required)
      .field("party", .string, .required)
      .field("actor_name", .string, .required)
      .field("user_id", .uuid)
      .field("on_date", .string, .required)
      .field("action", .string, .required)
      .field("from_status", .string, .required)
      .field("to_status", .string, .required)
      .field("determination", .string)
      .field("comment", .string, .required)
      .field("recorded_at", .datetime, .required)
      .unique(on: "academic_year", "outcome_key", "sequence", name: "uq_exception_events_sequence")
      .create()

    try await database.schema("exception_evidence")
      .id()
      .field("academic_year", .string, .required)
      .field("outcome_key", .string, .required)
      .field("file_name", .string, .required)
      .field("content_type", .string, .required)
      .field("size", .int, .required)
      .field("sha256", .string, .required)
      .field("content", .data, .required)
      .field("description", .string, .required)
      .field("uploaded_by", .string, .required)
      .field("uploaded_at", .datetime, .required)
      .create()
    try await database.createIndex(
      "ix_exception_evidence_key", on: "exception_evidence", ["academic_year", "outcome_key"])
  }

  func revert(on database: any Database) async throws {
    for table in ["exception_evidence", "exception_events", "monitoring_exceptions", "monitoring_cycles"] {
      try await database.schema(table).delete()
    }
  }
}
