import CredoDomain
import Foundation
import Testing

/// A small hand-made catalog: the few CALPADS codes the checks below need.
enum DataCheckCatalog {
  static let current = YearsInUse(first: SchoolYear(startYear: 2019), last: nil)
  static let legacy = YearsInUse(first: SchoolYear(startYear: 1990), last: SchoolYear(startYear: 2018))

  static func table(_ rows: CatalogRows) -> CatalogTable {
    CatalogTable(
      info: CatalogTableInfo(
        kind: rows.kind, version: 1, source: "test", asOf: CalendarDate(year: 2020, month: 7, day: 1)!,
        rowCount: rows.count, sha256: "", fileName: rows.kind.fileName),
      rows: rows)
  }

  static func course(
    _ code: String, _ name: String, area: (String, String), _ low: GradeLevel, _ high: GradeLevel,
    years: YearsInUse = current
  ) -> StateCourse {
    StateCourse(
      code: code, name: name, contentArea: ContentArea(code: area.0, name: area.1), gradeLow: low, gradeHigh: high,
      years: years)
  }

  static let catalog = ReferenceCatalog(tables: [
    table(
      .stateCourses([
        course("1000", "Self-Contained Class", area: ("41", "Self-Contained Class"), .kindergarten, .adult),
        course("9325", "Chemistry", area: ("21", "Science"), .g9, .g12),
        course("9240", "Mathematics (Departmentalized K-8)", area: ("18", "Mathematics"), .kindergarten, .g8),
        course("9130", "World Languages I", area: ("15", "World Languages"), .g7, .g12),
        course("7100", "Agriculture Introductory", area: ("40", "Career Technical Education"), .g7, .g12),
        course(
          "2105", "English 9", area: ("14", "English Language Arts"), .g9, .g12, years: legacy),
      ])),
    table(
      .courseSubcategories([
        CourseSubcategory(code: "LANG-01", name: "Spanish", courseCode: "9130", years: current),
        CourseSubcategory(code: "LANG-02", name: "French", courseCode: "9130", years: current),
      ])),
    table(
      .courseGradeRanges([
        CourseGradeRange(
          courseCode: "9325", elementary: false, middle: false, secondary: true, notApplicable: false, years: current),
        CourseGradeRange(
          courseCode: "9240", elementary: true, middle: true, secondary: false, notApplicable: false, years: current),
      ])),
    table(
      .nonclassroomAssignments([
        NonClassroomAssignment(
          code: "0202", name: "Psychologist", contentArea: ContentArea(code: "", name: ""), years: legacyOpen),
        NonClassroomAssignment(
          code: "0204", name: "Librarian", contentArea: ContentArea(code: "", name: ""),
          years: YearsInUse(first: SchoolYear(startYear: 1990), last: SchoolYear(startYear: 2014))),
        NonClassroomAssignment(
          code: "6018", name: "Employee on Leave", contentArea: ContentArea(code: "", name: ""), years: legacyOpen),
        NonClassroomAssignment(
          code: "0400", name: "Counselor", contentArea: ContentArea(code: "", name: ""), years: legacyOpen),
      ])),
    table(
      .nonclassroomJobClasses([
        JobClassification(assignmentCode: "0202", code: "11", name: "Pupil Services", years: legacyOpen),
        JobClassification(assignmentCode: "0400", code: "11", name: "Pupil Services", years: legacyOpen),
        JobClassification(
          assignmentCode: "0204", code: "11", name: "Pupil Services",
          years: YearsInUse(first: SchoolYear(startYear: 1990), last: SchoolYear(startYear: 2014))),
        JobClassification(assignmentCode: "6018", code: "10", name: "Administrator", years: legacyOpen),
        JobClassification(assignmentCode: "6018", code: "11", name: "Pupil Services", years: legacyOpen),
        JobClassification(assignmentCode: "6018", code: "12", name: "Teacher", years: legacyOpen),
      ])),
  ])

  static let legacyOpen = YearsInUse(first: SchoolYear(startYear: 1990), last: nil)
}

@Suite("CALPADS data checks")
struct MonitoringDataQualityTests {
  let year = SchoolYear(startYear: 2020)
  let lea = "0110017"
  let school = "0112345"
  let teacher = "1000000001"

  func sdem(_ seid: String = "1000000001", total: Int? = 8, lea leaOverride: String? = nil) -> StaffDemographics {
    StaffDemographics(
      academicYear: year, reportingLEA: leaOverride ?? lea, seid: seid, serviceYearsLEA: total.map { min($0, 3) },
      serviceYearsTotal: total)
  }

  func sass(
    _ seid: String = "1000000001", jobClass: String = "12", fte: Double = 100, codes: [String] = [],
    school schoolOverride: String? = nil
  ) -> StaffAssignment {
    StaffAssignment(
      academicYear: year, reportingLEA: lea, schoolCode: schoolOverride ?? school, seid: seid,
      jobClassificationCode: jobClass, ftePercent: fte, assignmentCodes: codes)
  }

  func crse(
    _ course: String = "9325", section: String = "1", seid: String = "1000000001", range: String = "SEC",
    core: Bool? = nil, subcategory: String = "", service: String = "", language: String = "",
    provider: String = "", highQuality: String = "", year yearOverride: SchoolYear? = nil
  ) -> CourseSection {
    CourseSection(
      academicYear: yearOverride ?? year, reportingLEA: lea, schoolCode: school, stateCourseCode: course,
      localCourseId: "L\(course)", sectionId: section, academicTermCode: "FY", seid: seid,
      educationServiceCode: service, languageOfInstructionCode: language, cteProviderCode: provider,
      subcategoryCode: subcategory, gradeLevelRangeCode: range, middleSchoolCore: core,
      highQualityCTE: highQuality)
  }

  func student(in section: CourseSection, _ status: EnglishLanguageStatus, ssid: String = "1") -> SectionStudent {
    SectionStudent(section: section.key, ssid: ssid, grade: .g10, englishStatus: status)
  }

  /// The codes found, given records that are clean except for what each test adds.
  func codes(
    staff: [StaffDemographics]? = nil, assignments: [StaffAssignment]? = nil, sections: [CourseSection] = [],
    students: [SectionStudent] = [], catalog: ReferenceCatalog = DataCheckCatalog.catalog
  ) -> [String] {
    findings(staff: staff, assignments: assignments, sections: sections, students: students, catalog: catalog)
      .map(\.code)
  }

  func findings(
    staff: [StaffDemographics]? = nil, assignments: [StaffAssignment]? = nil, sections: [CourseSection] = [],
    students: [SectionStudent] = [], catalog: ReferenceCatalog = DataCheckCatalog.catalog
  ) -> [DataFinding] {
    CalpadsDataChecks.check(
      staff: staff ?? [sdem()], assignments: assignments ?? [sass()], sections: sections, students: students,
      catalog: catalog)
  }

  @Test("Clean records produce no findings (so every finding below comes from the one thing each test breaks)")
  func clean() {
    let sections = [
      crse("9325"), crse("9240", section: "2", range: "MID", core: true),
      crse("9130", section: "3", subcategory: "LANG-01"),
      crse("7100", section: "4", provider: "2", highQuality: "Y"),
      crse("1000", section: "5", range: "", service: "1", language: "01"),
      crse("9325", section: "6", seid: SEID.vacancyPlaceholder),
    ]
    let result = findings(
      assignments: [sass(), sass("1000000002", jobClass: "11", fte: 50, codes: ["0202", "0400"])],
      sections: sections, students: [student(in: sections[0], .englishOnly)])
    #expect(result.isEmpty, "\(result)")
  }

  @Test("Rule 57: one staff member's FTE across job classes above 200% or below 5% is invalid [C10]")
  func fteTotal() {
    let over = [sass(fte: 150), sass(jobClass: "10", fte: 60, school: "0000000")]
    #expect(codes(assignments: over) == ["sass.fte_total_out_of_range"])
    let found = findings(assignments: over)[0]
    #expect(found.record.seid == teacher)
    #expect(found.message.contains("210%"))
    #expect(found.severity == .error)
    #expect(found.citation.contains("rule 57"))
    #expect(codes(assignments: [sass(fte: 4)]) == ["sass.fte_total_out_of_range"])
    #expect(codes(assignments: [sass(fte: 150), sass(jobClass: "10", fte: 50, school: "0000000")]).isEmpty)
    #expect(codes(assignments: [sass(fte: 5)]).isEmpty)
  }

  @Test("Rule 58: 6018 Employee on Leave with any other assignment is invalid [C10]")
  func leave() {
    #expect(
      codes(assignments: [sass(jobClass: "11", codes: ["6018", "0400"])]) == ["sass.leave_with_other_assignment"])
    #expect(
      codes(assignments: [
        sass(jobClass: "12", fte: 50, codes: ["6018"]), sass(jobClass: "11", fte: 50, codes: ["0400"]),
      ])
        == ["sass.leave_with_other_assignment"])
    #expect(codes(assignments: [sass(jobClass: "12", codes: ["6018"])]).isEmpty)
  }

  @Test("Rule 59: the generic SEID 9999999999 is rejected in SDEM and SASS, allowed in CRSE [C10]")
  func genericSEID() {
    let generic = SEID.vacancyPlaceholder
    #expect(codes(staff: [sdem(), sdem(generic)]) == ["sdem.generic_seid"])
    #expect(codes(assignments: [sass(), sass(generic)]) == ["sass.generic_seid"])
    #expect(codes(sections: [crse(seid: generic)]).isEmpty)
  }

  @Test("Rule 60: a MID section needs the middle school core indicator 9.34 [C10]")
  func middleCore() {
    #expect(codes(sections: [crse("9240", range: "MID")]) == ["crse.middle_school_core_missing"])
    #expect(codes(sections: [crse("9240", range: "MID", core: false)]).isEmpty)
  }

  @Test("Rule 61: 9.28 is required for subcategory courses and must be one of the course's [C10][C11]")
  func subcategory() {
    #expect(codes(sections: [crse("9130")]) == ["crse.subcategory_missing"])
    #expect(codes(sections: [crse("9130", subcategory: "LANG-99")]) == ["crse.subcategory_invalid"])
    #expect(codes(sections: [crse("9325", subcategory: "LANG-01")]) == ["crse.subcategory_invalid"])
    #expect(codes(sections: [crse("9130", subcategory: "LANG-02")]).isEmpty)
  }

  @Test("Rule 62: a state course code retired before the year, or unknown, is invalid (2105 in 2020-21) [C11]")
  func retiredCourse() {
    #expect(codes(sections: [crse("2105")]) == ["crse.course_code_not_in_use"])
    #expect(findings(sections: [crse("2105")])[0].message.contains("2018-2019"))
    #expect(codes(sections: [crse("2105", year: SchoolYear(startYear: 2017))]).isEmpty)
    #expect(codes(sections: [crse("9998")]) == ["crse.course_code_unknown"])
    // Without a course table nothing is called unknown.
    #expect(codes(sections: [crse("9998")], catalog: ReferenceCatalog(tables: [])).isEmpty)
  }

  @Test("Rule 63: 9.20 = 1 (primary language) needs 9.21 language of instruction [C10]")
  func languageOfInstruction() {
    #expect(codes(sections: [crse(service: "1")]) == ["crse.language_of_instruction_missing"])
    #expect(codes(sections: [crse(service: "2")]).isEmpty)
  }

  @Test("Rule 64: CTE codes 7000-8999 need 9.27 provider and 9.36 high quality indicator [C10]")
  func cte() {
    #expect(
      codes(sections: [crse("7100")]) == ["crse.cte_provider_missing", "crse.high_quality_cte_missing"])
    #expect(codes(sections: [crse("7100", provider: "1")]) == ["crse.high_quality_cte_missing"])
    #expect(codes(sections: [crse("7100", highQuality: "N")]) == ["crse.cte_provider_missing"])
  }

  @Test("Rule 65: service years 0 is a data error (less than a year is reported as 1) [C10]")
  func serviceYears() {
    #expect(codes(staff: [sdem(total: 0)]) == ["sdem.service_years_zero"])
    #expect(findings(staff: [sdem(total: 0)])[0].severity == .warning)
    #expect(codes(staff: [sdem(total: 1)]).isEmpty)
  }

  @Test("Rule 66: job classes 12 and 27 at the same school should be one 27 record [C10]")
  func teacherAndItinerant() {
    #expect(
      codes(assignments: [sass(fte: 50), sass(jobClass: "27", fte: 50)]) == ["sass.teacher_and_itinerant_same_school"])
    #expect(codes(assignments: [sass(fte: 50), sass(jobClass: "27", fte: 50, school: "0199999")]).isEmpty)
  }

  @Test("Rule 33: English learners enrolled and 9.20 blank is a CALPADS input error [C10]")
  func englishLearnersWithoutService() {
    let section = crse()
    #expect(
      codes(sections: [section], students: [student(in: section, .englishLearner)]) == ["crse.el_service_missing"])
    #expect(codes(sections: [section], students: [student(in: section, .reclassified)]).isEmpty)
    let served = crse(service: "3")
    #expect(codes(sections: [served], students: [student(in: served, .englishLearner)]).isEmpty)
  }

  @Test("A teacher of record with no SDEM record in the LEA is reported once, not per section [C10]")
  func teacherWithoutSDEM() {
    let sections = [crse(seid: "1000000009"), crse(section: "2", seid: "1000000009")]
    let result = codes(assignments: [sass(), sass("1000000009")], sections: sections)
    #expect(result == ["crse.teacher_without_sdem"])
  }

  @Test("A teacher of record with no teaching SASS record at the school gets no TAMO FTE (warning) [C10][C15]")
  func teacherWithoutTeachingRecord() {
    let result = findings(assignments: [sass(school: "0199999")], sections: [crse(), crse(section: "2")])
    #expect(result.map(\.code) == ["crse.teacher_without_teaching_assignment"])
    #expect(result[0].severity == .warning)
    #expect(result[0].record.section?.sectionId == "1")
  }

  @Test("Non-classroom codes must exist, be in use that year and fit the job classification [C11]")
  func nonClassroomCodes() {
    #expect(
      codes(assignments: [sass(jobClass: "12", codes: ["0202"])]) == ["sass.assignment_not_valid_for_job_class"])
    #expect(codes(assignments: [sass(jobClass: "11", codes: ["0204"])]) == ["sass.assignment_code_not_in_use"])
    #expect(codes(assignments: [sass(jobClass: "11", codes: ["0999"])]) == ["sass.assignment_code_unknown"])
    #expect(codes(assignments: [sass(jobClass: "11", codes: ["0202"])]).isEmpty)
  }

  @Test("The standards grade level range 9.29 must be valid for the course (Chemistry is SEC only) [C11]")
  func gradeRange() {
    #expect(codes(sections: [crse("9325", range: "ELM")]) == ["crse.grade_range_invalid"])
    #expect(codes(sections: [crse("9325", range: "XYZ")]) == ["crse.grade_range_invalid"])
    #expect(codes(sections: [crse("9240", range: "ELM")]).isEmpty)
  }

  @Test("Every check has a stable code, a severity and a citation naming its source")
  func vocabulary() {
    for check in DataCheck.allCases {
      #expect(
        check.rawValue.hasPrefix("sdem.") || check.rawValue.hasPrefix("sass.") || check.rawValue.hasPrefix("crse."))
      #expect(check.citation.contains("[C1"))
    }
    #expect(Set(DataCheck.allCases.map(\.rawValue)).count == DataCheck.allCases.count)
  }

  @Test("Linear in the records: a county-sized year (400k sections, 400k students) is checked in seconds")
  func scale() {
    let teachers = 20_000
    var staff: [StaffDemographics] = []
    var assignments: [StaffAssignment] = []
    var sections: [CourseSection] = []
    var students: [SectionStudent] = []
    staff.reserveCapacity(teachers)
    for t in 0..<teachers {
      let seid = String(1_000_000_000 + t)
      staff.append(sdem(seid))
      assignments.append(sass(seid))
      for s in 0..<20 {
        let section = crse(s % 2 == 0 ? "9325" : "9130", section: "\(t)-\(s)", seid: seid)
        sections.append(section)
        students.append(student(in: section, s % 5 == 0 ? .englishLearner : .englishOnly, ssid: "\(t)\(s)"))
      }
    }
    let clock = ContinuousClock()
    var result: [DataFinding] = []
    let elapsed = clock.measure {
      result = CalpadsDataChecks.check(
        staff: staff, assignments: assignments, sections: sections, students: students,
        catalog: DataCheckCatalog.catalog)
    }
    // Every 9130 section lacks 9.28; every fifth section has ELs and no 9.20.
    #expect(result.count == teachers * 10 + teachers * 4)
    #expect(elapsed < .seconds(30), "took \(elapsed)")
  }
}
