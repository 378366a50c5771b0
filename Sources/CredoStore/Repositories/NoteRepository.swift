import CredoDomain
import Foundation
import SQLKit

/// A note on an educator's file.
public struct EducatorNote: Sendable, Hashable, Codable, Identifiable {
  public var id: UUID
  public var educatorId: UUID
  public var category: NoteCategory
  public var body: String
  public var authorId: UUID?
  public var authorName: String
  public var createdAt: Date

  public init(
    id: UUID, educatorId: UUID, category: NoteCategory, body: String, authorId: UUID?, authorName: String,
    createdAt: Date
  ) {
    self.id = id
    self.educatorId = educatorId
    self.category = category
    self.body = body
    self.authorId = authorId
    self.authorName = authorName
    self.createdAt = createdAt
  }
}

public struct NoteRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  public func insert(_ note: EducatorNote) async throws {
    try await db.insert(into: "educator_notes").model(note, with: Coding.encoder).run()
  }

  /// Notes of the given categories only: confidential ones are never read for a user not entitled to them.
  public func notes(educatorId: UUID, categories: Set<NoteCategory>) async throws -> [EducatorNote] {
    guard !categories.isEmpty else { return [] }
    return try await db.select().column("*").from("educator_notes").where("educator_id", .equal, educatorId)
      .where("category", .in, categories.map(\.rawValue).sorted())
      .orderBy("created_at", .descending).all(decoding: EducatorNote.self, with: Coding.decoder)
  }

  /// How many notes of each category an educator has (shown to users who may not read them).
  public func counts(educatorId: UUID) async throws -> [NoteCategory: Int] {
    let rows = try await db.raw(
      "SELECT category, COUNT(*) AS n FROM educator_notes WHERE educator_id = \(bind: educatorId) GROUP BY category"
    ).all()
    var result: [NoteCategory: Int] = [:]
    for row in rows {
      if let category = NoteCategory(rawValue: try row.decode(column: "category", as: String.self)) {
        result[category] = try row.decode(column: "n", as: Int.self)
      }
    }
    return result
  }
}

/// One import of one file.
public struct ImportRun: Sendable, Hashable, Codable {
  public var id: UUID
  public var kind: String
  public var fileName: String
  public var sha256: String
  public var rows: Int
  public var inserted: Int
  public var updated: Int
  public var unchanged: Int
  public var actorName: String
  public var startedAt: Date
  public var finishedAt: Date

  public init(
    id: UUID, kind: String, fileName: String, sha256: String, rows: Int, inserted: Int, updated: Int, unchanged: Int,
    actorName: String, startedAt: Date, finishedAt: Date
  ) {
    self.id = id
    self.kind = kind
    self.fileName = fileName
    self.sha256 = sha256
    self.rows = rows
    self.inserted = inserted
    self.updated = updated
    self.unchanged = unchanged
    self.actorName = actorName
    self.startedAt = startedAt
    self.finishedAt = finishedAt
  }
}

public struct ImportRunRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  public func insert(_ run: ImportRun) async throws {
    try await db.insert(into: "import_runs").model(run, with: Coding.encoder).run()
  }

  public func recent(limit: Int = 10) async throws -> [ImportRun] {
    try await db.select().column("*").from("import_runs").orderBy("finished_at", .descending).limit(limit)
      .all(decoding: ImportRun.self, with: Coding.decoder)
  }
}
