import FluentKit

/// Notices (issue 5): the editable Mustache templates (`notice_templates`, defaults written on first use), every
/// notice sent to one recipient (`notices`: the educator's correspondence history and the recipients' in-app list,
/// unique on its dedupe key so a notice is never sent twice for the same trigger, even by two concurrent runs) and
/// the mail outbox (`mail_outbox`: one message per e-mailed notice, with attempts and exponential back-off).
struct CreateNotices: AsyncMigration {
  var name: String { "007_CreateNotices" }

  func prepare(on database: any Database) async throws {
    try await database.schema("notice_templates")
      .field("template_key", .string, .identifier(auto: false))
      .field("name", .string, .required)
      .field("description", .string, .required)
      .field("subject", .string, .required)
      .field("email_body", .string, .required)
      .field("letter_body", .string, .required)
      .field("version", .int, .required)
      .field("updated_by", .string, .required)
      .field("updated_at", .datetime, .required)
      .create()

    try await database.schema("notices")
      .id()
      .field("dedupe_key", .string, .required)
      .field("request_key", .string, .required)
      .field("template_key", .string, .required)
      .field("educator_id", .uuid)
      .field("organization_id", .uuid)
      .field("trigger", .string, .required)
      .field("audience", .string, .required)
      .field("recipient_key", .string, .required)
      .field("recipient_user_id", .uuid)
      .field("recipient_name", .string, .required)
      .field("recipient_email", .string, .required)
      .field("subject", .string, .required)
      .field("email_body", .string, .required)
      .field("letter_body", .string, .required)
      .field("due_on", .string, .required)
      .field("created_by", .string, .required)
      .field("created_at", .datetime, .required)
      .field("read_at", .datetime)
      .unique(on: "dedupe_key", name: "uq_notices_dedupe")
      .create()
    try await database.createIndex("ix_notices_request", on: "notices", ["request_key"])
    try await database.createIndex("ix_notices_educator", on: "notices", ["educator_id", "created_at"])
    try await database.createIndex("ix_notices_recipient", on: "notices", ["recipient_user_id", "read_at"])
    try await database.createIndex("ix_notices_organization", on: "notices", ["organization_id"])

    try await database.schema("mail_outbox")
      .id()
      .field("notice_id", .uuid, .required, .references("notices", "id", onDelete: .cascade))
      .field("to_address", .string, .required)
      .field("status", .string, .required)
      .field("attempts", .int, .required)
      .field("next_attempt_at", .datetime, .required)
      .field("claimed_until", .datetime)
      .field("last_error", .string)
      .field("message_id", .string)
      .field("created_at", .datetime, .required)
      .field("delivered_at", .datetime)
      .unique(on: "notice_id", name: "uq_mail_outbox_notice")
      .create()
    try await database.createIndex("ix_mail_outbox_due", on: "mail_outbox", ["status", "next_attempt_at"])
  }

  func revert(on database: any Database) async throws {
    for table in ["mail_outbox", "notices", "notice_templates"] {
      try await database.schema(table).delete()
    }
  }
}
