import CredoDomain
import Foundation
import SQLKit

/// A year's cycle dates as an office set them, and whether it has been closed.
public struct CycleRecord: Sendable, Hashable {
  public var cycle: MonitoringCycle
  /// The day the cycle was closed (rule 72 applied to every open exception); nil while open.
  public var closedOn: CalendarDate?
  public var updatedBy: String

  public init(cycle: MonitoringCycle, closedOn: CalendarDate? = nil, updatedBy: String) {
    self.cycle = cycle
    self.closedOn = closedOn
    self.updatedBy = updatedBy
  }
}

/// An exception as the review lists show it: the finding and where its review stands.
public struct ExceptionItem: Sendable, Hashable {
  public var outcome: StoredOutcome
  public var review: ExceptionReviewSummary
}

/// Where one exception's review stands, without its history.
public struct ExceptionReviewSummary: Sendable, Hashable {
  public var status: ExceptionStatus
  public var proposedDetermination: Determination?
  public var determination: Determination?
  /// The day the monitoring authority's determination was made (starts the 30-day correction of a misassignment,
  /// rule 73).
  public var determinedOn: CalendarDate?
  /// The day a complaint about this assignment was received (starts the 15-working-day answer, rule 73).
  public var complaintReceivedOn: CalendarDate?
  /// Optimistic-concurrency version: 0 until the first step is stored.
  public var version: Int

  public init(
    status: ExceptionStatus = .undetermined, proposedDetermination: Determination? = nil,
    determination: Determination? = nil, determinedOn: CalendarDate? = nil, complaintReceivedOn: CalendarDate? = nil,
    version: Int = 0
  ) {
    self.status = status
    self.proposedDetermination = proposedDetermination
    self.determination = determination
    self.determinedOn = determinedOn
    self.complaintReceivedOn = complaintReceivedOn
    self.version = version
  }
}

/// A history entry as stored, with the user it came from.
public struct StoredWorkflowEvent: Sendable, Hashable {
  public var sequence: Int
  public var entry: WorkflowHistoryEntry
  public var userId: UUID?
  public var recordedAt: Date
}

/// An evidence file's description (the bytes are read separately, only when downloaded).
public struct EvidenceFile: Sendable, Hashable, Codable, Identifiable {
  public var id: UUID
  public var academicYear: String
  public var outcomeKey: String
  public var fileName: String
  public var contentType: String
  public var size: Int
  public var sha256: String
  public var description: String
  public var uploadedBy: String
  public var uploadedAt: Date

  public init(
    id: UUID, academicYear: String, outcomeKey: String, fileName: String, contentType: String, size: Int,
    sha256: String, description: String, uploadedBy: String, uploadedAt: Date
  ) {
    self.id = id
    self.academicYear = academicYear
    self.outcomeKey = outcomeKey
    self.fileName = fileName
    self.contentType = contentType
    self.size = size
    self.sha256 = sha256
    self.description = description
    self.uploadedBy = uploadedBy
    self.uploadedAt = uploadedAt
  }
}

/// Filters for the exception lists.
public struct ExceptionFilter: Sendable, Hashable {
  /// A county (2), district (7) or school (14) code prefix.
  public var cdsPrefix: String?
  public var exceptionType: String?
  public var reviewStatus: ExceptionStatus?
  public var determination: Determination?
  public var seid: String?
  /// Also list exceptions a later run no longer raised (corrected in CALPADS or by a new document).
  public var includeResolved: Bool

  public init(
    cdsPrefix: String? = nil, exceptionType: String? = nil, reviewStatus: ExceptionStatus? = nil,
    determination: Determination? = nil, seid: String? = nil, includeResolved: Bool = false
  ) {
    self.cdsPrefix = cdsPrefix
    self.exceptionType = exceptionType
    self.reviewStatus = reviewStatus
    self.determination = determination
    self.seid = seid
    self.includeResolved = includeResolved
  }
}

/// Why a review step could not be stored.
public enum ExceptionStoreError: Error, Sendable, Equatable {
  /// Someone else stored a step after this one was read: reload and try again.
  case changedMeanwhile(expectedVersion: Int)
}

/// The exception review's tables (migration 006): cycles, review states, history and evidence.
public struct ExceptionRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  // MARK: Cycles

  struct CycleRow: Codable {
    var academicYear: String
    var monitoringStart: String
    var leaWindowDays: Int
    var authorityWindowDays: Int
    var finalization: String
    var closedOn: String?
    var updatedBy: String
    var updatedAt: Date
  }

  public func cycle(year: SchoolYear) async throws -> CycleRecord? {
    guard
      let row = try await db.select().column("*").from("monitoring_cycles")
        .where("academic_year", .equal, year.description).first(decoding: CycleRow.self, with: Coding.decoder),
      let start = CalendarDate(parsing: row.monitoringStart), let finalization = CalendarDate(parsing: row.finalization)
    else { return nil }
    return CycleRecord(
      cycle: MonitoringCycle(
        academicYear: year, monitoringStart: start, leaWindowDays: row.leaWindowDays,
        monitoringAuthorityWindowDays: row.authorityWindowDays, finalization: finalization),
      closedOn: row.closedOn.flatMap { CalendarDate(parsing: $0) }, updatedBy: row.updatedBy)
  }

  public func save(_ record: CycleRecord, at now: Date) async throws {
    let c = record.cycle
    try await db.delete(from: "monitoring_cycles").where("academic_year", .equal, c.academicYear.description).run()
    try await db.insert(into: "monitoring_cycles").model(
      CycleRow(
        academicYear: c.academicYear.description, monitoringStart: c.monitoringStart.iso,
        leaWindowDays: c.leaWindowDays, authorityWindowDays: c.monitoringAuthorityWindowDays,
        finalization: c.finalization.iso, closedOn: record.closedOn?.iso, updatedBy: record.updatedBy, updatedAt: now),
      with: Coding.encoder
    ).run()
  }

  // MARK: Lists

  /// The columns the lists sort by, by the names pages use.
  public static let sortColumns: [String: String] = [
    "school": "o.cds_code", "seid": "o.seid", "course": "o.state_course_code", "type": "o.exception_type",
    "status": "review_status", "rule": "o.rule",
  ]

  func conditions(_ year: SchoolYear, _ filter: ExceptionFilter, _ scope: AccessScope) -> [SQLQueryString] {
    var conditions: [SQLQueryString] = [
      "o.academic_year = \(bind: year.description)", "o.status IN (\(binds: ["exception", "vacancy"]))",
    ]
    if !filter.includeResolved { conditions.append("o.resolved_run_id IS NULL") }
    if let prefix = filter.cdsPrefix, !prefix.isEmpty {
      conditions.append("o.cds_code >= \(bind: prefix) AND o.cds_code < \(bind: prefix + "~")")
    }
    if let type = filter.exceptionType, !type.isEmpty {
      // Vacancies carry no exception type; "vacancy" selects them.
      conditions.append(type == "vacancy" ? "o.status = \(bind: "vacancy")" : "o.exception_type = \(bind: type)")
    }
    if let status = filter.reviewStatus {
      conditions.append("COALESCE(x.status, \(bind: ExceptionStatus.undetermined.rawValue)) = \(bind: status.rawValue)")
    }
    if let determination = filter.determination {
      conditions.append("x.determination = \(bind: determination.rawValue)")
    }
    if let seid = filter.seid, !seid.isEmpty { conditions.append("o.seid = \(bind: seid)") }
    if let scoped = ScopeFilter.condition(
      scope, county: "SUBSTR(o.cds_code, 1, 2)", district: "SUBSTR(o.cds_code, 1, 7)", school: "o.cds_code")
    {
      conditions.append(scoped)
    }
    return conditions
  }

  static let from: SQLQueryString =
    " FROM assignment_outcomes o LEFT JOIN monitoring_exceptions x ON x.academic_year = o.academic_year AND x.outcome_key = o.outcome_key"

  /// A page of the exceptions (and vacancies) in scope, with their review state.
  public func exceptions(
    year: SchoolYear, filter: ExceptionFilter, scope: AccessScope, window: ListWindow
  ) async throws -> Page<ExceptionItem> {
    let whereClause = " WHERE " + conditions(year, filter, scope).joined(separator: " AND ")
    let total =
      try await db.raw("SELECT COUNT(*) AS n" + Self.from + whereClause).first(decodingColumn: "n", as: Int.self) ?? 0
    let column = Self.sortColumns[window.sort] ?? "o.cds_code"
    let direction = window.descending ? "DESC" : "ASC"
    let rows = try await db.raw(
      "SELECT o.*, COALESCE(x.status, \(bind: ExceptionStatus.undetermined.rawValue)) AS review_status, x.proposed_determination, x.determination AS review_determination, x.determined_on, x.complaint_received_on, COALESCE(x.version, 0) AS review_version"
        + Self.from + whereClause
        + " ORDER BY \(unsafeRaw: column) \(unsafeRaw: direction), o.cds_code, o.seid, o.outcome_key"
        + window.limitClause
    ).all()
    let items = try rows.map { row in
      ExceptionItem(outcome: try row.decode(model: StoredOutcome.self, with: Coding.decoder), review: try summary(row))
    }
    return Page(
      items: items, total: total, page: window.page, perPage: window.perPage == 0 ? max(total, 1) : window.perPage)
  }

  func summary(_ row: any SQLRow) throws -> ExceptionReviewSummary {
    ExceptionReviewSummary(
      status: ExceptionStatus(rawValue: try row.decode(column: "review_status", as: String.self)) ?? .undetermined,
      proposedDetermination: try row.decode(column: "proposed_determination", as: String?.self).flatMap(
        Determination.init(rawValue:)),
      determination: try row.decode(column: "review_determination", as: String?.self).flatMap(
        Determination.init(rawValue:)),
      determinedOn: try row.decode(column: "determined_on", as: String?.self).flatMap { CalendarDate(parsing: $0) },
      complaintReceivedOn: try row.decode(column: "complaint_received_on", as: String?.self).flatMap {
        CalendarDate(parsing: $0)
      },
      version: try row.decode(column: "review_version", as: Int.self))
  }

  /// Counts of the exceptions in scope per school and review status: the reviewers' workload.
  public func workload(
    year: SchoolYear, filter: ExceptionFilter, scope: AccessScope
  ) async throws -> [String: [ExceptionStatus: Int]] {
    let whereClause = " WHERE " + conditions(year, filter, scope).joined(separator: " AND ")
    let rows = try await db.raw(
      "SELECT o.cds_code, COALESCE(x.status, \(bind: ExceptionStatus.undetermined.rawValue)) AS review_status, COUNT(*) AS n"
        + Self.from + whereClause + " GROUP BY 1, 2"
    ).all()
    var result: [String: [ExceptionStatus: Int]] = [:]
    for row in rows {
      let status = ExceptionStatus(rawValue: try row.decode(column: "review_status", as: String.self)) ?? .undetermined
      result[try row.decode(column: "cds_code", as: String.self), default: [:]][status, default: 0] +=
        try row.decode(column: "n", as: Int.self)
    }
    return result
  }

  // MARK: One exception

  /// The finding (resolved or not) and its review state and history; nil when there is no such exception.
  public func exception(
    year: SchoolYear, outcomeKey: String
  ) async throws -> (
    item: ExceptionItem, history: [StoredWorkflowEvent]
  )? {
    guard
      let row = try await db.raw(
        "SELECT o.*, COALESCE(x.status, \(bind: ExceptionStatus.undetermined.rawValue)) AS review_status, x.proposed_determination, x.determination AS review_determination, x.determined_on, x.complaint_received_on, COALESCE(x.version, 0) AS review_version"
          + Self.from
          + " WHERE o.academic_year = \(bind: year.description) AND o.outcome_key = \(bind: outcomeKey) AND o.status IN (\(binds: ["exception", "vacancy"]))"
      ).first()
    else { return nil }
    let item = ExceptionItem(
      outcome: try row.decode(model: StoredOutcome.self, with: Coding.decoder), review: try summary(row))
    return (item, try await history(year: year, outcomeKey: outcomeKey))
  }

  struct EventRow: Codable {
    var id: UUID
    var academicYear: String
    var outcomeKey: String
    var sequence: Int
    var party: String
    var actorName: String
    var userId: UUID?
    var onDate: String
    var action: String
    var fromStatus: String
    var toStatus: String
    var determination: String?
    var comment: String
    var recordedAt: Date
  }

  public func history(year: SchoolYear, outcomeKey: String) async throws -> [StoredWorkflowEvent] {
    try await histories(year: year, outcomeKeys: [outcomeKey])[outcomeKey] ?? []
  }

  /// The histories of many exceptions, 500 per query: closing a state-size cycle finalizes hundreds of thousands
  /// of them, and one query each would spend its time on round trips.
  public func histories(year: SchoolYear, outcomeKeys: [String]) async throws -> [String: [StoredWorkflowEvent]] {
    var result: [String: [StoredWorkflowEvent]] = [:]
    for chunk in outcomeKeys.chunked(into: 500) {
      let rows = try await db.select().column("*").from("exception_events")
        .where("academic_year", .equal, year.description).where("outcome_key", .in, chunk)
        .orderBy("outcome_key").orderBy("sequence")
        .all(decoding: EventRow.self, with: Coding.decoder)
      for row in rows {
        guard let party = WorkflowParty(rawValue: row.party), let date = CalendarDate(parsing: row.onDate),
          let action = WorkflowActionKind(rawValue: row.action), let from = ExceptionStatus(rawValue: row.fromStatus),
          let to = ExceptionStatus(rawValue: row.toStatus)
        else { continue }
        result[row.outcomeKey, default: []].append(
          StoredWorkflowEvent(
            sequence: row.sequence,
            entry: WorkflowHistoryEntry(
              actor: WorkflowActor(party: party, name: row.actorName), date: date, action: action, from: from,
              to: to, determination: row.determination.flatMap(Determination.init(rawValue:)), comment: row.comment),
            userId: row.userId, recordedAt: row.recordedAt))
      }
    }
    return result
  }

  /// Stores the state after one or more steps: the review row (inserted on the first step, else updated only if
  /// nobody stored a step since `expectedVersion` was read) and the new history entries. Call inside a
  /// transaction so the row and its history land together.
  public func store(
    year: SchoolYear, outcome: StoredOutcome, state: ExceptionState, newEntries: ArraySlice<WorkflowHistoryEntry>,
    complaintReceivedOn: CalendarDate?, expectedVersion: Int, userId: UUID?, at now: Date
  ) async throws {
    struct Row: Codable {
      var academicYear: String
      var outcomeKey: String
      var reportingLea: String
      var cdsCode: String
      var seid: String
      var status: String
      var proposedDetermination: String?
      var determination: String?
      var determinedOn: String?
      var complaintReceivedOn: String?
      var version: Int
      var updatedAt: Date
    }
    let determinedOn = state.determinedOn?.iso
    if expectedVersion == 0 {
      do {
        try await db.insert(into: "monitoring_exceptions").model(
          Row(
            academicYear: year.description, outcomeKey: outcome.outcomeKey, reportingLea: outcome.reportingLea,
            cdsCode: outcome.cdsCode, seid: outcome.seid, status: state.status.rawValue,
            proposedDetermination: state.proposedDetermination?.rawValue, determination: state.determination?.rawValue,
            determinedOn: determinedOn, complaintReceivedOn: complaintReceivedOn?.iso, version: 1, updatedAt: now),
          with: Coding.encoder
        ).run()
      } catch {
        // The unique key: someone stored the first step meanwhile.
        if try await reviewVersion(year: year, outcomeKey: outcome.outcomeKey) != 0 {
          throw ExceptionStoreError.changedMeanwhile(expectedVersion: expectedVersion)
        }
        throw error
      }
    } else {
      let updated = try await db.update("monitoring_exceptions")
        .set("status", to: state.status.rawValue)
        .set("proposed_determination", to: state.proposedDetermination?.rawValue)
        .set("determination", to: state.determination?.rawValue)
        .set("determined_on", to: determinedOn)
        .set("complaint_received_on", to: complaintReceivedOn?.iso)
        .set("version", to: expectedVersion + 1)
        .set("updated_at", to: now)
        .where("academic_year", .equal, year.description).where("outcome_key", .equal, outcome.outcomeKey)
        .where("version", .equal, expectedVersion)
        .returning("version").all()
      guard updated.count == 1 else { throw ExceptionStoreError.changedMeanwhile(expectedVersion: expectedVersion) }
    }
    let first = state.history.count - newEntries.count
    let rows = newEntries.enumerated().map { offset, entry in
      EventRow(
        id: UUID(), academicYear: year.description, outcomeKey: outcome.outcomeKey, sequence: first + offset + 1,
        party: entry.actor.party.rawValue, actorName: entry.actor.name, userId: userId, onDate: entry.date.iso,
        action: entry.action.rawValue, fromStatus: entry.from.rawValue, toStatus: entry.to.rawValue,
        determination: entry.determination?.rawValue, comment: entry.comment, recordedAt: now)
    }
    try await db.insertBatched(rows, into: "exception_events", columnsPerRow: 14)
  }

  func reviewVersion(year: SchoolYear, outcomeKey: String) async throws -> Int {
    try await db.select().column("version").from("monitoring_exceptions")
      .where("academic_year", .equal, year.description).where("outcome_key", .equal, outcomeKey)
      .first(decodingColumn: "version", as: Int.self) ?? 0
  }

  /// Every exception of the year still open for review (not finalized), resolved findings excluded: what closing
  /// the cycle acts on.
  public func openExceptions(year: SchoolYear) async throws -> [ExceptionItem] {
    try await exceptions(year: year, filter: ExceptionFilter(), scope: .everything, window: .all(sort: "school")).items
      .filter { $0.review.status != .finalized }
  }

  /// The date a monitoring run evaluated as of.
  public func runDate(id: UUID) async throws -> CalendarDate? {
    try await db.select().column("as_of").from("monitoring_runs").where("id", .equal, id)
      .first(decodingColumn: "as_of", as: String.self).flatMap { CalendarDate(parsing: $0) }
  }

  // MARK: Evidence

  public func attach(_ file: EvidenceFile, content: Data) async throws {
    struct Row: Codable {
      var id: UUID
      var academicYear: String
      var outcomeKey: String
      var fileName: String
      var contentType: String
      var size: Int
      var sha256: String
      var content: Data
      var description: String
      var uploadedBy: String
      var uploadedAt: Date
    }
    try await db.insert(into: "exception_evidence").model(
      Row(
        id: file.id, academicYear: file.academicYear, outcomeKey: file.outcomeKey, fileName: file.fileName,
        contentType: file.contentType, size: file.size, sha256: file.sha256, content: content,
        description: file.description, uploadedBy: file.uploadedBy, uploadedAt: file.uploadedAt),
      with: Coding.encoder
    ).run()
  }

  static let evidenceColumns = [
    "id", "academic_year", "outcome_key", "file_name", "content_type", "size", "sha256", "description", "uploaded_by",
    "uploaded_at",
  ]

  public func evidence(year: SchoolYear, outcomeKey: String) async throws -> [EvidenceFile] {
    var query = db.select()
    for column in Self.evidenceColumns { query = query.column(column) }
    return try await query.from("exception_evidence").where("academic_year", .equal, year.description)
      .where("outcome_key", .equal, outcomeKey).orderBy("uploaded_at")
      .all(decoding: EvidenceFile.self, with: Coding.decoder)
  }

  /// One evidence file with its bytes.
  public func evidenceFile(id: UUID) async throws -> (file: EvidenceFile, content: Data)? {
    guard
      let row = try await db.select().column("*").from("exception_evidence").where("id", .equal, id).first()
    else { return nil }
    return (
      try row.decode(model: EvidenceFile.self, with: Coding.decoder), try row.decode(column: "content", as: Data.self)
    )
  }
}
