import CredoDomain
import Foundation
import SQLKit

/// Who acted: a signed-in user, or the system (imports from the command line, the demo loader).
public struct Actor: Sendable, Hashable {
  public var userId: UUID?
  public var name: String
  /// Where the change came from: "web", "api", "cli", "import".
  public var source: String

  public init(userId: UUID?, name: String, source: String) {
    self.userId = userId
    self.name = name
    self.source = source
  }

  public static func system(_ source: String = "cli") -> Actor { Actor(userId: nil, name: "system", source: source) }
}

/// One saved change to a record, with every field it changed.
public struct AuditEntry: Sendable, Hashable {
  public var changeId: UUID
  public var at: Date
  public var actorName: String
  public var source: String
  public var entityType: String
  public var entityId: UUID
  public var action: String
  public var changes: [AuditChange]
}

/// The audit trail (every change) and the access log (every read of a confidential record).
public struct AuditRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  struct EventRow: Codable, BulkRow {
    static let columns = [
      "id", "change_id", "at", "actor_id", "actor_name", "entity_type", "entity_id", "action", "field", "old_value",
      "new_value", "source",
    ]
    var values: [BulkValue] {
      [
        .uuid(id), .uuid(changeId), .date(at), .of(actorId), .text(actorName), .text(entityType), .uuid(entityId),
        .text(action), .text(field), .of(oldValue), .of(newValue), .text(source),
      ]
    }

    var id: UUID
    var changeId: UUID
    var at: Date
    var actorId: UUID?
    var actorName: String
    var entityType: String
    var entityId: UUID
    var action: String
    var field: String
    var oldValue: String?
    var newValue: String?
    var source: String
  }

  public enum Action: String, Sendable {
    case create, update, delete
  }

  /// Records one change (one row per field) of one record. Nothing is written when nothing changed.
  public func record(
    _ changes: [AuditChange], entityType: String, entityId: UUID, action: Action, actor: Actor, at: Date
  ) async throws {
    try await record([(entityType, entityId, action, changes)], actor: actor, at: at)
  }

  /// Records many changes at once (an import), in batches.
  public func record(_ items: [(String, UUID, Action, [AuditChange])], actor: Actor, at: Date) async throws {
    var rows: [EventRow] = []
    let ids = RandomUUIDs()
    for (entityType, entityId, action, changes) in items where !changes.isEmpty {
      let changeId = ids.next()
      for change in changes {
        rows.append(
          EventRow(
            id: ids.next(), changeId: changeId, at: at, actorId: actor.userId, actorName: actor.name,
            entityType: entityType, entityId: entityId, action: action.rawValue, field: change.field,
            oldValue: change.oldValue, newValue: change.newValue, source: actor.source))
      }
    }
    try await db.insertBulk(rows, into: "audit_events")
  }

  /// The history of one record, newest first.
  public func history(entityType: String, entityId: UUID, limit: Int = 200) async throws -> [AuditEntry] {
    let rows = try await db.select().column("*").from("audit_events")
      .where("entity_type", .equal, entityType).where("entity_id", .equal, entityId)
      .orderBy("at", .descending).orderBy("field").limit(limit)
      .all(decoding: EventRow.self, with: Coding.decoder)
    return Self.group(rows)
  }

  /// The latest changes anywhere, for the administrator's dashboard.
  public func recent(limit: Int = 20) async throws -> [AuditEntry] {
    let rows = try await db.select().column("*").from("audit_events").orderBy("at", .descending).limit(limit * 8)
      .all(decoding: EventRow.self, with: Coding.decoder)
    return Array(Self.group(rows).prefix(limit))
  }

  static func group(_ rows: [EventRow]) -> [AuditEntry] {
    var order: [UUID] = []
    var entries: [UUID: AuditEntry] = [:]
    for row in rows {
      if entries[row.changeId] == nil {
        order.append(row.changeId)
        entries[row.changeId] = AuditEntry(
          changeId: row.changeId, at: row.at, actorName: row.actorName, source: row.source,
          entityType: row.entityType, entityId: row.entityId, action: row.action, changes: [])
      }
      entries[row.changeId]!.changes.append(
        AuditChange(field: row.field, oldValue: row.oldValue, newValue: row.newValue))
    }
    return order.map { entries[$0]! }
  }

  // MARK: Access log

  public struct AccessEntry: Sendable, Hashable, Codable {
    public var id: UUID
    public var at: Date
    public var userId: UUID?
    public var username: String
    public var entityType: String
    public var entityId: UUID
    public var subjectId: UUID?
    public var category: String
    public var purpose: String
    public var address: String

    public init(
      id: UUID = UUID(), at: Date, userId: UUID?, username: String, entityType: String, entityId: UUID,
      subjectId: UUID?, category: String, purpose: String, address: String
    ) {
      self.id = id
      self.at = at
      self.userId = userId
      self.username = username
      self.entityType = entityType
      self.entityId = entityId
      self.subjectId = subjectId
      self.category = category
      self.purpose = purpose
      self.address = address
    }
  }

  public func logAccess(_ entries: [AccessEntry]) async throws {
    try await db.insertBatched(entries, into: "access_log", columnsPerRow: 10)
  }

  /// Reads of confidential records about one person (the subject), newest first.
  public func accessLog(subjectId: UUID, limit: Int = 200) async throws -> [AccessEntry] {
    try await db.select().column("*").from("access_log").where("subject_id", .equal, subjectId)
      .orderBy("at", .descending).limit(limit).all(decoding: AccessEntry.self, with: Coding.decoder)
  }

  public func accessLog(limit: Int = 200) async throws -> [AccessEntry] {
    try await db.select().column("*").from("access_log").orderBy("at", .descending).limit(limit)
      .all(decoding: AccessEntry.self, with: Coding.decoder)
  }
}
