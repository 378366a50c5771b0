import CredoDomain
import Foundation

/// Turns the fields of one CALPADS record into a `StaffDemographics`, `StaffAssignment` or `CourseSection`, and
/// back into Credo's own canonical field list (the order of `names`, independent of any file layout) for storage.
///
/// Reading checks what makes a record unreadable (a malformed LEA, school, SEID, year, date or number): such a file
/// is rejected whole. CALPADS data-quality problems in readable records (retired course codes, FTE totals, missing
/// subcategories …) are not checked here; they become data findings an analyst can fix or dismiss.
public enum CalpadsRecordFields {
  /// Credo's canonical field names per record type (also the stored order).
  public static let staffNames = [
    "reporting_lea", "academic_year", "seid", "local_staff_id", "first_name", "middle_name", "last_name",
    "birth_date", "gender_code", "highest_degree", "employment_status", "employment_start_date",
    "employment_end_date", "service_years_lea", "service_years_total",
  ]
  public static let assignmentNames = [
    "reporting_lea", "school_code", "academic_year", "seid", "local_staff_id", "first_name", "last_name", "job_class",
    "fte_percent", "assignment_1", "assignment_2", "assignment_3", "assignment_4", "assignment_5", "assignment_6",
    "assignment_7",
  ]
  public static let sectionNames = [
    "reporting_lea", "school_code", "academic_year", "state_course_code", "local_course_id", "course_name",
    "section_id", "academic_term", "seid", "local_staff_id", "class_id", "instructional_level", "education_service",
    "language_of_instruction", "instructional_strategy", "independent_study", "distance_learning", "multiple_teacher",
    "funding_source", "cte_provider", "subcategory", "grade_level_range", "content_standards_alignment",
    "charter_non_core", "ap_ib_cross_reference", "online_instruction_type", "middle_school_core",
    "local_assignment_option", "high_quality_cte",
  ]

  /// A field problem in one record: which field and why (the caller adds file and line).
  public struct FieldProblem: Sendable, Hashable {
    public var field: String
    public var reason: String
  }

  // MARK: Reading

  /// `value(name)` returns the trimmed text of a field ("" when absent).
  public static func staff(_ value: (String) -> String) -> Result<StaffDemographics, FieldProblem> {
    do {
      return .success(
        StaffDemographics(
          academicYear: try year(value), reportingLEA: try lea(value), seid: try seid(value),
          localStaffId: value("local_staff_id"), firstName: value("first_name"), middleName: value("middle_name"),
          lastName: value("last_name"), birthDate: try date(value, "birth_date"), genderCode: value("gender_code"),
          highestDegreeCode: value("highest_degree"), employmentStatusCode: value("employment_status"),
          employmentStartDate: try date(value, "employment_start_date"),
          employmentEndDate: try date(value, "employment_end_date"),
          serviceYearsLEA: try integer(value, "service_years_lea"),
          serviceYearsTotal: try integer(value, "service_years_total")))
    } catch let problem as FieldProblem {
      return .failure(problem)
    } catch {
      return .failure(FieldProblem(field: "record", reason: "\(error)"))
    }
  }

  public static func assignment(_ value: (String) -> String) -> Result<StaffAssignment, FieldProblem> {
    do {
      let fteText = value("fte_percent")
      guard let fte = Double(fteText), fte >= 0 else {
        throw FieldProblem(
          field: "fte_percent",
          reason: fteText.isEmpty
            ? "Job classification FTE percentage (8.14) is required; write e.g. 100 for full time."
            : "'\(fteText)' is not a percentage; write e.g. 100 for full time or 50 for half time.")
      }
      let codes = (1...7).map { value("assignment_\($0)") }.filter { !$0.isEmpty }
      let jobClass = value("job_class")
      guard !jobClass.isEmpty else {
        throw FieldProblem(field: "job_class", reason: "Job classification code (8.13) is required, e.g. 12 teacher.")
      }
      return .success(
        StaffAssignment(
          academicYear: try year(value), reportingLEA: try lea(value), schoolCode: try school(value),
          seid: try seid(value), localStaffId: value("local_staff_id"),
          firstName: value("first_name"), lastName: value("last_name"), jobClassificationCode: jobClass,
          ftePercent: fte, assignmentCodes: codes))
    } catch let problem as FieldProblem {
      return .failure(problem)
    } catch {
      return .failure(FieldProblem(field: "record", reason: "\(error)"))
    }
  }

  public static func section(_ value: (String) -> String) -> Result<CourseSection, FieldProblem> {
    do {
      let course = value("state_course_code")
      guard course.count == 4, course.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
        throw FieldProblem(
          field: "state_course_code",
          reason: "State course code (9.07) must be four digits (e.g. 9249), not '\(course)'.")
      }
      for required in ["local_course_id", "section_id"] where value(required).isEmpty {
        throw FieldProblem(field: required, reason: "\(required) is required to identify the section.")
      }
      let seidText = value("seid")
      let teacher = seidText.isEmpty ? "" : try seid(value)
      let core = value("middle_school_core").uppercased()
      return .success(
        CourseSection(
          academicYear: try year(value), reportingLEA: try lea(value), schoolCode: try school(value),
          stateCourseCode: course, localCourseId: value("local_course_id"), courseName: value("course_name"),
          sectionId: value("section_id"), academicTermCode: value("academic_term"), seid: teacher,
          localStaffId: value("local_staff_id"), classId: value("class_id"),
          instructionalLevelCode: value("instructional_level"), educationServiceCode: value("education_service"),
          languageOfInstructionCode: value("language_of_instruction"),
          instructionalStrategyCode: value("instructional_strategy"),
          independentStudy: flag(value("independent_study")), distanceLearning: flag(value("distance_learning")),
          multipleTeacherCode: value("multiple_teacher"), fundingSourceCode: value("funding_source"),
          cteProviderCode: value("cte_provider"), subcategoryCode: value("subcategory"),
          gradeLevelRangeCode: value("grade_level_range").uppercased(),
          contentStandardsAlignmentCode: value("content_standards_alignment"),
          charterNonCoreNonCollegePrep: flag(value("charter_non_core")),
          apIBCrossReference: value("ap_ib_cross_reference"),
          onlineInstructionTypeCode: value("online_instruction_type"),
          middleSchoolCore: core.isEmpty ? nil : core == "Y",
          localAssignmentOptionCode: value("local_assignment_option"), highQualityCTE: value("high_quality_cte")))
    } catch let problem as FieldProblem {
      return .failure(problem)
    } catch {
      return .failure(FieldProblem(field: "record", reason: "\(error)"))
    }
  }

  // MARK: Writing (Credo's canonical order, for storage)

  public static func fields(_ s: StaffDemographics) -> [String] {
    [
      s.reportingLEA, s.academicYear.description, s.seid, s.localStaffId, s.firstName, s.middleName, s.lastName,
      s.birthDate?.iso ?? "", s.genderCode, s.highestDegreeCode, s.employmentStatusCode,
      s.employmentStartDate?.iso ?? "", s.employmentEndDate?.iso ?? "", s.serviceYearsLEA.map(String.init) ?? "",
      s.serviceYearsTotal.map(String.init) ?? "",
    ]
  }

  public static func fields(_ a: StaffAssignment) -> [String] {
    [
      a.reportingLEA, a.schoolCode, a.academicYear.description, a.seid, a.localStaffId, a.firstName, a.lastName,
      a.jobClassificationCode, percent(a.ftePercent),
    ] + (0..<7).map { $0 < a.assignmentCodes.count ? a.assignmentCodes[$0] : "" }
  }

  public static func fields(_ c: CourseSection) -> [String] {
    [
      c.reportingLEA, c.schoolCode, c.academicYear.description, c.stateCourseCode, c.localCourseId, c.courseName,
      c.sectionId, c.academicTermCode, c.seid, c.localStaffId, c.classId, c.instructionalLevelCode,
      c.educationServiceCode, c.languageOfInstructionCode, c.instructionalStrategyCode, c.independentStudy ? "Y" : "N",
      c.distanceLearning ? "Y" : "N", c.multipleTeacherCode, c.fundingSourceCode, c.cteProviderCode, c.subcategoryCode,
      c.gradeLevelRangeCode, c.contentStandardsAlignmentCode, c.charterNonCoreNonCollegePrep ? "Y" : "N",
      c.apIBCrossReference, c.onlineInstructionTypeCode, c.middleSchoolCore.map { $0 ? "Y" : "N" } ?? "",
      c.localAssignmentOptionCode, c.highQualityCTE,
    ]
  }

  static let staffIndex = Dictionary(uniqueKeysWithValues: staffNames.enumerated().map { ($1, $0) })
  static let assignmentIndex = Dictionary(uniqueKeysWithValues: assignmentNames.enumerated().map { ($1, $0) })
  static let sectionIndex = Dictionary(uniqueKeysWithValues: sectionNames.enumerated().map { ($1, $0) })

  /// Reads records stored in canonical order (see `fields(_:)`); nil when one does not read back.
  public static func storedStaff(_ stored: [String]) -> StaffDemographics? {
    try? staff(reader(stored, staffIndex)).get()
  }

  public static func storedAssignment(_ stored: [String]) -> StaffAssignment? {
    try? assignment(reader(stored, assignmentIndex)).get()
  }

  public static func storedSection(_ stored: [String]) -> CourseSection? {
    try? section(reader(stored, sectionIndex)).get()
  }

  static func reader(_ stored: [String], _ index: [String: Int]) -> (String) -> String {
    { name in
      guard let i = index[name], i < stored.count else { return "" }
      return stored[i]
    }
  }

  // MARK: Field readers

  static func year(_ value: (String) -> String) throws -> SchoolYear {
    let text = value("academic_year")
    guard let year = SchoolYear(parsing: text) else {
      throw FieldProblem(field: "academic_year", reason: "Academic year ID must look like 2025-2026, not '\(text)'.")
    }
    return year
  }

  static func lea(_ value: (String) -> String) throws -> String {
    let text = value("reporting_lea")
    guard text.count == 7, isDigits(text) else {
      throw FieldProblem(
        field: "reporting_lea", reason: "Reporting LEA must be the 7-digit county-district code, not '\(text)'.")
    }
    return text
  }

  static func school(_ value: (String) -> String) throws -> String {
    let text = value("school_code")
    guard text.count == 7, isDigits(text) else {
      throw FieldProblem(field: "school_code", reason: "School code must be 7 digits, not '\(text)'.")
    }
    return text
  }

  /// Ten digits. A generic SEID in SDEM or SASS is a CALPADS data error (rule 59), reported as a data finding by
  /// `CalpadsDataChecks`, not a reason to reject the file.
  static func seid(_ value: (String) -> String) throws -> String {
    let text = value("seid")
    guard text.count == 10, isDigits(text) else {
      throw FieldProblem(field: "seid", reason: "SEID must be 10 digits, not '\(text)'.")
    }
    return text
  }

  static func date(_ value: (String) -> String, _ name: String) throws -> CalendarDate? {
    let text = value(name)
    if text.isEmpty { return nil }
    if text.count == 8, isDigits(text), let y = Int(text.prefix(4)), let m = Int(text.dropFirst(4).prefix(2)),
      let d = Int(text.suffix(2)), let date = CalendarDate(year: y, month: m, day: d)
    {
      return date
    }
    if let date = CalendarDate(parsing: text) { return date }
    throw FieldProblem(field: name, reason: "'\(text)' is not a date; write YYYYMMDD or YYYY-MM-DD.")
  }

  static func integer(_ value: (String) -> String, _ name: String) throws -> Int? {
    let text = value(name)
    if text.isEmpty { return nil }
    guard let number = Int(text), number >= 0 else {
      throw FieldProblem(field: name, reason: "'\(text)' is not a whole number of years.")
    }
    return number
  }

  static func flag(_ text: String) -> Bool { text.uppercased() == "Y" }

  static func isDigits(_ text: String) -> Bool { text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }

  static func percent(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}

extension CalpadsRecordFields.FieldProblem: Error {}
