import FluentKit

/// Sections by school code alone. Re-evaluating one educator (`credo monitor --seid`, after a credential change)
/// reads every section of the educator's schools for their co-teachers, whichever LEA reported them; the LEA index
/// (`ix_calpads_sections_school`: year, reporting LEA, school) could not answer that, so SQLite read the whole
/// year's sections: 0.43 s of every re-evaluation at state size (docs/PERFORMANCE.md).
struct IndexSectionsBySchool: AsyncMigration {
  var name: String { "012_IndexSectionsBySchool" }

  func prepare(on database: any Database) async throws {
    try await database.createIndex(
      "ix_calpads_sections_school_code", on: "calpads_sections", ["academic_year", "school_code"])
  }

  func revert(on database: any Database) async throws {
    try await database.sqlDatabase.drop(index: "ix_calpads_sections_school_code").run()
  }
}
