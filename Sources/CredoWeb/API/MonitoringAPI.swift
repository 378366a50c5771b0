import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Vapor

/// The monitoring reports as JSON under `/api/v1/monitoring`: the same use cases, filters and scope as the pages.
enum MonitoringAPI {
  struct WilliamsCountsDTO: Content {
    var assignments: Int
    var misassignments: Int
    var el_misassignments: Int
    var service_misassignments: Int
    var vacancies: Int
    var teachers_misassigned: Int

    init(_ c: WilliamsSchoolCounts) {
      assignments = c.assignments
      misassignments = c.misassignments
      el_misassignments = c.englishLearnerMisassignments
      service_misassignments = c.serviceMisassignments
      vacancies = c.vacancies
      teachers_misassigned = c.teachersMisassigned
    }
  }

  struct WilliamsLineDTO: Content {
    var cds_code: String
    var county: String
    var district: String
    var school: String
    var counts: WilliamsCountsDTO
  }

  struct WilliamsDTO: Content {
    var academic_year: String
    var as_of: String?
    var totals: WilliamsCountsDTO
    var schools: [WilliamsLineDTO]
  }

  struct CountsDTO: Content {
    var assignments: Int
    var by_status: [String: Int]
    var by_exception_type: [String: Int]

    init(_ c: ExceptionCounts) {
      assignments = c.assignments
      by_status = Dictionary(uniqueKeysWithValues: AssignmentStatus.allCases.map { ($0.rawValue, c.findings($0)) })
      by_exception_type = Dictionary(
        uniqueKeysWithValues: ExceptionType.allCases.map { ($0.rawValue, c.exceptions($0)) })
    }
  }

  struct ExceptionsLineDTO: Content {
    var cds_code: String
    var name: String
    var county: String
    var district: String
    var counts: CountsDTO
  }

  struct ExceptionsDTO: Content {
    var academic_year: String
    var as_of: String?
    var level: String
    var totals: CountsDTO
    var lines: [ExceptionsLineDTO]
  }

  struct TeacherDTO: Content {
    var seid: String
    var name: String
    var local_staff_id: String
    var vacancy: Bool
  }

  struct DecisionDTO: Content {
    var seid: String
    var status: String
    var exception_type: String
    var detail: String
    var rule: String
    var citation: String
    var basis: String
    var tamo_outcome: String
    var explanation: String

    init(_ o: StoredOutcome) {
      seid = o.seid
      status = o.status
      exception_type = o.exceptionType
      detail = o.detail
      rule = o.rule
      citation = o.citation
      basis = o.basis
      tamo_outcome = o.tamoOutcome
      explanation = o.explanation
    }
  }

  struct SectionDTO: Content {
    var local_course_id: String
    var section_id: String
    var academic_term: String
    var state_course_code: String
    var course_name: String
    var local_course_name: String
    var class_id: String
    var education_service_code: String
    var teachers: [TeacherDTO]
    var students: Int?
    var grades: [String: Int]
    var english_learners: Int?
    var disabilities: [String: Int]
    var decisions: [DecisionDTO]
  }

  struct ScheduleDTO: Content {
    var academic_year: String
    var as_of: String?
    var cds_code: String
    var school: String
    var district: String
    var sections: [SectionDTO]
  }

  static func williams(_ req: Request) async throws -> WilliamsDTO {
    let query = try MonitoringPages.ReportQuery(req)
    let result = try await WilliamsReport(req.services).run(
      year: query.year, district: query.district, by: try req.viewer)
    return WilliamsDTO(
      academic_year: result.context.year.description, as_of: result.context.latestRun?.asOf,
      totals: WilliamsCountsDTO(result.totals),
      schools: result.lines.filter { query.matches($0.place) }.map {
        WilliamsLineDTO(
          cds_code: $0.place.cdsCode, county: $0.place.countyName, district: $0.place.districtName,
          school: $0.place.name, counts: WilliamsCountsDTO($0.counts))
      })
  }

  static func exceptions(_ req: Request) async throws -> ExceptionsDTO {
    let query = try MonitoringPages.ReportQuery(req)
    guard let level = ReportLevel(rawValue: req.queryText("level") ?? "school") else {
      throw CoreError.invalid([FieldProblem(field: "level", message: "Use school, district or county.")])
    }
    let result = try await ExceptionsSummary(req.services).run(
      year: query.year, level: level, district: query.district, by: try req.viewer)
    return ExceptionsDTO(
      academic_year: result.context.year.description, as_of: result.context.latestRun?.asOf, level: level.rawValue,
      totals: CountsDTO(result.totals),
      lines: result.lines.filter { query.matches($0.place) }.map {
        ExceptionsLineDTO(
          cds_code: $0.place.cdsCode, name: $0.place.name, county: $0.place.countyName,
          district: $0.place.districtName, counts: CountsDTO($0.counts))
      })
  }

  static func schedule(_ req: Request) async throws -> ScheduleDTO {
    guard let cds = req.parameters.get("cds").flatMap(CDSCode.init) else {
      throw Abort(.notFound, reason: "A school CDS code is 14 digits.")
    }
    let query = try MonitoringPages.ReportQuery(req)
    let result = try await MasterScheduleAudit(req.services).run(year: query.year, school: cds, by: try req.viewer)
    return ScheduleDTO(
      academic_year: result.context.year.description, as_of: result.context.latestRun?.asOf,
      cds_code: result.school.cdsCode, school: result.school.name, district: result.school.districtName,
      sections: result.sections.map { s in
        SectionDTO(
          local_course_id: s.key.localCourseId, section_id: s.key.sectionId, academic_term: s.key.academicTerm,
          state_course_code: s.stateCourseCode, course_name: s.courseName, local_course_name: s.localCourseName,
          class_id: s.classId, education_service_code: s.educationServiceCode,
          teachers: s.teachers.map {
            TeacherDTO(seid: $0.seid, name: $0.name, local_staff_id: $0.localStaffId, vacancy: $0.isVacancy)
          }, students: s.roster?.studentCount,
          grades: Dictionary(
            (s.roster?.grades ?? [:]).map { ($0.key.code, $0.value) }, uniquingKeysWith: +),
          english_learners: s.roster?.englishLearners, disabilities: s.roster?.disabilities ?? [:],
          decisions: s.decisions.map(DecisionDTO.init))
      })
  }
}
