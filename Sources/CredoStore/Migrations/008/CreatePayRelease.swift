import FluentKit

/// Pay release (EC 45037): each district's pay periods (`pay_periods`), each evaluation of a period
/// (`pay_runs`), the current hold-or-release of each employee in a period (`pay_decisions`, one row per period and
/// employee, rewritten by each run) and the append-only history of holds and releases (`pay_events`, a row whenever
/// an employee's decision in a period is first made or changes).
struct CreatePayRelease: AsyncMigration {
  var name: String { "008_CreatePayRelease" }

  func prepare(on database: any Database) async throws {
    try await database.schema("pay_periods")
      .id()
      .field("district_id", .uuid, .required, .references("organizations", "id", onDelete: .restrict))
      .field("county_code", .string, .required)
      .field("district_code", .string, .required)
      .field("starts_on", .string, .required)
      .field("ends_on", .string, .required)
      .field("payday", .string, .required)
      .field("created_by", .string, .required)
      .field("created_at", .datetime, .required)
      .unique(on: "district_id", "starts_on", name: "uq_pay_periods_start")
      .create()
    try await database.createIndex("ix_pay_periods_payday", on: "pay_periods", ["payday", "district_code"])

    try await database.schema("pay_runs")
      .id()
      .field("period_id", .uuid, .required, .references("pay_periods", "id", onDelete: .cascade))
      .field("run_on", .string, .required)
      .field("run_by", .string, .required)
      .field("held", .int, .required)
      .field("released", .int, .required)
      .field("changed", .int, .required)
      .field("run_at", .datetime, .required)
      .create()
    try await database.createIndex("ix_pay_runs_period", on: "pay_runs", ["period_id", "run_at"])

    try await database.schema("pay_decisions")
      .field("period_id", .uuid, .required, .references("pay_periods", "id", onDelete: .cascade))
      .field("educator_id", .uuid, .required, .references("educators", "id", onDelete: .cascade))
      .field("county_code", .string, .required)
      .field("district_code", .string, .required)
      .field("status", .string, .required)
      .field("employed_days", .int, .required)
      .field("uncovered_days", .int, .required)
      .field("uncovered", .string, .required)
      .field("reasons", .string, .required)
      .field("explanation", .string, .required)
      .field("run_id", .uuid, .required)
      .field("decided_at", .datetime, .required)
      .unique(on: "period_id", "educator_id", name: "uq_pay_decisions_employee")
      .create()
    try await database.createIndex("ix_pay_decisions_status", on: "pay_decisions", ["period_id", "status"])
    try await database.createIndex("ix_pay_decisions_educator", on: "pay_decisions", ["educator_id"])

    try await database.schema("pay_events")
      .id()
      .field("period_id", .uuid, .required, .references("pay_periods", "id", onDelete: .cascade))
      .field("educator_id", .uuid, .required, .references("educators", "id", onDelete: .cascade))
      .field("run_id", .uuid, .required)
      .field("sequence", .int, .required)
      .field("status", .string, .required)
      .field("previous_status", .string)
      .field("explanation", .string, .required)
      .field("actor_name", .string, .required)
      .field("at", .datetime, .required)
      .create()
    try await database.createIndex("ix_pay_events_educator", on: "pay_events", ["educator_id", "at"])
  }

  func revert(on database: any Database) async throws {
    for table in ["pay_events", "pay_decisions", "pay_runs", "pay_periods"] {
      try await database.schema(table).delete()
    }
  }
}
