import FluentKit

/// Indexes that answer the dashboard's counts from the index alone (issue 5, measured at state size in
/// `docs/PERFORMANCE.md`): the expiration index also carries the status and the holder, so counting what lapses in a
/// window reads no table rows; the holder index also carries status and expiration, so "has a valid document" is
/// answered from it; employments get a status index for the status chart. Each widened index keeps the old one's
/// columns first, so every query that used the old one uses the new one the same way.
struct WidenDocumentIndexes: AsyncMigration {
  var name: String { "011_WidenDocumentIndexes" }

  func prepare(on database: any Database) async throws {
    let sql = database.sqlDatabase
    try await sql.drop(index: "ix_credential_documents_expiration").run()
    try await database.createIndex(
      "ix_credential_documents_expiration", on: "credential_documents",
      ["is_current", "expiration_date", "status", "educator_id"])
    try await sql.drop(index: "ix_credential_documents_educator").run()
    try await database.createIndex(
      "ix_credential_documents_educator", on: "credential_documents",
      ["educator_id", "is_current", "status", "expiration_date"])
    try await database.createIndex("ix_employments_status", on: "employments", ["status"])
  }

  func revert(on database: any Database) async throws {
    let sql = database.sqlDatabase
    try await sql.drop(index: "ix_employments_status").run()
    try await sql.drop(index: "ix_credential_documents_educator").run()
    try await database.createIndex(
      "ix_credential_documents_educator", on: "credential_documents", ["educator_id", "is_current"])
    try await sql.drop(index: "ix_credential_documents_expiration").run()
    try await database.createIndex(
      "ix_credential_documents_expiration", on: "credential_documents", ["is_current", "expiration_date"])
  }
}
