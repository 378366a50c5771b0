import Foundation

/// What the CALPADS data checks report: one problem in one record, with what to do about it.

/// How sure a check is that the data is wrong. `error`: CALPADS rejects it or the Data Guide forbids it; fix it
/// before monitoring. `warning`: probably wrong, or harmless to CALPADS but it distorts monitoring; look at it.
public enum DataFindingSeverity: String, Sendable, Codable, CaseIterable, Comparable {
  case error
  case warning

  public static func < (a: DataFindingSeverity, b: DataFindingSeverity) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// The file a record came from.
public enum CalpadsRecordType: String, Sendable, Codable, CaseIterable {
  case sdem = "SDEM"
  case sass = "SASS"
  case crse = "CRSE"
  /// `section-students.csv` (interchange spec §2).
  case sectionStudents = "section-students"
}

/// Which record a finding is about, as an analyst looks it up: file, LEA, SEID, school and section.
public struct DataRecordReference: Sendable, Hashable, Codable, CustomStringConvertible {
  public var recordType: CalpadsRecordType
  public var reportingLEA: String
  public var seid: String
  /// 7-digit school code; empty for SDEM and for per-person findings.
  public var schoolCode: String
  public var section: SectionKey?

  public init(
    recordType: CalpadsRecordType, reportingLEA: String, seid: String, schoolCode: String = "",
    section: SectionKey? = nil
  ) {
    self.recordType = recordType
    self.reportingLEA = reportingLEA
    self.seid = seid
    self.schoolCode = schoolCode
    self.section = section
  }

  public var description: String {
    var parts = ["\(recordType.rawValue) LEA \(reportingLEA)", "SEID \(seid)"]
    if let section {
      parts.append("section \(section)")
    } else if !schoolCode.isEmpty {
      parts.append("school \(schoolCode)")
    }
    return parts.joined(separator: ", ")
  }
}

/// Every data check, by stable code, with its severity and source. The domain guide's rule numbers are in
/// `citation`; `docs/rules/monitoring-workflow.md` has the same table.
public enum DataCheck: String, Sendable, Codable, CaseIterable {
  case sassFTETotalOutOfRange = "sass.fte_total_out_of_range"
  case sassLeaveWithOtherAssignment = "sass.leave_with_other_assignment"
  case sdemGenericSEID = "sdem.generic_seid"
  case sassGenericSEID = "sass.generic_seid"
  case crseMiddleSchoolCoreMissing = "crse.middle_school_core_missing"
  case crseSubcategoryMissing = "crse.subcategory_missing"
  case crseSubcategoryInvalid = "crse.subcategory_invalid"
  case crseCourseCodeUnknown = "crse.course_code_unknown"
  case crseCourseCodeNotInUse = "crse.course_code_not_in_use"
  case crseLanguageOfInstructionMissing = "crse.language_of_instruction_missing"
  case crseCTEProviderMissing = "crse.cte_provider_missing"
  case crseHighQualityCTEMissing = "crse.high_quality_cte_missing"
  case sdemServiceYearsZero = "sdem.service_years_zero"
  case sassTeacherAndItinerantSameSchool = "sass.teacher_and_itinerant_same_school"
  case crseELServiceMissing = "crse.el_service_missing"
  case crseTeacherWithoutSDEM = "crse.teacher_without_sdem"
  case crseTeacherWithoutTeachingAssignment = "crse.teacher_without_teaching_assignment"
  case crseGradeRangeInvalid = "crse.grade_range_invalid"
  case sassAssignmentCodeUnknown = "sass.assignment_code_unknown"
  case sassAssignmentCodeNotInUse = "sass.assignment_code_not_in_use"
  case sassAssignmentNotValidForJobClass = "sass.assignment_not_valid_for_job_class"

  public var severity: DataFindingSeverity {
    switch self {
    // CALPADS rejecting these is UNCONFIRMED (rule 65), or the record is legal but monitoring loses FTE.
    case .sdemServiceYearsZero, .crseTeacherWithoutTeachingAssignment: .warning
    default: .error
    }
  }

  /// The CALPADS field(s), the source and the domain guide rule number.
  public var citation: String {
    switch self {
    case .sassFTETotalOutOfRange: "SASS 8.14; CALPADS Data Guide [C10]; domain rule 57"
    case .sassLeaveWithOtherAssignment: "SASS 8.15-8.21 code 6018; CALPADS Data Guide [C10]; domain rule 58"
    case .sdemGenericSEID: "SDEM 7.08; CALPADS Data Guide [C10]; domain rule 59"
    case .sassGenericSEID: "SASS 8.07; CALPADS Data Guide [C10]; domain rule 59"
    case .crseMiddleSchoolCoreMissing: "CRSE 9.29, 9.34; CALPADS Data Guide [C10]; domain rule 60"
    case .crseSubcategoryMissing, .crseSubcategoryInvalid:
      "CRSE 9.28; CALPADS Data Guide [C10], Valid Code Combinations CrsGrpSt-ContentSbctgy [C11]; domain rule 61"
    case .crseCourseCodeUnknown, .crseCourseCodeNotInUse:
      "CRSE 9.07; CALPADS Valid Code Combinations, Course Group Master Combos [C11]; domain rule 62"
    case .crseLanguageOfInstructionMissing: "CRSE 9.20, 9.21; CALPADS Data Guide [C10]; domain rule 63"
    case .crseCTEProviderMissing: "CRSE 9.07, 9.27; CALPADS Data Guide [C10]; domain rule 64"
    case .crseHighQualityCTEMissing: "CRSE 9.07, 9.36; CALPADS Data Guide [C10]; domain rule 64"
    case .sdemServiceYearsZero: "SDEM 7.30, 7.31; CALPADS Data Guide [C10]; domain rule 65 (rejection UNCONFIRMED)"
    case .sassTeacherAndItinerantSameSchool: "SASS 8.13; CALPADS Data Guide [C10]; domain rule 66"
    case .crseELServiceMissing: "CRSE 9.20, section-students el_status; CALPADS Data Guide [C10]; domain rule 33"
    case .crseTeacherWithoutSDEM: "CRSE 9.16, SDEM 7.08; CALPADS Data Guide [C10]; domain rule 59"
    case .crseTeacherWithoutTeachingAssignment:
      "CRSE 9.16, SASS 8.13-8.14; domain guide §3.3 (TAMO FTE comes from SASS) [C10][C15]"
    case .crseGradeRangeInvalid:
      "CRSE 9.29; CALPADS Valid Code Combinations CrsGrpSt-StndsGrdLvlRange [C11]; domain guide §4.4"
    case .sassAssignmentCodeUnknown, .sassAssignmentCodeNotInUse:
      "SASS 8.15-8.21; CALPADS Valid Code Combinations NonClassSuppAsgn [C11]; domain guide §4.6"
    case .sassAssignmentNotValidForJobClass:
      "SASS 8.13, 8.15-8.21; CALPADS Valid Code Combinations NonClassSuppAsgn - JobClass [C11]; domain guide §4.3"
    }
  }
}

/// One problem found in the imported CALPADS records.
public struct DataFinding: Sendable, Hashable, Codable, CustomStringConvertible {
  public var check: DataCheck
  public var record: DataRecordReference
  /// What is wrong and what to do, in an analyst's words.
  public var message: String

  public init(check: DataCheck, record: DataRecordReference, message: String) {
    self.check = check
    self.record = record
    self.message = message
  }

  /// The stable code, e.g. `sass.fte_total_out_of_range`.
  public var code: String { check.rawValue }
  public var severity: DataFindingSeverity { check.severity }
  public var citation: String { check.citation }

  public var description: String { "\(severity.rawValue) \(code) (\(record)): \(message)" }
}
