import CredoDomain
import Foundation
import SQLKit

/// One run of the engine over a year.
public struct MonitoringRun: Sendable, Hashable, Codable, Identifiable {
  public var id: UUID
  public var academicYear: String
  public var asOf: String
  /// `all`, or the SEIDs re-evaluated.
  public var scope: String
  public var catalogVersion: String
  public var actorName: String
  public var startedAt: Date
  public var finishedAt: Date
  public var evaluated: Int
  public var authorized: Int
  public var exceptions: Int
  public var vacancies: Int
  public var notMonitored: Int
  public var newFindings: Int
  public var changedFindings: Int
  public var resolvedFindings: Int

  public init(
    id: UUID, academicYear: String, asOf: String, scope: String, catalogVersion: String, actorName: String,
    startedAt: Date, finishedAt: Date, evaluated: Int, authorized: Int, exceptions: Int, vacancies: Int,
    notMonitored: Int, newFindings: Int, changedFindings: Int, resolvedFindings: Int
  ) {
    self.id = id
    self.academicYear = academicYear
    self.asOf = asOf
    self.scope = scope
    self.catalogVersion = catalogVersion
    self.actorName = actorName
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.evaluated = evaluated
    self.authorized = authorized
    self.exceptions = exceptions
    self.vacancies = vacancies
    self.notMonitored = notMonitored
    self.newFindings = newFindings
    self.changedFindings = changedFindings
    self.resolvedFindings = resolvedFindings
  }
}

/// One row of the outcomes file as stored: the finding, where it is, and when it was first and last found.
public struct StoredOutcome: Sendable, Hashable, Codable {
  public var academicYear: String
  /// Identifies the finding across runs: the assignment plus its status or exception type and detail.
  public var outcomeKey: String
  /// Identifies the assignment (teacher-section or SEID × school × non-classroom code).
  public var assignmentKey: String
  public var cdsCode: String
  public var reportingLea: String
  public var seid: String
  public var localStaffId: String
  public var localCourseId: String
  public var sectionId: String
  public var academicTerm: String
  public var stateCourseCode: String
  public var assignmentCode: String
  public var status: String
  public var exceptionType: String
  public var detail: String
  public var basis: String
  public var rule: String
  public var citation: String
  public var tamoOutcome: String
  public var explanation: String
  /// The share of the teacher's classroom FTE this assignment carries (TAMO apportioning).
  public var fte: Double
  /// What the finding says, as a digest (`StoredOutcome.fingerprint(_:)`); a run compares it to decide whether the
  /// finding changed. Rows written before fingerprint scheme 2 hold their text joined instead (`textDigest`).
  public var fingerprint: String
  public var firstRunId: UUID
  public var lastRunId: UUID
  public var resolvedRunId: UUID?

  public init(
    academicYear: String, outcomeKey: String, assignmentKey: String, cdsCode: String, reportingLea: String,
    seid: String, localStaffId: String, localCourseId: String, sectionId: String, academicTerm: String,
    stateCourseCode: String, assignmentCode: String, status: String, exceptionType: String, detail: String,
    basis: String, rule: String, citation: String, tamoOutcome: String, explanation: String, fte: Double,
    fingerprint: String, firstRunId: UUID, lastRunId: UUID, resolvedRunId: UUID? = nil
  ) {
    self.academicYear = academicYear
    self.outcomeKey = outcomeKey
    self.assignmentKey = assignmentKey
    self.cdsCode = cdsCode
    self.reportingLea = reportingLea
    self.seid = seid
    self.localStaffId = localStaffId
    self.localCourseId = localCourseId
    self.sectionId = sectionId
    self.academicTerm = academicTerm
    self.stateCourseCode = stateCourseCode
    self.assignmentCode = assignmentCode
    self.status = status
    self.exceptionType = exceptionType
    self.detail = detail
    self.basis = basis
    self.rule = rule
    self.citation = citation
    self.tamoOutcome = tamoOutcome
    self.explanation = explanation
    self.fte = fte
    self.fingerprint = fingerprint
    self.firstRunId = firstRunId
    self.lastRunId = lastRunId
    self.resolvedRunId = resolvedRunId
  }
}

extension StoredOutcome: BulkRow {
  static let columns = [
    "academic_year", "outcome_key", "assignment_key", "cds_code", "reporting_lea", "seid", "local_staff_id",
    "local_course_id", "section_id", "academic_term", "state_course_code", "assignment_code", "status",
    "exception_type", "detail", "basis", "rule", "citation", "tamo_outcome", "explanation", "fte", "fingerprint",
    "first_run_id", "last_run_id", "resolved_run_id",
  ]
  var values: [BulkValue] {
    [
      academicYear, outcomeKey, assignmentKey, cdsCode, reportingLea, seid, localStaffId, localCourseId, sectionId,
      academicTerm, stateCourseCode, assignmentCode, status, exceptionType, detail, basis, rule, citation, tamoOutcome,
      explanation,
    ].map(BulkValue.text) + [.double(fte), .text(fingerprint), .uuid(firstRunId), .uuid(lastRunId), .of(resolvedRunId)]
  }
}

/// What is on file for a finding, enough to tell new, changed and resolved apart without loading whole rows.
public struct OutcomeFingerprint: Sendable, Hashable {
  public var fingerprint: String
  public var firstRunId: UUID
  public var resolved: Bool
  public var reportingLea: String
}

/// Filters for outcome lists.
public struct OutcomeFilter: Sendable, Hashable {
  public var cdsPrefix: String?
  public var status: String?
  public var exceptionType: String?
  public var seid: String?
  public var includeResolved: Bool

  public init(
    cdsPrefix: String? = nil, status: String? = nil, exceptionType: String? = nil, seid: String? = nil,
    includeResolved: Bool = false
  ) {
    self.cdsPrefix = cdsPrefix
    self.status = status
    self.exceptionType = exceptionType
    self.seid = seid
    self.includeResolved = includeResolved
  }
}

/// Monitoring runs, outcomes and recorded local assignment options (migration 005).
public struct MonitoringRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  // MARK: Runs

  public func insert(_ run: MonitoringRun) async throws {
    try await db.insert(into: "monitoring_runs").model(run, with: Coding.encoder).run()
  }

  public func runs(year: SchoolYear, limit: Int = 20) async throws -> [MonitoringRun] {
    try await db.select().column("*").from("monitoring_runs").where("academic_year", .equal, year.description)
      .orderBy("finished_at", .descending).limit(limit).all(decoding: MonitoringRun.self, with: Coding.decoder)
  }

  // MARK: Outcomes

  /// The fingerprints of every finding on file for the year (or for the given SEIDs).
  public func fingerprints(year: SchoolYear, seids: [String]? = nil) async throws -> [String: OutcomeFingerprint] {
    struct Row: Decodable {
      var outcomeKey: String
      var fingerprint: String
      var firstRunId: UUID
      var resolvedRunId: UUID?
      var reportingLea: String
    }
    var result: [String: OutcomeFingerprint] = [:]
    func read(_ rows: [Row]) {
      for row in rows {
        result[row.outcomeKey] = OutcomeFingerprint(
          fingerprint: row.fingerprint, firstRunId: row.firstRunId, resolved: row.resolvedRunId != nil,
          reportingLea: row.reportingLea)
      }
    }
    let base = {
      self.db.select().columns("outcome_key", "fingerprint", "first_run_id", "resolved_run_id", "reporting_lea")
        .from("assignment_outcomes").where("academic_year", .equal, year.description)
    }
    if let seids {
      for chunk in seids.chunked(into: 500) {
        read(try await base().where("seid", .in, chunk).all(decoding: Row.self, with: Coding.decoder))
      }
    } else {
      read(try await base().all(decoding: Row.self, with: Coding.decoder))
    }
    return result
  }

  /// Writes a run's differences: new findings inserted, changed ones replaced (keeping when first found), and
  /// findings no longer raised marked resolved by the run.
  public func apply(
    year: SchoolYear, upserts: [StoredOutcome], resolvedKeys: [String], runId: UUID
  ) async throws {
    for chunk in upserts.map(\.outcomeKey).chunked(into: 500) {
      try await db.delete(from: "assignment_outcomes").where("academic_year", .equal, year.description)
        .where("outcome_key", .in, chunk).run()
    }
    try await db.insertBulk(upserts, into: "assignment_outcomes")
    for chunk in resolvedKeys.chunked(into: 500) {
      try await db.update("assignment_outcomes").set("resolved_run_id", to: runId)
        .where("academic_year", .equal, year.description).where("outcome_key", .in, chunk).run()
    }
  }

  func filtered(_ year: SchoolYear, _ filter: OutcomeFilter) -> SQLSelectBuilder {
    var query = db.select().from("assignment_outcomes").where("academic_year", .equal, year.description)
    if !filter.includeResolved { query = query.where("resolved_run_id", .is, SQLLiteral.null) }
    if let prefix = filter.cdsPrefix, !prefix.isEmpty {
      query = query.where("cds_code", .greaterThanOrEqual, prefix).where("cds_code", .lessThan, prefix + "~")
    }
    if let status = filter.status, !status.isEmpty { query = query.where("status", .equal, status) }
    if let type = filter.exceptionType, !type.isEmpty { query = query.where("exception_type", .equal, type) }
    if let seid = filter.seid, !seid.isEmpty { query = query.where("seid", .equal, seid) }
    return query
  }

  /// Outcomes in the outcomes file's order (school, teacher, course, section).
  public func outcomes(year: SchoolYear, filter: OutcomeFilter = OutcomeFilter()) async throws -> [StoredOutcome] {
    try await filtered(year, filter).column("*").orderBy("cds_code").orderBy("seid").orderBy("local_course_id")
      .orderBy("section_id").orderBy("academic_term").orderBy("assignment_code").orderBy("outcome_key")
      .all(decoding: StoredOutcome.self, with: Coding.decoder)
  }

  /// Counts by status for the year, per school CDS code.
  public func countsBySchool(
    year: SchoolYear, filter: OutcomeFilter = OutcomeFilter()
  ) async throws
    -> [String: [String: Int]]
  {
    let rows = try await filtered(year, filter).column("cds_code").column("status")
      .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").groupBy("cds_code").groupBy("status").all()
    var result: [String: [String: Int]] = [:]
    for row in rows {
      result[try row.decode(column: "cds_code", as: String.self), default: [:]][
        try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
    }
    return result
  }

  // MARK: Local assignment options

  struct ApprovalRow: Codable {
    var id: UUID
    var seid: String
    var option: String
    var districtCode: String
    var academicYear: String
    var courseCodes: String
    var subjectCode: String
    var semesterUnits: Double?
    var consentDate: String?
    var approvalDate: String?
    var assignmentStartDate: String?
    var note: String
    var recordedBy: String
    var recordedAt: Date
  }

  public func insert(_ approval: LocalAssignmentApproval, recordedBy: String, at: Date) async throws {
    let row = ApprovalRow(
      id: approval.id, seid: approval.seid, option: approval.option.rawValue, districtCode: approval.districtCode,
      academicYear: approval.schoolYear.description, courseCodes: approval.courseCodes.joined(separator: " "),
      subjectCode: approval.subjectCode, semesterUnits: approval.semesterUnits, consentDate: approval.consentDate?.iso,
      approvalDate: approval.approvalDate?.iso, assignmentStartDate: approval.assignmentStartDate?.iso,
      note: approval.note, recordedBy: recordedBy, recordedAt: at)
    try await db.insert(into: "local_assignment_approvals").model(row, with: Coding.encoder).run()
  }

  public func approvals(year: SchoolYear) async throws -> [LocalAssignmentApproval] {
    try await db.select().column("*").from("local_assignment_approvals")
      .where("academic_year", .equal, year.description).orderBy("seid")
      .all(decoding: ApprovalRow.self, with: Coding.decoder)
      .compactMap { row in
        guard let option = LocalAssignmentOption(rawValue: row.option), let year = SchoolYear(parsing: row.academicYear)
        else { return nil }
        return LocalAssignmentApproval(
          id: row.id, seid: row.seid, option: option, districtCode: row.districtCode, schoolYear: year,
          courseCodes: row.courseCodes.split(separator: " ").map(String.init), subjectCode: row.subjectCode,
          semesterUnits: row.semesterUnits, consentDate: row.consentDate.flatMap { CalendarDate(parsing: $0) },
          approvalDate: row.approvalDate.flatMap { CalendarDate(parsing: $0) },
          assignmentStartDate: row.assignmentStartDate.flatMap { CalendarDate(parsing: $0) }, note: row.note)
      }
  }
}
