import FluentKit

/// Assignment monitoring: each run of the engine over a year (`monitoring_runs`), the current outcome of every
/// teacher-section and non-classroom assignment (`assignment_outcomes`, one row per outcomes-file row, kept across
/// runs: a run inserts what is new, updates what changed and marks `resolved_run_id` on what disappeared, so an
/// unchanged year costs no writes), and the local assignment options offices record (`local_assignment_approvals`).
struct CreateMonitoring: AsyncMigration {
  var name: String { "005_CreateMonitoring" }

  func prepare(on database: any Database) async throws {
    try await database.schema("monitoring_runs")
      .id()
      .field("academic_year", .string, .required)
      .field("as_of", .string, .required)
      .field("scope", .string, .required)
      .field("catalog_version", .string, .required)
      .field("actor_name", .string, .required)
      .field("started_at", .datetime, .required)
      .field("finished_at", .datetime, .required)
      .field("evaluated", .int, .required)
      .field("authorized", .int, .required)
      .field("exceptions", .int, .required)
      .field("vacancies", .int, .required)
      .field("not_monitored", .int, .required)
      .field("new_findings", .int, .required)
      .field("changed_findings", .int, .required)
      .field("resolved_findings", .int, .required)
      .create()
    try await database.createIndex("ix_monitoring_runs_year", on: "monitoring_runs", ["academic_year", "finished_at"])

    try await database.schema("assignment_outcomes")
      .field("academic_year", .string, .required)
      .field("outcome_key", .string, .required)
      .field("assignment_key", .string, .required)
      .field("cds_code", .string, .required)
      .field("reporting_lea", .string, .required)
      .field("seid", .string, .required)
      .field("local_staff_id", .string, .required)
      .field("local_course_id", .string, .required)
      .field("section_id", .string, .required)
      .field("academic_term", .string, .required)
      .field("state_course_code", .string, .required)
      .field("assignment_code", .string, .required)
      .field("status", .string, .required)
      .field("exception_type", .string, .required)
      .field("detail", .string, .required)
      .field("basis", .string, .required)
      .field("rule", .string, .required)
      .field("citation", .string, .required)
      .field("tamo_outcome", .string, .required)
      .field("explanation", .string, .required)
      .field("fte", .double, .required)
      .field("fingerprint", .string, .required)
      .field("first_run_id", .uuid, .required)
      .field("last_run_id", .uuid, .required)
      .field("resolved_run_id", .uuid)
      .unique(on: "academic_year", "outcome_key", name: "uq_assignment_outcomes_key")
      .create()
    try await database.createIndex(
      "ix_assignment_outcomes_school", on: "assignment_outcomes", ["academic_year", "cds_code", "status"])
    try await database.createIndex("ix_assignment_outcomes_seid", on: "assignment_outcomes", ["academic_year", "seid"])

    try await database.schema("local_assignment_approvals")
      .id()
      .field("seid", .string, .required)
      .field("option", .string, .required)
      .field("district_code", .string, .required)
      .field("academic_year", .string, .required)
      .field("course_codes", .string, .required)
      .field("subject_code", .string, .required)
      .field("semester_units", .double)
      .field("consent_date", .string)
      .field("approval_date", .string)
      .field("assignment_start_date", .string)
      .field("note", .string, .required)
      .field("recorded_by", .string, .required)
      .field("recorded_at", .datetime, .required)
      .create()
    try await database.createIndex(
      "ix_local_assignment_approvals_seid", on: "local_assignment_approvals", ["academic_year", "seid"])
  }

  func revert(on database: any Database) async throws {
    for table in ["local_assignment_approvals", "assignment_outcomes", "monitoring_runs"] {
      try await database.schema(table).delete()
    }
  }
}
