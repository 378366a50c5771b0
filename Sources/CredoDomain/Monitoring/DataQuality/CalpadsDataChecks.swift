import Foundation

/// Checks of one year's CALPADS Fall 2 staff and course records before monitoring uses them: the errors CALPADS
/// itself rejects, and the gaps that would make monitoring or TAMO wrong.
///
/// Sources: domain guide §7 G, rules 57–66 (CALPADS Data Guide [C10], Valid Code Combinations [C11]); rule 33 (9.20
/// required when English learners are enrolled); §4.2–4.4 and interchange spec §1 for the fields. Checks that read
/// the catalog run only when the catalog holds that table, so a missing table never floods the report.
///
/// Every check is one pass over its records with dictionary lookups (no record is compared with another record by
/// scanning), so a statewide year (about 300k SDEM, 400k SASS and 2.5M CRSE records) takes seconds. Findings come out
/// in the order of the records, per-person findings after the records they sum.
public enum CalpadsDataChecks {
  /// CALPADS' FTE bounds for one staff member's job classes together, in percent (rule 57).
  public static let fteTotalPercentRange: ClosedRange<Double> = 5...200
  /// Job classification codes of people who teach sections (SASS 8.13).
  public static let teacherJobClass = "12"
  public static let itinerantTeacherJobClass = "27"
  public static let charterNonCertificatedTeacherJobClass = "26"
  public static let employeeOnLeave = "6018"

  /// Runs every check over the records of a year.
  public static func check(
    staff: [StaffDemographics], assignments: [StaffAssignment], sections: [CourseSection],
    students: [SectionStudent], catalog: ReferenceCatalog
  ) -> [DataFinding] {
    var englishLearnerSections = Set<SectionKey>()
    for student in students where student.englishStatus == .englishLearner {
      englishLearnerSections.insert(student.section)
    }
    return check(
      staff: staff, assignments: assignments, sections: sections, englishLearnerSections: englishLearnerSections,
      catalog: catalog)
  }

  /// The same, given only which sections have English learners enrolled (what a roster summary keeps).
  public static func check(
    staff: [StaffDemographics], assignments: [StaffAssignment], sections: [CourseSection],
    englishLearnerSections: Set<SectionKey>, catalog: ReferenceCatalog
  ) -> [DataFinding] {
    var findings: [DataFinding] = []
    var checks = sectionChecks(
      staff: staff, assignments: assignments, englishLearnerSections: englishLearnerSections, catalog: catalog,
      into: &findings)
    for section in sections { checks.check(section) { findings.append($0) } }
    return findings
  }

  /// Runs the SDEM and SASS checks (their findings into `findings`) and returns the CRSE checks, to be given the
  /// sections one at a time in order: a state year's 2.5 million sections need not be held at once.
  public static func sectionChecks(
    staff: [StaffDemographics], assignments: [StaffAssignment], englishLearnerSections: Set<SectionKey>,
    catalog: ReferenceCatalog, into findings: inout [DataFinding]
  ) -> SectionChecks {
    let people = checkDemographics(staff, into: &findings)
    let teaching = checkAssignments(assignments, catalog: catalog, into: &findings)
    return SectionChecks(
      people: people, teaching: teaching, englishLearnerSections: englishLearnerSections, catalog: catalog)
  }

  // MARK: SDEM

  /// Rules 59 and 65. Returns the people on file, for the CRSE check.
  static func checkDemographics(_ staff: [StaffDemographics], into findings: inout [DataFinding]) -> Set<StaffKey> {
    var people = Set<StaffKey>(minimumCapacity: staff.count)
    for person in staff {
      let record = DataRecordReference(recordType: .sdem, reportingLEA: person.reportingLEA, seid: person.seid)
      if person.seid == SEID.vacancyPlaceholder {
        findings.append(
          DataFinding(
            check: .sdemGenericSEID, record: record,
            message:
              "SDEM may not use the generic SEID 9999999999 (only CRSE may). Report the person's own SEID, or "
              + "request one from the CTC."))
        continue
      }
      people.insert(StaffKey(lea: person.reportingLEA, seid: person.seid))
      var zero: [String] = []
      if person.serviceYearsLEA == 0 { zero.append("7.30 Service Years LEA") }
      if person.serviceYearsTotal == 0 { zero.append("7.31 Service Years Total") }
      if !zero.isEmpty {
        findings.append(
          DataFinding(
            check: .sdemServiceYearsZero, record: record,
            message:
              "\(zero.joined(separator: " and ")) is 0; CALPADS reports less than one year as 1. Report 1 for a "
              + "first-year educator."))
      }
    }
    return people
  }

  // MARK: SASS

  /// What SASS says about who teaches where, for the CRSE check.
  struct TeachingAssignments {
    /// (LEA, school, SEID) with a teaching job class (12, 26 or 27) there.
    var teachers: Set<SchoolStaffKey> = []
  }

  /// One person's SASS records together (rules 57, 58).
  struct StaffTotals {
    var ftePercent = 0.0
    var records = 0
    var jobClasses: [String] = []
    /// The first record carrying 6018 with no other code, if any.
    var leaveRecord: Int?
    var first: Int
  }

  /// Rules 57, 58, 59, 66 and the non-classroom code combinations.
  static func checkAssignments(
    _ assignments: [StaffAssignment], catalog: ReferenceCatalog, into findings: inout [DataFinding]
  ) -> TeachingAssignments {
    var totals: [StaffKey: StaffTotals] = [:]
    var order: [StaffKey] = []
    var classesAtSchool: [SchoolStaffKey: UInt8] = [:]
    var teaching = TeachingAssignments()
    var codeVerdicts: [AssignmentCodeKey: AssignmentCodeVerdict] = [:]
    let checkCodes = catalog.version(of: .nonclassroomJobClasses) != nil

    for (index, record) in assignments.enumerated() {
      let reference = DataRecordReference(
        recordType: .sass, reportingLEA: record.reportingLEA, seid: record.seid, schoolCode: record.schoolCode)
      if record.seid == SEID.vacancyPlaceholder {
        findings.append(
          DataFinding(
            check: .sassGenericSEID, record: reference,
            message:
              "SASS may not use the generic SEID 9999999999. Report the staff member's own SEID, or leave the "
              + "position out of SASS until it is filled."))
        continue
      }
      let staffKey = StaffKey(lea: record.reportingLEA, seid: record.seid)
      let codes = record.assignmentCodes.filter { !$0.isEmpty }
      let onLeave = codes.contains(employeeOnLeave)
      if onLeave && codes.count > 1 {
        findings.append(
          DataFinding(
            check: .sassLeaveWithOtherAssignment, record: reference,
            message:
              "6018 Employee on Leave is reported with \(codes.filter { $0 != employeeOnLeave }.joined(separator: ", "))"
              + " on the same record; 6018 must be the staff member's only assignment. Remove the other codes or "
              + "the leave code."))
      }
      if totals[staffKey] == nil {
        totals[staffKey] = StaffTotals(first: index)
        order.append(staffKey)
      }
      totals[staffKey]!.ftePercent += record.ftePercent
      totals[staffKey]!.records += 1
      totals[staffKey]!.jobClasses.append(record.jobClassificationCode)
      if onLeave && codes.count == 1 && totals[staffKey]!.leaveRecord == nil {
        totals[staffKey]!.leaveRecord = index
      }

      let schoolKey = SchoolStaffKey(lea: record.reportingLEA, school: record.schoolCode, seid: record.seid)
      let bit: UInt8 =
        switch record.jobClassificationCode {
        case teacherJobClass: 1
        case itinerantTeacherJobClass: 2
        case charterNonCertificatedTeacherJobClass: 4
        default: 0
        }
      if bit != 0 {
        teaching.teachers.insert(schoolKey)
        let before = classesAtSchool[schoolKey, default: 0]
        let after = before | bit
        classesAtSchool[schoolKey] = after
        if after & 3 == 3 && before & 3 != 3 {
          findings.append(
            DataFinding(
              check: .sassTeacherAndItinerantSameSchool, record: reference,
              message:
                "Reported as both 12 Teacher and 27 Itinerant/Pull-out/Push-in Teacher at this school; when both "
                + "apply CALPADS wants 27 only. Merge the two records into one 27 record with the combined FTE."))
        }
      }

      guard checkCodes else { continue }
      for code in codes {
        let key = AssignmentCodeKey(code: code, jobClass: record.jobClassificationCode, year: record.academicYear)
        let verdict: AssignmentCodeVerdict
        if let known = codeVerdicts[key] {
          verdict = known
        } else {
          verdict = assignmentCodeVerdict(key, catalog: catalog)
          codeVerdicts[key] = verdict
        }
        switch verdict {
        case .valid: break
        case .unknown:
          findings.append(
            DataFinding(
              check: .sassAssignmentCodeUnknown, record: reference,
              message:
                "Non-classroom assignment code \(code) is not in the CALPADS code set. Correct the code (see Valid "
                + "Code Combinations, NonClassSuppAsgn)."))
        case .notInUse(let years):
          findings.append(
            DataFinding(
              check: .sassAssignmentCodeNotInUse, record: reference,
              message:
                "Non-classroom assignment code \(code) is valid \(years), not in \(record.academicYear). Report the "
                + "code that replaced it."))
        case .notForJobClass(let allowed):
          findings.append(
            DataFinding(
              check: .sassAssignmentNotValidForJobClass, record: reference,
              message:
                "Non-classroom assignment code \(code) may not be reported under job classification "
                + "\(record.jobClassificationCode); it is valid under \(allowed.joined(separator: ", ")). Correct the "
                + "job classification or the assignment code."))
        }
      }
    }

    for key in order {
      let person = totals[key]!
      let first = assignments[person.first]
      if !fteTotalPercentRange.contains(person.ftePercent) {
        findings.append(
          DataFinding(
            check: .sassFTETotalOutOfRange,
            record: DataRecordReference(recordType: .sass, reportingLEA: key.lea, seid: key.seid),
            message:
              "The FTE percentages of this staff member's \(person.records) SASS record(s) (job classes "
              + "\(person.jobClasses.joined(separator: ", "))) add up to \(formatPercent(person.ftePercent))%; "
              + "CALPADS accepts 5 to 200. Correct 8.14 on the records (50 means half time)."))
      }
      if let leave = person.leaveRecord, person.records > 1 {
        let record = assignments[leave]
        findings.append(
          DataFinding(
            check: .sassLeaveWithOtherAssignment,
            record: DataRecordReference(
              recordType: .sass, reportingLEA: key.lea, seid: key.seid, schoolCode: record.schoolCode),
            message:
              "6018 Employee on Leave is reported while the staff member has \(person.records - 1) other SASS "
              + "record(s)\(first.schoolCode == record.schoolCode ? "" : " (first at school \(first.schoolCode))"); "
              + "6018 must be the only assignment. Remove the other records or the leave record."))
      }
    }
    return teaching
  }

  enum AssignmentCodeVerdict: Hashable {
    case valid
    case unknown
    case notInUse(YearsInUse)
    case notForJobClass([String])
  }

  static func assignmentCodeVerdict(_ key: AssignmentCodeKey, catalog: ReferenceCatalog) -> AssignmentCodeVerdict {
    let classes = catalog.jobClasses(forAssignment: key.code)
    let assignment = catalog.nonClassroomAssignment(key.code)
    if classes.isEmpty && assignment == nil { return .unknown }
    if let assignment, !assignment.years.contains(key.year) { return .notInUse(assignment.years) }
    let valid = classes.filter { $0.years.contains(key.year) }
    if valid.contains(where: { $0.code == key.jobClass }) { return .valid }
    if valid.isEmpty, let years = classes.first?.years { return .notInUse(years) }
    return .notForJobClass(valid.map { "\($0.code) \($0.name)" })
  }

  // MARK: CRSE

  /// What the catalog says about one course in one year, looked up once per course.
  struct CourseFacts {
    var course: StateCourse?
    /// Nil when the catalog has no state course table.
    var known: Bool?
    var inUse: Bool
    /// False when the catalog has no subcategory table (then 9.28 is not checked).
    var subcategoriesKnown: Bool
    /// True when the course takes a content subcategory (9.28 required, rule 61).
    var takesSubcategory: Bool
    var validSubcategories: Set<String>
    var gradeRange: CourseGradeRange?
    var isCTE: Bool
  }

  static func courseFacts(_ code: String, year: SchoolYear, catalog: ReferenceCatalog) -> CourseFacts {
    let hasCourses = catalog.version(of: .stateCourses) != nil
    let course = catalog.course(code)
    let subcategories = catalog.subcategories(forCourse: code)
    let range = catalog.gradeRange(forCourse: code).flatMap { $0.years.contains(year) ? $0 : nil }
    let number = Int(code) ?? 0
    return CourseFacts(
      course: course, known: hasCourses ? course != nil : nil, inUse: course?.isActive(in: year) ?? false,
      subcategoriesKnown: catalog.version(of: .courseSubcategories) != nil, takesSubcategory: !subcategories.isEmpty,
      validSubcategories: Set(subcategories.filter { $0.years.contains(year) }.map(\.code)),
      gradeRange: range, isCTE: (7000...8999).contains(number))
  }

  static func formatPercent(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}

/// A staff member within a reporting LEA (CALPADS validates each LEA's submission on its own).
struct StaffKey: Hashable {
  var lea: String
  var seid: String
}

/// A staff member at one school.
struct SchoolStaffKey: Hashable {
  var lea: String
  var school: String
  var seid: String
}

struct CourseYearKey: Hashable {
  var code: String
  var year: SchoolYear
}

struct AssignmentCodeKey: Hashable {
  var code: String
  var jobClass: String
  var year: SchoolYear
}

/// The CRSE checks (rules 33, 60–64, the SDEM and SASS cross-checks and the grade range combinations), given one
/// section at a time in the year's order; made by `CalpadsDataChecks.sectionChecks`.
public struct SectionChecks {
  let people: Set<StaffKey>
  let teaching: CalpadsDataChecks.TeachingAssignments
  let englishLearnerSections: Set<SectionKey>
  let catalog: ReferenceCatalog
  var facts: [CourseYearKey: CalpadsDataChecks.CourseFacts] = [:]
  var reportedWithoutSDEM = Set<StaffKey>()
  var reportedWithoutTeaching = Set<SchoolStaffKey>()
  /// Extracts list a teacher's sections together; the same teacher again needs no second look.
  var previousTeacher: SchoolStaffKey? = nil

  init(
    people: Set<StaffKey>, teaching: CalpadsDataChecks.TeachingAssignments, englishLearnerSections: Set<SectionKey>,
    catalog: ReferenceCatalog
  ) {
    self.people = people
    self.teaching = teaching
    self.englishLearnerSections = englishLearnerSections
    self.catalog = catalog
  }

  /// Checks `section`, handing each finding to `report`.
  public mutating func check(_ section: CourseSection, _ report: (DataFinding) -> Void) {
    // Built only for a finding: most sections have none, and the reference holds eight strings.
    func add(_ check: DataCheck, _ message: String) {
      let reference = DataRecordReference(
        recordType: .crse, reportingLEA: section.reportingLEA, seid: section.seid, schoolCode: section.schoolCode,
        section: section.key)
      report(DataFinding(check: check, record: reference, message: message))
    }
    let code = section.stateCourseCode
    let courseKey = CourseYearKey(code: code, year: section.academicYear)
    let course: CalpadsDataChecks.CourseFacts
    if let known = facts[courseKey] {
      course = known
    } else {
      course = CalpadsDataChecks.courseFacts(code, year: section.academicYear, catalog: catalog)
      facts[courseKey] = course
    }

    // Rule 62.
    if course.known == false {
      add(.crseCourseCodeUnknown, "State course code \(code) is not a CALPADS course. Correct 9.07.")
    } else if course.known == true, !course.inUse, let known = course.course {
      add(
        .crseCourseCodeNotInUse,
        "State course code \(code) \(known.name) is valid \(known.years), not in \(section.academicYear). "
          + "Report the current course code for this content.")
    }

    // Rule 61.
    let subcategory = section.subcategoryCode
    if course.takesSubcategory && subcategory.isEmpty {
      add(
        .crseSubcategoryMissing,
        "Course \(code) needs a content subcategory in 9.28 (e.g. "
          + "\(course.validSubcategories.sorted().prefix(3).joined(separator: ", "))). Add it.")
    } else if !subcategory.isEmpty, course.subcategoriesKnown, course.known != false,
      !course.validSubcategories.contains(subcategory)
    {
      add(
        .crseSubcategoryInvalid,
        course.takesSubcategory
          ? "Subcategory \(subcategory) is not valid for course \(code) in \(section.academicYear). Report one "
            + "of the course's subcategories."
          : "Course \(code) takes no content subcategory, but 9.28 is \(subcategory). Clear 9.28 or correct "
            + "the course code.")
    }

    // Rule 60.
    let range = section.gradeLevelRangeCode.uppercased()
    if range == "MID" && section.middleSchoolCore == nil {
      add(
        .crseMiddleSchoolCoreMissing,
        "9.29 is MID (grades 5-8 standards) but 9.34 Middle School Core Course Indicator is blank. Report Y or N.")
    }
    if !range.isEmpty, let allowed = course.gradeRange {
      let valid: Bool? =
        switch range {
        case "ELM": allowed.elementary
        case "MID": allowed.middle
        case "SEC": allowed.secondary
        case "NOT": allowed.notApplicable
        default: nil
        }
      if valid != true {
        add(
          .crseGradeRangeInvalid,
          "Standards grade level range \(range) is not valid for course \(code) (valid: "
            + "\(allowed.labels.joined(separator: ", "))). Correct 9.29.")
      }
    }

    // Rule 63.
    if section.educationServiceCode == "1" && section.languageOfInstructionCode.isEmpty {
      add(
        .crseLanguageOfInstructionMissing,
        "9.20 is 1 (primary language instruction) but 9.21 Language of Instruction is blank. Report the language "
          + "the class is taught in.")
    }

    // Rule 64.
    if course.isCTE {
      if section.cteProviderCode.isEmpty {
        add(
          .crseCTEProviderMissing,
          "Course \(code) is career technical education; 9.27 CTE Course Section Provider is required (1 ROC/P, "
            + "2 district).")
      }
      if section.highQualityCTE.isEmpty {
        add(
          .crseHighQualityCTEMissing,
          "Course \(code) is career technical education; 9.36 High Quality CTE Course Indicator is required.")
      }
    }

    // Rule 33.
    if section.educationServiceCode.isEmpty && englishLearnerSections.contains(section.key) {
      add(
        .crseELServiceMissing,
        "English learners are enrolled in this section but 9.20 Education Service is blank. Report the EL service "
          + "(1-6; 5 when they receive none here).")
    }

    // Teacher of record on file.
    guard !section.seid.isEmpty, section.seid != SEID.vacancyPlaceholder else { return }
    let schoolKey = SchoolStaffKey(lea: section.reportingLEA, school: section.schoolCode, seid: section.seid)
    guard schoolKey != previousTeacher else { return }
    previousTeacher = schoolKey
    let staffKey = StaffKey(lea: section.reportingLEA, seid: section.seid)
    if !people.contains(staffKey) && reportedWithoutSDEM.insert(staffKey).inserted {
      add(
        .crseTeacherWithoutSDEM,
        "The teacher of record has no SDEM record in this LEA, so the SEID cannot be checked or monitored. Add the "
          + "SDEM record, correct the SEID, or use 9999999999 if no permanent teacher is assigned.")
    }
    if !teaching.teachers.contains(schoolKey) && reportedWithoutTeaching.insert(schoolKey).inserted {
      add(
        .crseTeacherWithoutTeachingAssignment,
        "The teacher of record has no SASS record with job class 12, 26 or 27 at this school, so the section "
          + "gets no FTE in the TAMO report. Add the SASS teaching record for this school.")
    }
  }
}
