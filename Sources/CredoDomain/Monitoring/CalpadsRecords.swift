import Foundation

/// The CALPADS Fall 2 staff and course records assignment monitoring reads (domain guide §4; interchange spec §1),
/// and the section rosters an SIS exports (interchange spec §2). Codes stay as the files write them (strings), so a
/// code CALPADS adds later is carried, not lost; the engine and the data checks decide what a code means.

/// SDEM, staff demographics (CALPADS Data Guide fields 7.01–7.31).
public struct StaffDemographics: Sendable, Hashable, Codable {
  public var academicYear: SchoolYear
  /// 7-digit county-district code of the reporting LEA (7.06).
  public var reportingLEA: String
  public var seid: String
  public var localStaffId: String
  public var firstName: String
  public var middleName: String
  public var lastName: String
  public var birthDate: CalendarDate?
  public var genderCode: String
  /// 7.26, ranked 0 (none) … 7 (doctorate/special).
  public var highestDegreeCode: String
  /// 7.27, required for job classes 12, 26 and 27.
  public var employmentStatusCode: String
  public var employmentStartDate: CalendarDate?
  public var employmentEndDate: CalendarDate?
  /// 7.30; CALPADS reports less than one year as 1.
  public var serviceYearsLEA: Int?
  /// 7.31; two or fewer years makes a teacher "inexperienced" for ESSA (domain rules 65, 83).
  public var serviceYearsTotal: Int?

  public init(
    academicYear: SchoolYear, reportingLEA: String, seid: String, localStaffId: String = "", firstName: String = "",
    middleName: String = "", lastName: String = "", birthDate: CalendarDate? = nil, genderCode: String = "",
    highestDegreeCode: String = "", employmentStatusCode: String = "", employmentStartDate: CalendarDate? = nil,
    employmentEndDate: CalendarDate? = nil, serviceYearsLEA: Int? = nil, serviceYearsTotal: Int? = nil
  ) {
    self.academicYear = academicYear
    self.reportingLEA = reportingLEA
    self.seid = seid
    self.localStaffId = localStaffId
    self.firstName = firstName
    self.middleName = middleName
    self.lastName = lastName
    self.birthDate = birthDate
    self.genderCode = genderCode
    self.highestDegreeCode = highestDegreeCode
    self.employmentStatusCode = employmentStatusCode
    self.employmentStartDate = employmentStartDate
    self.employmentEndDate = employmentEndDate
    self.serviceYearsLEA = serviceYearsLEA
    self.serviceYearsTotal = serviceYearsTotal
  }
}

/// SASS, staff assignment: one record per job classification per school (fields 8.01–8.21).
public struct StaffAssignment: Sendable, Hashable, Codable {
  public var academicYear: SchoolYear
  public var reportingLEA: String
  /// 8.05: the 7-digit school code; district-office staff carry the district code's last 7 digits or `0000000`.
  public var schoolCode: String
  public var seid: String
  public var localStaffId: String
  public var firstName: String
  public var lastName: String
  /// 8.13: 10 administrator, 11 pupil services, 12 teacher, 25 non-certificated administrator, 26 charter
  /// non-certificated teacher, 27 itinerant/pull-out/push-in teacher.
  public var jobClassificationCode: String
  /// 8.14: percent of full time in this class at this school (`50` = half time).
  public var ftePercent: Double
  /// 8.15–8.21: non-classroom based job assignment codes (e.g. 0202 psychologist, 6018 on leave).
  public var assignmentCodes: [String]

  public init(
    academicYear: SchoolYear, reportingLEA: String, schoolCode: String, seid: String, localStaffId: String = "",
    firstName: String = "", lastName: String = "", jobClassificationCode: String, ftePercent: Double,
    assignmentCodes: [String] = []
  ) {
    self.academicYear = academicYear
    self.reportingLEA = reportingLEA
    self.schoolCode = schoolCode
    self.seid = seid
    self.localStaffId = localStaffId
    self.firstName = firstName
    self.lastName = lastName
    self.jobClassificationCode = jobClassificationCode
    self.ftePercent = ftePercent
    self.assignmentCodes = assignmentCodes
  }

  /// The 14-digit CDS code of the school of assignment.
  public var cdsCode: String { reportingLEA + schoolCode }
}

/// What identifies a course section within a school and year (CRSE 9.05, 9.08, 9.14, 9.15).
public struct SectionKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public var schoolCode: String
  public var localCourseId: String
  public var sectionId: String
  public var academicTerm: String

  public init(schoolCode: String, localCourseId: String, sectionId: String, academicTerm: String) {
    self.schoolCode = schoolCode
    self.localCourseId = localCourseId
    self.sectionId = sectionId
    self.academicTerm = academicTerm
  }

  public static func < (a: SectionKey, b: SectionKey) -> Bool {
    (a.schoolCode, a.localCourseId, a.sectionId, a.academicTerm)
      < (b.schoolCode, b.localCourseId, b.sectionId, b.academicTerm)
  }

  public var description: String {
    "\(schoolCode)/\(localCourseId)/\(sectionId)\(academicTerm.isEmpty ? "" : "/" + academicTerm)"
  }
}

/// CRSE, course section enrollment: one record per teacher of record per section (fields 9.01–9.36).
public struct CourseSection: Sendable, Hashable, Codable {
  public var academicYear: SchoolYear
  public var reportingLEA: String
  /// 9.05 School of Course Delivery (7 digits).
  public var schoolCode: String
  /// 9.07: the four-digit state course code monitoring is based on.
  public var stateCourseCode: String
  public var localCourseId: String
  public var courseName: String
  public var sectionId: String
  public var academicTermCode: String
  /// 9.16: the teacher of record; `9999999999` means no permanent teacher (a vacancy).
  public var seid: String
  public var localStaffId: String
  /// 9.18: groups the records of sections taught together (team teaching, job sharing).
  public var classId: String
  /// 9.19: 23 college credit only, 24 dual credit.
  public var instructionalLevelCode: String
  /// 9.20: 1 primary language + designated + integrated ELD; 2 designated only; 3 integrated only;
  /// 4 designated + integrated; 5 no EL services; 6 other.
  public var educationServiceCode: String
  /// 9.21: required when 9.20 is 1.
  public var languageOfInstructionCode: String
  /// 9.22: 300 home and hospital, 700 special education.
  public var instructionalStrategyCode: String
  public var independentStudy: Bool
  public var distanceLearning: Bool
  /// 9.25: 1 team teaching, 2 job sharing.
  public var multipleTeacherCode: String
  public var fundingSourceCode: String
  /// 9.27: 1 ROC/P, 2 district.
  public var cteProviderCode: String
  /// 9.28, e.g. `LANG-01`.
  public var subcategoryCode: String
  /// 9.29: ELM, MID, SEC or NOT.
  public var gradeLevelRangeCode: String
  public var contentStandardsAlignmentCode: String
  public var charterNonCoreNonCollegePrep: Bool
  public var apIBCrossReference: String
  /// 9.33: 1 instructor-led, 2 facilitated, 3 learner-led (no credential required).
  public var onlineInstructionTypeCode: String
  /// 9.34: nil when the field is blank.
  public var middleSchoolCore: Bool?
  /// 9.35: a local assignment option declared in CALPADS.
  public var localAssignmentOptionCode: String
  public var highQualityCTE: String

  public init(
    academicYear: SchoolYear, reportingLEA: String, schoolCode: String, stateCourseCode: String,
    localCourseId: String, courseName: String = "", sectionId: String, academicTermCode: String = "", seid: String,
    localStaffId: String = "", classId: String = "", instructionalLevelCode: String = "",
    educationServiceCode: String = "", languageOfInstructionCode: String = "", instructionalStrategyCode: String = "",
    independentStudy: Bool = false, distanceLearning: Bool = false, multipleTeacherCode: String = "",
    fundingSourceCode: String = "", cteProviderCode: String = "", subcategoryCode: String = "",
    gradeLevelRangeCode: String = "", contentStandardsAlignmentCode: String = "",
    charterNonCoreNonCollegePrep: Bool = false, apIBCrossReference: String = "", onlineInstructionTypeCode: String = "",
    middleSchoolCore: Bool? = nil, localAssignmentOptionCode: String = "", highQualityCTE: String = ""
  ) {
    self.academicYear = academicYear
    self.reportingLEA = reportingLEA
    self.schoolCode = schoolCode
    self.stateCourseCode = stateCourseCode
    self.localCourseId = localCourseId
    self.courseName = courseName
    self.sectionId = sectionId
    self.academicTermCode = academicTermCode
    self.seid = seid
    self.localStaffId = localStaffId
    self.classId = classId
    self.instructionalLevelCode = instructionalLevelCode
    self.educationServiceCode = educationServiceCode
    self.languageOfInstructionCode = languageOfInstructionCode
    self.instructionalStrategyCode = instructionalStrategyCode
    self.independentStudy = independentStudy
    self.distanceLearning = distanceLearning
    self.multipleTeacherCode = multipleTeacherCode
    self.fundingSourceCode = fundingSourceCode
    self.cteProviderCode = cteProviderCode
    self.subcategoryCode = subcategoryCode
    self.gradeLevelRangeCode = gradeLevelRangeCode
    self.contentStandardsAlignmentCode = contentStandardsAlignmentCode
    self.charterNonCoreNonCollegePrep = charterNonCoreNonCollegePrep
    self.apIBCrossReference = apIBCrossReference
    self.onlineInstructionTypeCode = onlineInstructionTypeCode
    self.middleSchoolCore = middleSchoolCore
    self.localAssignmentOptionCode = localAssignmentOptionCode
    self.highQualityCTE = highQualityCTE
  }

  public var key: SectionKey {
    SectionKey(
      schoolCode: schoolCode, localCourseId: localCourseId, sectionId: sectionId, academicTerm: academicTermCode)
  }

  /// The 14-digit CDS code of the school of course delivery.
  public var cdsCode: String { reportingLEA + schoolCode }

  /// The generic SEID CALPADS uses when no permanent teacher is assigned (domain rule 34).
  public var isVacant: Bool { seid == SEID.vacancyPlaceholder }
}

/// A student's English-language acquisition status (CALPADS ELAS codes as `section-students.csv` writes them).
public enum EnglishLanguageStatus: String, Sendable, Codable, CaseIterable {
  case englishLearner = "EL"
  case reclassified = "RFEP"
  case initiallyFluent = "IFEP"
  case englishOnly = "EO"
  case toBeDetermined = "TBD"
}

/// One student in one section (interchange spec §2).
public struct SectionStudent: Sendable, Hashable, Codable {
  public var section: SectionKey
  public var ssid: String
  public var grade: GradeLevel
  public var englishStatus: EnglishLanguageStatus
  /// CALPADS primary disability code (e.g. 290 specific learning disability); empty when none.
  public var disabilityCode: String

  public init(
    section: SectionKey, ssid: String, grade: GradeLevel, englishStatus: EnglishLanguageStatus,
    disabilityCode: String = ""
  ) {
    self.section = section
    self.ssid = ssid
    self.grade = grade
    self.englishStatus = englishStatus
    self.disabilityCode = disabilityCode
  }
}

/// Who sits in a section, summarized for the rules: the grade levels present, how many English learners and the
/// students' primary disabilities. Built once per section from its `SectionStudent` rows.
public struct SectionRoster: Sendable, Hashable, Codable {
  public var studentCount: Int
  /// Students per grade level.
  public var grades: [GradeLevel: Int]
  public var englishLearners: Int
  /// Students per primary disability code (only students with one).
  public var disabilities: [String: Int]

  public init(
    studentCount: Int = 0, grades: [GradeLevel: Int] = [:], englishLearners: Int = 0, disabilities: [String: Int] = [:]
  ) {
    self.studentCount = studentCount
    self.grades = grades
    self.englishLearners = englishLearners
    self.disabilities = disabilities
  }

  public init(students: some Sequence<SectionStudent>) {
    self.init()
    for student in students { add(student) }
  }

  public mutating func add(_ student: SectionStudent) {
    studentCount += 1
    grades[student.grade, default: 0] += 1
    if student.englishStatus == .englishLearner { englishLearners += 1 }
    if !student.disabilityCode.isEmpty { disabilities[student.disabilityCode, default: 0] += 1 }
  }

  public var lowestGrade: GradeLevel? { grades.keys.min() }
  public var highestGrade: GradeLevel? { grades.keys.max() }
  /// True when every student has a disability (CTC counts such sections as special education settings, §2.4).
  public var isAllSpecialEducation: Bool {
    studentCount > 0 && disabilities.values.reduce(0, +) == studentCount
  }
}
