import FluentKit

/// CTC actions (domain guide §5.3): each imported list file (`ctc_action_lists`) and each row of it
/// (`ctc_actions`) with how it was matched (SEID, candidates by name and birth date, none), who confirmed or rejected
/// a candidate, and what applying it did. A row repeated by a later list (same fingerprint) is stored once.
struct CreateCTCActions: AsyncMigration {
  var name: String { "009_CreateCTCActions" }

  func prepare(on database: any Database) async throws {
    try await database.schema("ctc_action_lists")
      .id()
      .field("file_name", .string, .required)
      .field("sha256", .string, .required)
      .field("rows", .int, .required)
      .field("new_rows", .int, .required)
      .field("imported_by", .string, .required)
      .field("imported_at", .datetime, .required)
      .create()

    try await database.schema("ctc_actions")
      .id()
      .field("list_id", .uuid, .required, .references("ctc_action_lists", "id", onDelete: .cascade))
      .field("line", .int, .required)
      .field("fingerprint", .string, .required)
      .field("source", .string, .required)
      .field("last_name", .string, .required)
      .field("first_name", .string, .required)
      .field("seid", .string)
      .field("birth_date", .string)
      .field("action", .string, .required)
      .field("effective_date", .string, .required)
      .field("end_date", .string)
      .field("document", .string, .required)
      .field("state", .string, .required)
      .field("educator_id", .uuid, .references("educators", "id", onDelete: .setNull))
      .field("candidate_ids", .string, .required)
      .field("rejected_ids", .string, .required)
      .field("outcome", .string, .required)
      .field("decided_by", .string)
      .field("decided_at", .datetime)
      .field("imported_at", .datetime, .required)
      .unique(on: "fingerprint", name: "uq_ctc_actions_fingerprint")
      .create()
    try await database.createIndex("ix_ctc_actions_state", on: "ctc_actions", ["state", "effective_date"])
    try await database.createIndex("ix_ctc_actions_educator", on: "ctc_actions", ["educator_id"])
    // Candidates are found by birth date, then compared by folded name in Swift (hyphens and accents differ between
    // the CTC's spelling and the district's).
    try await database.createIndex("ix_educators_birth_date", on: "educators", ["birth_date"])
  }

  func revert(on database: any Database) async throws {
    try await database.sqlDatabase.drop(index: "ix_educators_birth_date").run()
    for table in ["ctc_actions", "ctc_action_lists"] { try await database.schema(table).delete() }
  }
}
