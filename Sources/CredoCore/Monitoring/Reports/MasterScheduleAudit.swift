import CredoDomain
import CredoReference
import CredoStore
import Foundation

/// A teacher of record of a section, as CALPADS reported them.
public struct ScheduleTeacher: Sendable, Hashable {
  public var seid: String
  /// From the teacher's SDEM record; empty when there is none.
  public var name: String
  public var localStaffId: String
  /// The generic SEID: no permanent teacher (rule 34).
  public var isVacancy: Bool
}

/// One section of a school's master schedule with who teaches it, who sits in it and what monitoring decided.
public struct ScheduleSection: Sendable, Hashable {
  public var key: SectionKey
  public var stateCourseCode: String
  /// The state course's name in the catalog; empty when the code is not in it.
  public var courseName: String
  /// The SIS's own course name (CRSE 9.09).
  public var localCourseName: String
  public var classId: String
  /// CRSE 9.25: 1 team teaching, 2 job sharing.
  public var multipleTeacherCode: String
  /// CRSE 9.20: the EL service the section gives.
  public var educationServiceCode: String
  /// CRSE 9.22: 700 special education, 300 home and hospital.
  public var instructionalStrategyCode: String
  public var teachers: [ScheduleTeacher]
  /// Nil when no roster was imported for the section.
  public var roster: SectionRoster?
  /// The current findings of the section's teacher-sections, teacher by teacher.
  public var decisions: [StoredOutcome]

  /// The section's statuses, worst first (vacancy, exception, not monitored, authorized); empty when not monitored
  /// yet.
  public var statuses: [AssignmentStatus] {
    let order: [AssignmentStatus] = [.vacancy, .exception, .notMonitored, .authorized]
    let found = Set(decisions.compactMap { AssignmentStatus(rawValue: $0.status) })
    return order.filter(found.contains)
  }
}

public struct ScheduleAuditResult: Sendable {
  public var context: MonitoringReportContext
  public var school: ReportPlace
  /// In course, section and term order.
  public var sections: [ScheduleSection]
  /// Non-classroom assignments at the school and their findings.
  public var services: [StoredOutcome]
  /// Disability code → name, for the roster columns.
  public var disabilityNames: [String: String]
}

/// The master schedule audit of one school (domain guide §2.2, §4): every CALPADS course section with its course
/// code and catalog name, teachers of record, the students' grade levels, English learner count and special
/// education composition (primary disability codes), and what monitoring decided for each teacher-section, with
/// the rule and the explanation. Reads the school's CRSE records, its rosters, its current findings and its
/// teachers' SDEM names.
public struct MasterScheduleAudit: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func run(
    year: SchoolYear?, school cds: CDSCode, by viewer: Viewer, forExport: Bool = false
  ) async throws -> ScheduleAuditResult {
    let scope = try viewer.require(forExport ? .exportData : .viewRecords, "viewing monitoring reports")
    guard cds.kind == .school, scope.covers(OrganizationPlace(cds)) else {
      throw CoreError.notFound("School \(cds.digits)")
    }
    let context = try await MonitoringReportContext.load(services, year: year)
    let db = services.database.sql
    let calpads = CalpadsRepository(db)
    let lea = cds.districtCode.digits
    let schoolCode = String(cds.digits.suffix(7))
    let records = try await calpads.sections(year: context.year, reportingLEA: lea, schoolCode: schoolCode)
    let rosters = try await calpads.rosters(year: context.year, schoolCode: schoolCode)
    let findings = try await MonitoringRepository(db).outcomes(
      year: context.year, filter: OutcomeFilter(cdsPrefix: cds.digits))
    let seids = Set(records.map(\.seid) + findings.map(\.seid)).filter {
      !$0.isEmpty && $0 != SEID.vacancyPlaceholder
    }
    var names: [String: String] = [:]
    for staff in try await calpads.staff(year: context.year, seids: seids.sorted()) where staff.reportingLEA == lea {
      names[staff.seid] = [staff.firstName, staff.lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }
    let catalog = try await Catalog(services).current()
    let places = try await ReportPlaces.load([cds.digits], services: services)
    guard !records.isEmpty || !findings.isEmpty || places.organizations[cds.digits] != nil else {
      throw CoreError.notFound("School \(cds.digits)")
    }

    // One section has one CRSE record per teacher of record; findings are per teacher-section.
    var decisionsBySection: [SectionKey: [StoredOutcome]] = [:]
    var serviceFindings: [StoredOutcome] = []
    for finding in findings {
      if !finding.assignmentCode.isEmpty {
        serviceFindings.append(finding)
        continue
      }
      let key = SectionKey(
        schoolCode: schoolCode, localCourseId: finding.localCourseId, sectionId: finding.sectionId,
        academicTerm: finding.academicTerm)
      decisionsBySection[key, default: []].append(finding)
    }
    var sections: [SectionKey: ScheduleSection] = [:]
    for record in records {
      let teacher = ScheduleTeacher(
        seid: record.seid, name: names[record.seid] ?? "", localStaffId: record.localStaffId,
        isVacancy: record.isVacant)
      if sections[record.key] != nil {
        sections[record.key]?.teachers.append(teacher)
        continue
      }
      sections[record.key] = ScheduleSection(
        key: record.key, stateCourseCode: record.stateCourseCode,
        courseName: catalog.course(record.stateCourseCode)?.name ?? "", localCourseName: record.courseName,
        classId: record.classId, multipleTeacherCode: record.multipleTeacherCode,
        educationServiceCode: record.educationServiceCode, instructionalStrategyCode: record.instructionalStrategyCode,
        teachers: [teacher], roster: rosters[record.key], decisions: decisionsBySection[record.key] ?? [])
    }
    return ScheduleAuditResult(
      context: context, school: places.place(cds.digits, level: .school),
      sections: sections.values.sorted { $0.key < $1.key }, services: serviceFindings,
      disabilityNames: MonitoringReference.standard.disabilityNames)
  }

  public static let csvHeader = [
    "academic_year", "cds_code", "school", "local_course_id", "section_id", "academic_term", "state_course_code",
    "course_name", "local_course_name", "class_id", "seid", "teacher", "students", "grades", "english_learners",
    "disabilities", "education_service_code", "status", "exception_type", "detail", "rule", "basis", "tamo_outcome",
    "explanation",
  ]

  /// One row per teacher-section finding; a section without findings (not monitored yet) gets one row per teacher
  /// with the decision columns empty. Grades and disabilities are `code:count` pairs separated by spaces.
  public static func csv(_ result: ScheduleAuditResult) -> String { csv([result]) }

  /// Several schools in one file, one header.
  public static func csv(_ results: [ScheduleAuditResult]) -> String {
    var writer = CSVWriter(header: csvHeader)
    for result in results { append(result, to: &writer) }
    return writer.text
  }

  static func append(_ result: ScheduleAuditResult, to writer: inout CSVWriter) {
    for section in result.sections {
      let roster = section.roster
      let head = [
        result.context.year.description, result.school.cdsCode, result.school.name, section.key.localCourseId,
        section.key.sectionId, section.key.academicTerm, section.stateCourseCode, section.courseName,
        section.localCourseName, section.classId,
      ]
      let rosterColumns = [
        roster.map { String($0.studentCount) } ?? "", roster.map(gradeList) ?? "",
        roster.map { String($0.englishLearners) } ?? "", roster.map(disabilityList) ?? "",
        section.educationServiceCode,
      ]
      for teacher in section.teachers {
        let mine = section.decisions.filter { $0.seid == teacher.seid }
        let who = [teacher.seid, teacher.isVacancy ? "Vacancy" : teacher.name]
        if mine.isEmpty {
          writer.append(head + who + rosterColumns + ["", "", "", "", "", "", ""])
        }
        for d in mine {
          writer.append(
            head + who + rosterColumns
              + [d.status, d.exceptionType, d.detail, d.rule, d.basis, d.tamoOutcome, d.explanation])
        }
      }
    }
  }

  /// `9:12 10:3`, lowest grade first.
  public static func gradeList(_ roster: SectionRoster) -> String {
    roster.grades.sorted { $0.key < $1.key }.map { "\($0.key.code):\($0.value)" }.joined(separator: " ")
  }

  /// `290:2 320:1`, by code.
  public static func disabilityList(_ roster: SectionRoster) -> String {
    roster.disabilities.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
  }
}
