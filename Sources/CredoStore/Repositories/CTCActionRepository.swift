import CredoDomain
import Foundation
import SQLKit

/// A CTC list row as stored, with its match.
public struct StoredCTCAction: Sendable, Hashable, Identifiable {
  public var id: UUID
  public var listId: UUID
  public var entry: CTCActionEntry
  public var state: CTCActionState
  public var educatorId: UUID?
  public var candidateIds: [UUID]
  public var rejectedIds: [UUID]
  /// What applying it did (or why it is waiting).
  public var outcome: String
  public var decidedBy: String?
  public var decidedAt: Date?
  public var importedAt: Date
}

/// What the CTC action list is filtered by.
public struct CTCActionFilter: Sendable, Hashable {
  public var state: CTCActionState?
  public var action: CTCActionKind?
  public var source: CTCActionSource?
  /// A last-name prefix or a SEID.
  public var text: String?

  public init(
    state: CTCActionState? = nil, action: CTCActionKind? = nil, source: CTCActionSource? = nil, text: String? = nil
  ) {
    self.state = state
    self.action = action
    self.source = source
    self.text = text
  }
}

/// Imported CTC action lists and their rows (migration 009).
public struct CTCActionRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  struct Row: Codable {
    var id: UUID
    var listId: UUID
    var line: Int
    var fingerprint: String
    var source: String
    var lastName: String
    var firstName: String
    var seid: String?
    var birthDate: String?
    var action: String
    var effectiveDate: String
    var endDate: String?
    var document: String
    var state: String
    var educatorId: UUID?
    var candidateIds: String
    var rejectedIds: String
    var outcome: String
    var decidedBy: String?
    var decidedAt: Date?
    var importedAt: Date

    func domain() throws -> StoredCTCAction {
      guard let source = CTCActionSource(rawValue: source), let action = CTCActionKind(rawValue: action),
        let effective = CalendarDate(parsing: effectiveDate), let state = CTCActionState(rawValue: state)
      else { throw StoreError.failed(reason: "CTC action \(id) has an invalid stored value") }
      return StoredCTCAction(
        id: id, listId: listId,
        entry: CTCActionEntry(
          line: line, source: source, lastName: lastName, firstName: firstName, seid: seid.flatMap { SEID($0) },
          birthDate: birthDate.flatMap { CalendarDate(parsing: $0) }, action: action, effective: effective,
          end: endDate.flatMap { CalendarDate(parsing: $0) }, document: document),
        state: state, educatorId: educatorId, candidateIds: Self.ids(candidateIds), rejectedIds: Self.ids(rejectedIds),
        outcome: outcome, decidedBy: decidedBy, decidedAt: decidedAt, importedAt: importedAt)
    }

    static func ids(_ text: String) -> [UUID] { text.split(separator: " ").compactMap { UUID(uuidString: String($0)) } }
  }

  static func text(_ ids: [UUID]) -> String { ids.map(\.uuidString).joined(separator: " ") }

  /// Stores a list file and its rows; rows whose fingerprint is already stored (an earlier list repeated them)
  /// are skipped. Returns the rows stored. Call inside a transaction.
  public func insert(
    listId: UUID, fileName: String, sha256: String, rows: [(CTCActionEntry, UUID)], by: String, at: Date
  ) async throws -> [StoredCTCAction] {
    var known = Set<String>()
    let prints = rows.map { $0.0.fingerprint }
    for chunk in prints.chunked(into: 500) {
      known.formUnion(
        try await db.select().column("fingerprint").from("ctc_actions").where("fingerprint", .in, chunk).all()
          .map { try $0.decode(column: "fingerprint", as: String.self) })
    }
    var fresh: [Row] = []
    for (entry, id) in rows where !known.contains(entry.fingerprint) {
      known.insert(entry.fingerprint)
      fresh.append(
        Row(
          id: id, listId: listId, line: entry.line, fingerprint: entry.fingerprint, source: entry.source.rawValue,
          lastName: entry.lastName, firstName: entry.firstName, seid: entry.seid?.digits,
          birthDate: entry.birthDate?.iso,
          action: entry.action.rawValue, effectiveDate: entry.effective.iso, endDate: entry.end?.iso,
          document: entry.document, state: CTCActionState.unmatched.rawValue, educatorId: nil, candidateIds: "",
          rejectedIds: "", outcome: "", decidedBy: nil, decidedAt: nil, importedAt: at))
    }
    struct ListRow: Codable {
      var id: UUID
      var fileName: String
      var sha256: String
      var rows: Int
      var newRows: Int
      var importedBy: String
      var importedAt: Date
    }
    try await db.insert(into: "ctc_action_lists").model(
      ListRow(
        id: listId, fileName: fileName, sha256: sha256, rows: rows.count, newRows: fresh.count, importedBy: by,
        importedAt: at), with: Coding.encoder
    ).run()
    try await db.insertBatched(fresh, into: "ctc_actions", columnsPerRow: 21)
    return try fresh.map { try $0.domain() }
  }

  public func find(id: UUID) async throws -> StoredCTCAction? {
    try await db.select().column("*").from("ctc_actions").where("id", .equal, id)
      .first(decoding: Row.self, with: Coding.decoder)?.domain()
  }

  /// Rows in a state (the unmatched ones are matched again when educators arrive).
  public func all(state: CTCActionState) async throws -> [StoredCTCAction] {
    try await db.select().column("*").from("ctc_actions").where("state", .equal, state.rawValue)
      .orderBy("imported_at").all(decoding: Row.self, with: Coding.decoder).map { try $0.domain() }
  }

  /// Records a row's match and outcome.
  public func update(
    id: UUID, state: CTCActionState, educatorId: UUID?, candidates: [UUID], rejected: [UUID], outcome: String,
    decidedBy: String?, at: Date?
  ) async throws {
    try await db.update("ctc_actions").set("state", to: state.rawValue).set("educator_id", to: educatorId)
      .set("candidate_ids", to: Self.text(candidates)).set("rejected_ids", to: Self.text(rejected))
      .set("outcome", to: outcome).set("decided_by", to: decidedBy).set("decided_at", to: at)
      .where("id", .equal, id).run()
  }

  /// The rows applied to one educator, newest effective date first.
  public func applied(educatorId: UUID) async throws -> [StoredCTCAction] {
    try await db.select().column("*").from("ctc_actions").where("educator_id", .equal, educatorId)
      .orderBy("effective_date", .descending).all(decoding: Row.self, with: Coding.decoder).map { try $0.domain() }
  }

  /// Rows naming one educator as a candidate still to confirm.
  public func candidates(educatorId: UUID) async throws -> [StoredCTCAction] {
    try await db.select().column("*").from("ctc_actions").where("state", .equal, CTCActionState.candidates.rawValue)
      .where("candidate_ids", .like, "%\(educatorId.uuidString)%")
      .all(decoding: Row.self, with: Coding.decoder).map { try $0.domain() }
  }

  public static let sortColumns: [String: String] = [
    "effective": "a.effective_date %@, a.last_name ASC", "name": "a.last_name %@, a.first_name %@",
    "action": "a.action %@, a.effective_date DESC", "state": "a.state %@, a.effective_date DESC",
  ]

  /// A page of rows. Applied rows are shown only when their educator is in `scope`; waiting rows (candidates,
  /// unmatched) are the CTC's public list and shown to every analyst.
  public func list(
    filter: CTCActionFilter, scope: AccessScope, window: ListWindow
  ) async throws -> Page<
    StoredCTCAction
  > {
    var conditions: [SQLQueryString] = ["1 = 1"]
    if let state = filter.state { conditions.append("a.state = \(bind: state.rawValue)") }
    if let action = filter.action { conditions.append("a.action = \(bind: action.rawValue)") }
    if let source = filter.source { conditions.append("a.source = \(bind: source.rawValue)") }
    if let text = filter.text, !text.isEmpty {
      if let seid = SEID(text) {
        conditions.append("a.seid = \(bind: seid.digits)")
      } else {
        conditions.append(
          "LOWER(a.last_name) LIKE \(bind: text.lowercased().replacingOccurrences(of: "%", with: "") + "%")")
      }
    }
    if let scoped = ScopeFilter.educatorCondition(scope, educatorColumn: "a.educator_id") {
      conditions.append("(a.state <> \(bind: CTCActionState.applied.rawValue) OR " + scoped + ")")
    }
    let whereClause = " FROM ctc_actions a WHERE " + conditions.joined(separator: " AND ")
    let total = try await db.raw("SELECT COUNT(*) AS n" + whereClause).first(decodingColumn: "n", as: Int.self) ?? 0
    let direction = window.descending ? "DESC" : "ASC"
    let order = (Self.sortColumns[window.sort] ?? Self.sortColumns["effective"]!).replacingOccurrences(
      of: "%@", with: direction)
    let rows = try await db.raw(
      "SELECT a.*" + whereClause + " ORDER BY \(unsafeRaw: order), a.id ASC" + window.limitClause
    ).all(decoding: Row.self, with: Coding.decoder)
    return Page(
      items: try rows.map { try $0.domain() }, total: total, page: window.page,
      perPage: window.perPage == 0 ? max(total, 1) : window.perPage)
  }

  /// How many rows are in each state, in scope as `list` counts them.
  public func countsByState(scope: AccessScope) async throws -> [CTCActionState: Int] {
    var condition: SQLQueryString = "1 = 1"
    if let scoped = ScopeFilter.educatorCondition(scope, educatorColumn: "a.educator_id") {
      condition = "(a.state <> \(bind: CTCActionState.applied.rawValue) OR " + scoped + ")"
    }
    struct Count: Decodable {
      var state: String
      var n: Int
    }
    let rows = try await db.raw("SELECT a.state, COUNT(*) AS n FROM ctc_actions a WHERE " + condition + " GROUP BY 1")
      .all(decoding: Count.self, with: Coding.decoder)
    var result: [CTCActionState: Int] = [:]
    for row in rows { if let s = CTCActionState(rawValue: row.state) { result[s] = row.n } }
    return result
  }
}
