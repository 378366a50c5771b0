import CredoDomain
import CredoReference
import CredoStore
import Foundation

/// What a monitoring run did and what it found.
public struct MonitorResult: Sendable {
  public var run: MonitoringRun
  /// The current findings of the run's scope, in the outcomes file's order.
  public var outcomes: [StoredOutcome]
}

/// `credo monitor --year Y [--as-of D]`: evaluates every teacher-section (CRSE) and every non-classroom assignment
/// (SASS codes) of the year against the educators' documents valid on the census date (first Wednesday of
/// October, domain rule 70) or the date asked for, with the `AssignmentEngine`; stores the findings; and says what
/// is new, changed and resolved since the last run. Re-running with nothing changed writes nothing but the run
/// record. Given SEIDs, only those educators' assignments are re-evaluated (after one credential or schedule
/// change), and only their findings are touched.
///
/// A district analyst's run covers the reporting LEAs of their scope; the county office's covers the county.
public struct Monitor: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func run(
    year: SchoolYear, asOf requested: CalendarDate? = nil, seids: [String]? = nil, by viewer: Viewer
  ) async throws -> MonitorResult {
    let scope = try viewer.require(.importData, "running assignment monitoring")
    let started = services.now
    let asOf = requested ?? MonitoringCycle.censusDate(for: year)
    let db = services.database.sql
    let catalog = try await Catalog(services).current()
    let calpads = CalpadsRepository(db)
    let monitoring = MonitoringRepository(db)

    // What to evaluate.
    var sections = try await calpads.sections(year: year, seids: seids)
    var assignments = try await calpads.assignments(year: year, seids: seids)
    let covered = scope.covers(reportingLEA:)
    if !scope.isUnlimited {
      sections.removeAll { !covered($0.reportingLEA) }
      assignments.removeAll { !covered($0.reportingLEA) }
    }
    // Co-teachers are other records of the same class, whoever they are: load the schools' sections when only
    // some SEIDs are re-evaluated.
    let classmates: [CourseSection]
    if seids != nil {
      classmates = try await calpads.sections(year: year, schoolCodes: Array(Set(sections.map(\.schoolCode))).sorted())
    } else {
      classmates = sections
    }
    let rosters = try await calpads.rosters(year: year)
    let approvals = Dictionary(grouping: try await monitoring.approvals(year: year), by: \.seid)
    let staff = Dictionary(
      (try await calpads.staff(year: year, seids: seids)).map { ($0.seid, $0) }, uniquingKeysWith: { a, _ in a })

    // The teachers: every SEID named, with their current documents.
    let named = Set(classmates.map(\.seid) + assignments.map(\.seid)).filter {
      !$0.isEmpty && $0 != SEID.vacancyPlaceholder
    }
    let ids = try await EducatorRepository(db).ids(seids: named.compactMap { SEID($0) })
    let documents = try await CredentialRepository(db).current(educatorIds: Array(ids.values))
    var profiles: [String: TeacherProfile] = [:]
    for (seid, id) in ids {
      profiles[seid.digits] = TeacherProfile(
        seid: seid.digits, documents: documents[id] ?? [], approvals: approvals[seid.digits] ?? [],
        demographics: staff[seid.digits])
    }

    // The schools.
    var schools: [String: SchoolSetting] = [:]
    for organization in try await OrganizationRepository(db).all() where organization.kind == .school {
      schools[organization.cdsCode.digits] = SchoolSetting(organization)
    }
    func school(_ cds: String) -> SchoolSetting { schools[cds] ?? SchoolSetting(cdsCode: cds) }

    // Classroom FTE per teacher and school (`TAMOClassroomFTE`), shared equally among the teacher's sections there
    // (TAMO working assumption, domain guide §3.3).
    let classroomFTE = TAMOClassroomFTE.byTeacherAtSchool(assignments)
    var sectionCounts: [TeacherAtSchool: Int] = [:]
    for section in sections {
      sectionCounts[TeacherAtSchool(cdsCode: section.cdsCode, seid: section.seid), default: 0] += 1
    }

    let byTeacher = Dictionary(grouping: sections, by: \.seid)
    var byClass: [String: [CourseSection]] = [:]
    for section in classmates where !section.classId.isEmpty {
      byClass[section.cdsCode + "|" + section.classId, default: []].append(section)
    }

    let engine = AssignmentEngine(catalog: catalog)
    let runId = UUID()
    let yearText = year.description
    var outcomes: [StoredOutcome] = []
    outcomes.reserveCapacity(sections.count + assignments.count)
    var counts: [AssignmentStatus: Int] = [:]
    for section in sections {
      let teacher = profiles[section.seid]
      let others = (byTeacher[section.seid] ?? []).filter { $0.key != section.key }
      var coTeachers: [SectionAssignment.CoTeacher] = []
      if !section.classId.isEmpty, let group = byClass[section.cdsCode + "|" + section.classId] {
        for other in group where other.seid != section.seid {
          coTeachers.append(.init(section: other, teacher: profiles[other.seid]))
        }
      }
      let decision = engine.decide(
        SectionAssignment(
          section: section, roster: rosters[section.key], coTeachers: coTeachers, otherSections: others,
          school: school(section.cdsCode), teacher: teacher), asOf: asOf)
      counts[decision.status, default: 0] += 1
      let teacherAtSchool = TeacherAtSchool(cdsCode: section.cdsCode, seid: section.seid)
      let share =
        section.isVacant
        ? 0 : (classroomFTE[teacherAtSchool] ?? 0) / Double(max(1, sectionCounts[teacherAtSchool] ?? 1))
      let assignmentKey = [
        "S", section.cdsCode, section.seid, section.localCourseId, section.sectionId, section.academicTermCode,
      ].joined(separator: "|")
      for finding in decision.findings {
        outcomes.append(
          Self.stored(
            finding, decision: decision, year: yearText, assignmentKey: assignmentKey, cds: section.cdsCode,
            lea: section.reportingLEA, seid: section.seid, localStaffId: section.localStaffId,
            localCourseId: section.localCourseId, sectionId: section.sectionId, term: section.academicTermCode,
            course: section.stateCourseCode, code: "", fte: share, runId: runId))
      }
    }
    for record in assignments {
      for code in record.assignmentCodes {
        let decision = engine.decide(
          ServiceAssignment(
            record: record, assignmentCode: code, school: school(record.cdsCode), teacher: profiles[record.seid]),
          asOf: asOf)
        counts[decision.status, default: 0] += 1
        let assignmentKey = ["N", record.cdsCode, record.seid, record.jobClassificationCode, code].joined(
          separator: "|")
        for finding in decision.findings {
          outcomes.append(
            Self.stored(
              finding, decision: decision, year: yearText, assignmentKey: assignmentKey, cds: record.cdsCode,
              lea: record.reportingLEA, seid: record.seid, localStaffId: record.localStaffId, localCourseId: "",
              sectionId: "", term: "", course: "", code: code, fte: 0, runId: runId))
        }
      }
    }

    // Compare with what is on file.
    var onFile = try await monitoring.fingerprints(year: year, seids: seids)
    if !scope.isUnlimited { onFile = onFile.filter { covered($0.value.reportingLea) } }
    var upserts: [StoredOutcome] = []
    var newCount = 0
    var changedCount = 0
    var seen: Set<String> = []
    for var outcome in outcomes {
      guard seen.insert(outcome.outcomeKey).inserted else { continue }
      if let existing = onFile[outcome.outcomeKey], !existing.resolved {
        if existing.fingerprint == outcome.fingerprint { continue }
        outcome.firstRunId = existing.firstRunId
        changedCount += 1
      } else {
        newCount += 1
      }
      upserts.append(outcome)
    }
    let resolved = onFile.filter { !$0.value.resolved && !seen.contains($0.key) }.map(\.key).sorted()
    let now = services.now
    let run = MonitoringRun(
      id: runId, academicYear: yearText, asOf: asOf.iso,
      scope: seids.map { $0.sorted().joined(separator: " ") } ?? "all",
      catalogVersion: catalog.versionStamp, actorName: viewer.actor.name, startedAt: started, finishedAt: now,
      evaluated: counts.values.reduce(0, +), authorized: counts[.authorized] ?? 0, exceptions: counts[.exception] ?? 0,
      vacancies: counts[.vacancy] ?? 0, notMonitored: counts[.notMonitored] ?? 0, newFindings: newCount,
      changedFindings: changedCount, resolvedFindings: resolved.count)
    let toWrite = upserts
    try await services.database.transaction { db in
      let repository = MonitoringRepository(db)
      try await repository.apply(year: year, upserts: toWrite, resolvedKeys: resolved, runId: runId)
      try await repository.insert(run)
    }
    let current = outcomes.sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
    return MonitorResult(run: run, outcomes: current)
  }

  static func stored(
    _ finding: AssignmentFinding, decision: AssignmentDecision, year: String, assignmentKey: String, cds: String,
    lea: String, seid: String, localStaffId: String, localCourseId: String, sectionId: String, term: String,
    course: String, code: String, fte: Double, runId: UUID
  ) -> StoredOutcome {
    let kind = finding.exceptionType?.rawValue ?? finding.status.rawValue
    return StoredOutcome(
      academicYear: year, outcomeKey: assignmentKey + "|" + kind + "|" + finding.detail, assignmentKey: assignmentKey,
      cdsCode: cds, reportingLea: lea, seid: seid, localStaffId: localStaffId, localCourseId: localCourseId,
      sectionId: sectionId, academicTerm: term, stateCourseCode: course, assignmentCode: code,
      status: finding.status.rawValue, exceptionType: finding.exceptionType?.rawValue ?? "", detail: finding.detail,
      basis: finding.basis, rule: finding.rule, citation: finding.citation, tamoOutcome: decision.tamoOutcome.rawValue,
      explanation: finding.explanation, fte: (fte * 10_000).rounded() / 10_000, firstRunId: runId, lastRunId: runId)
  }

}

extension StoredOutcome {
  /// The outcomes file's order: school, teacher, course, section, term, non-classroom code.
  var sortKey: [String] {
    [cdsCode, seid, localCourseId, sectionId, academicTerm, assignmentCode, outcomeKey]
  }
}

/// The outcomes file (interchange spec §4), one row per finding, with its header.
public enum OutcomesFile {
  public static let header = [
    "academic_year", "cds_code", "seid", "local_staff_id", "local_course_id", "section_id", "academic_term",
    "state_course_code", "assignment_code", "status", "exception_type", "detail", "basis", "rule", "tamo_outcome",
    "explanation",
  ]

  public static func csv(_ outcomes: [StoredOutcome]) -> String {
    var writer = CSVWriter(header: header)
    for o in outcomes {
      writer.append([
        o.academicYear, o.cdsCode, o.seid, o.localStaffId, o.localCourseId, o.sectionId, o.academicTerm,
        o.stateCourseCode, o.assignmentCode, o.status, o.exceptionType, o.detail, o.basis, o.rule, o.tamoOutcome,
        o.explanation,
      ])
    }
    return writer.text
  }
}
