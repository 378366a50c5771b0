import FluentKit

/// CTC documents, one row per version: a renewal, status change or correction adds a row and clears
/// `is_current` on the one before, so nothing is overwritten. Authorizations belong to a version.
struct CreateCredentialDocuments: AsyncMigration {
  var name: String { "003_CreateCredentialDocuments" }

  func prepare(on database: any Database) async throws {
    try await database.schema("credential_documents")
      .id()
      .field("educator_id", .uuid, .required, .references("educators", "id", onDelete: .cascade))
      .field("document_number", .string, .required)
      .field("version", .int, .required)
      .field("is_current", .bool, .required)
      .field("document_code", .string, .required)
      .field("title", .string, .required)
      .field("term", .string, .required)
      .field("issue_date", .string, .required)
      .field("expiration_date", .string)
      .field("status", .string, .required)
      .field("status_from", .string)
      .field("status_until", .string)
      .field("employer_restriction", .string)
      .field("renewal_codes", .string, .required)
      .field("registered_on", .string)
      .field("source", .string, .required)
      .field("recorded_by", .string, .required)
      .field("recorded_at", .datetime, .required)
      .unique(on: "document_number", "version", name: "uq_credential_documents_version")
      .create()
    try await database.createIndex(
      "ix_credential_documents_educator", on: "credential_documents", ["educator_id", "is_current"])
    try await database.createIndex(
      "ix_credential_documents_expiration", on: "credential_documents", ["is_current", "expiration_date"])
    try await database.createIndex(
      "ix_credential_documents_number", on: "credential_documents", ["document_number", "is_current"])

    try await database.schema("credential_authorizations")
      .id()
      .field("document_id", .uuid, .required, .references("credential_documents", "id", onDelete: .cascade))
      .field("authorization_code", .string, .required)
      .field("subject_code", .string, .required)
      .field("subject_kind", .string)
      .field("language", .string, .required)
      .create()
    try await database.createIndex(
      "ix_credential_authorizations_document", on: "credential_authorizations", ["document_id"])
    try await database.createIndex(
      "ix_credential_authorizations_code", on: "credential_authorizations", ["authorization_code", "subject_code"])

    try await database.schema("registration_forwards")
      .id()
      .field("document_number", .string, .required)
      .field("forwarded_on", .string, .required)
      .field("forwarded_by", .string, .required)
      .field("recorded_at", .datetime, .required)
      .create()
    try await database.createIndex("ix_registration_forwards_number", on: "registration_forwards", ["document_number"])
  }

  func revert(on database: any Database) async throws {
    try await database.schema("registration_forwards").delete()
    try await database.schema("credential_authorizations").delete()
    try await database.schema("credential_documents").delete()
  }
}
