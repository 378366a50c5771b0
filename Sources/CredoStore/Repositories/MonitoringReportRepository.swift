import CredoDomain
import Foundation
import SQLKit

/// One school's current findings of one status and exception type.
public struct SchoolFindingCount: Sendable, Hashable {
  public var cdsCode: String
  public var status: String
  /// Empty unless `status` is `exception`.
  public var exceptionType: String
  /// Rows of the outcomes file: one per exception, so a section with a course and an EL exception counts twice.
  public var findings: Int
}

/// What the findings counts of a year hold: per school, status and exception type; and the assignments per school.
public struct FindingCounts: Sendable {
  public var bySchool: [SchoolFindingCount]
  /// Distinct assignments (teacher-sections and non-classroom codes) with a current finding, per school.
  public var assignmentsBySchool: [String: Int]
}

/// One school's line of the Williams report, counted in assignments (a misassigned section counts once, whatever
/// number of exceptions it raised).
public struct WilliamsSchoolCounts: Sendable, Hashable {
  public var cdsCode: String
  /// Teacher-sections and non-classroom assignments monitored.
  public var assignments: Int
  /// Teacher-sections with an exception.
  public var misassignments: Int
  /// Teacher-sections with an English learner or bilingual exception (also in `misassignments`).
  public var englishLearnerMisassignments: Int
  /// Non-classroom (services) assignments with an exception.
  public var serviceMisassignments: Int
  /// Sections without a teacher of record (generic SEID).
  public var vacancies: Int
  /// Teachers with at least one misassigned section.
  public var teachersMisassigned: Int

  public init(
    cdsCode: String, assignments: Int = 0, misassignments: Int = 0, englishLearnerMisassignments: Int = 0,
    serviceMisassignments: Int = 0, vacancies: Int = 0, teachersMisassigned: Int = 0
  ) {
    self.cdsCode = cdsCode
    self.assignments = assignments
    self.misassignments = misassignments
    self.englishLearnerMisassignments = englishLearnerMisassignments
    self.serviceMisassignments = serviceMisassignments
    self.vacancies = vacancies
    self.teachersMisassigned = teachersMisassigned
  }
}

/// Teacher-sections of one teacher at one school, one course and one TAMO outcome; `sections` of them.
public struct TAMOSectionGroup: Sendable, Hashable {
  public var cdsCode: String
  public var seid: String
  public var stateCourseCode: String
  public var tamoOutcome: String
  public var sections: Int
}

/// What a run changed among the findings in a scope, for one status.
public struct RunChangeCount: Sendable, Hashable {
  public var status: String
  /// First found by the run and still current.
  public var added: Int
  /// Marked resolved by the run.
  public var resolved: Int
}

/// The queries behind the monitoring reports (issue 4): aggregates over `assignment_outcomes` computed in SQL, since
/// a state year holds about 2.5 million rows and the reports need a few thousand numbers.
public struct MonitoringReportRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  /// Academic years with at least one monitoring run, latest first.
  public func years() async throws -> [SchoolYear] {
    try await db.raw("SELECT DISTINCT academic_year FROM monitoring_runs").all()
      .compactMap { SchoolYear(parsing: try $0.decode(column: "academic_year", as: String.self)) }
      .sorted(by: >)
  }

  /// Scope on outcome rows: a county by the CDS code's first two digits, a district by the reporting LEA.
  static func scopeCondition(_ scope: AccessScope) -> SQLQueryString? {
    ScopeFilter.condition(scope, county: "substr(o.cds_code, 1, 2)", district: "o.reporting_lea", school: "o.cds_code")
  }

  static func conditions(
    year: SchoolYear, scope: AccessScope, district: String?, current: Bool = true
  ) -> SQLQueryString {
    var parts: [SQLQueryString] = ["o.academic_year = \(bind: year.description)"]
    if current { parts.append("o.resolved_run_id IS NULL") }
    if let scoped = scopeCondition(scope) { parts.append(scoped) }
    if let district, !district.isEmpty { parts.append("o.reporting_lea = \(bind: district)") }
    return parts.joined(separator: " AND ")
  }

  /// The findings the Williams report, the exceptions summary and the superintendent report count: current (not
  /// resolved by a later run), inside `scope`, optionally of one district (7-digit code).
  ///
  /// The CalSAAS determination enters the reports here and only here (the "workflow join"): each finding carries
  /// the monitoring authority's determination of its exception (`monitoring_exceptions.determination`, empty
  /// while undetermined or only proposed by the LEA). The Williams counts keep an exception as a misassignment
  /// while its determination is empty or `misassignment` (an exception left undetermined at cycle close becomes a
  /// misassignment, rule 72), count one determined `vacancy` as a vacancy, and drop the others (Appropriate
  /// Assignment, Core Setting, Local Assignment Option, CALPADS Error, …: not misassignments).
  static func countedFindings(year: SchoolYear, scope: AccessScope, district: String?) -> SQLQueryString {
    let query: [SQLQueryString] = [
      "SELECT o.cds_code, o.reporting_lea, o.seid, o.assignment_key, o.assignment_code, o.status, o.exception_type, ",
      "COALESCE(e.determination, '') AS determination FROM assignment_outcomes o ",
      "LEFT JOIN monitoring_exceptions e ON e.academic_year = o.academic_year AND e.outcome_key = o.outcome_key ",
      "WHERE ",
      conditions(year: year, scope: scope, district: district),
    ]
    return query.joined()
  }

  /// Current findings per school, status and exception type, and distinct assignments per school.
  public func findingCounts(year: SchoolYear, scope: AccessScope, district: String? = nil) async throws -> FindingCounts
  {
    let source = Self.countedFindings(year: year, scope: scope, district: district)
    let byStatus: [SQLQueryString] = [
      "SELECT f.cds_code, f.status, f.exception_type, COUNT(*) AS n FROM (", source,
      ") f GROUP BY f.cds_code, f.status, f.exception_type",
    ]
    let rows = try await db.raw(byStatus.joined()).all()
    var counts: [SchoolFindingCount] = []
    counts.reserveCapacity(rows.count)
    for row in rows {
      counts.append(
        SchoolFindingCount(
          cdsCode: try row.decode(column: "cds_code", as: String.self),
          status: try row.decode(column: "status", as: String.self),
          exceptionType: try row.decode(column: "exception_type", as: String.self),
          findings: try row.decode(column: "n", as: Int.self)))
    }
    var assignments: [String: Int] = [:]
    let distinct: [SQLQueryString] = [
      "SELECT f.cds_code, COUNT(DISTINCT f.assignment_key) AS n FROM (", source, ") f GROUP BY f.cds_code",
    ]
    for row in try await db.raw(distinct.joined()).all() {
      assignments[try row.decode(column: "cds_code", as: String.self)] = try row.decode(column: "n", as: Int.self)
    }
    return FindingCounts(bySchool: counts, assignmentsBySchool: assignments)
  }

  /// The Williams counts per school, in CDS order. A school appears when it has any current finding.
  public func williams(
    year: SchoolYear, scope: AccessScope, district: String? = nil
  ) async throws -> [WilliamsSchoolCounts] {
    // An exception counts as a misassignment until the monitoring authority determines otherwise.
    let misassigned: SQLQueryString = "f.status = 'exception' AND f.determination IN ('', 'misassignment')"
    let teaching: SQLQueryString = misassigned + " AND f.assignment_code = ''"
    let query: [SQLQueryString] = [
      "SELECT f.cds_code, COUNT(DISTINCT f.assignment_key) AS assignments, ",
      "COUNT(DISTINCT CASE WHEN ", teaching, " THEN f.assignment_key END) AS misassigned, ",
      "COUNT(DISTINCT CASE WHEN ", teaching,
      " AND f.exception_type IN ('english_learner', 'bilingual') THEN f.assignment_key END) AS el, ",
      "COUNT(DISTINCT CASE WHEN ", misassigned, " AND f.assignment_code <> '' THEN f.assignment_key END)",
      " AS services, ",
      "COUNT(DISTINCT CASE WHEN f.status = 'vacancy' OR (f.status = 'exception' AND f.determination = 'vacancy')",
      " THEN f.assignment_key END) AS vacancies, ",
      "COUNT(DISTINCT CASE WHEN ", teaching, " THEN f.seid END) AS teachers FROM (",
      Self.countedFindings(year: year, scope: scope, district: district),
      ") f GROUP BY f.cds_code ORDER BY f.cds_code",
    ]
    let rows = try await db.raw(query.joined()).all()
    return try rows.map { row in
      WilliamsSchoolCounts(
        cdsCode: try row.decode(column: "cds_code", as: String.self),
        assignments: try row.decode(column: "assignments", as: Int.self),
        misassignments: try row.decode(column: "misassigned", as: Int.self),
        englishLearnerMisassignments: try row.decode(column: "el", as: Int.self),
        serviceMisassignments: try row.decode(column: "services", as: Int.self),
        vacancies: try row.decode(column: "vacancies", as: Int.self),
        teachersMisassigned: try row.decode(column: "teachers", as: Int.self))
    }
  }

  /// Current teacher-sections grouped by school, teacher, course and TAMO outcome, school by school: what the TAMO
  /// aggregation needs, without moving one row per finding (a section with several exceptions is one section).
  /// TAMO reads the engine's outcome, not the workflow's determination, so it does not use `countedFindings`.
  public func tamoSections(year: SchoolYear, scope: AccessScope) async throws -> [TAMOSectionGroup] {
    let sink = TAMOSink()
    let query: [SQLQueryString] = [
      "SELECT o.cds_code, o.seid, o.state_course_code, o.tamo_outcome, COUNT(DISTINCT o.assignment_key) AS n ",
      "FROM assignment_outcomes o WHERE ", Self.conditions(year: year, scope: scope, district: nil),
      " AND o.assignment_code = '' GROUP BY o.cds_code, o.seid, o.state_course_code, o.tamo_outcome",
      " ORDER BY o.cds_code, o.seid, o.state_course_code, o.tamo_outcome",
    ]
    try await db.raw(query.joined()).run { row in
      guard let cds = try? row.decode(column: "cds_code", as: String.self),
        let seid = try? row.decode(column: "seid", as: String.self),
        let course = try? row.decode(column: "state_course_code", as: String.self),
        let outcome = try? row.decode(column: "tamo_outcome", as: String.self),
        let n = try? row.decode(column: "n", as: Int.self)
      else { return }
      sink.groups.append(
        TAMOSectionGroup(cdsCode: cds, seid: seid, stateCourseCode: course, tamoOutcome: outcome, sections: n))
    }
    return sink.groups
  }

  /// What run `runId` added and resolved in scope, per status.
  public func changes(year: SchoolYear, scope: AccessScope, runId: UUID) async throws -> [RunChangeCount] {
    var conditions: [SQLQueryString] = [
      "o.academic_year = \(bind: year.description)",
      "(o.first_run_id = \(bind: runId) OR o.resolved_run_id = \(bind: runId))",
    ]
    if let scoped = Self.scopeCondition(scope) { conditions.append(scoped) }
    let query: [SQLQueryString] = [
      "SELECT o.status, SUM(CASE WHEN o.first_run_id = \(bind: runId) AND o.resolved_run_id IS NULL THEN 1 ELSE 0 END)",
      " AS added, SUM(CASE WHEN o.resolved_run_id = \(bind: runId) THEN 1 ELSE 0 END) AS resolved ",
      "FROM assignment_outcomes o WHERE ", conditions.joined(separator: " AND "), " GROUP BY o.status",
    ]
    let rows = try await db.raw(query.joined()).all()
    return try rows.map { row in
      RunChangeCount(
        status: try row.decode(column: "status", as: String.self),
        added: try row.decode(column: "added", as: Int?.self) ?? 0,
        resolved: try row.decode(column: "resolved", as: Int?.self) ?? 0)
    }
  }
}

/// Collects rows from a driver callback, which runs one row at a time on the connection's event loop.
final class TAMOSink: @unchecked Sendable {
  var groups: [TAMOSectionGroup] = []
}
