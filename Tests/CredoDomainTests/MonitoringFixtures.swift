import CredoDomain
import Foundation

/// A small hand-built catalog for the monitoring engine tests: rows copied from the bundled
/// `Sources/CredoReference/Catalog/*.tsv` (state-courses, course-grade-ranges, course-authorizations), written with
/// ` | ` between fields so each test's facts can be read here.
enum MonitoringFixture {
  /// code | name | content area code | content area name | grade low | grade high
  static let stateCourses = """
    1000 | Self-Contained Class | 41 | Self-Contained Class | K | AD
    9240 | Math (Departmentalized K-8) | 18 | Mathematics | K | 12
    9248 | Pre-Algebra | 18 | Mathematics | K | 12
    9249 | Algebra I | 18 | Mathematics | K | 12
    9255 | Geometry | 18 | Mathematics | K | 12
    9257 | Pre-Calculus | 18 | Mathematics | K | 12
    9325 | Chemistry | 21 | Science | K | 12
    9173 | United States History | 22 | History-Social Science | K | 12
    9175 | Economics | 22 | History-Social Science | K | 12
    9160 | Comprehensive Health Education | 16 | Health Education | K | 12
    9104 | English Language Development | 14 | English | K | 12
    9130 | World Languages I | 15 | World Languages | K | 12
    9314 | Physical Education I | 19 | Physical Education | K | 12
    9380 | Media Arts (Departmentalized K-8) | 24 | Media Arts | K | 12
    9381 | Media Arts | 24 | Media Arts | K | 12
    7001 | Exploratory Family and Consumer Sciences (Grades 6-8) | 40 | Career Technical Education | K | AD
    9120 | College Credit Course - English | 14 | English | 7 | 12
    9320 | Science (Departmentalized K-6) | 21 | Science | K | 12
    """

  /// code | ELM K-4 | MID 5-8 | SEC 9-12 | NOT
  static let gradeRanges = """
    1000 | Y | Y | Y | N
    9240 | Y | Y | N | N
    9248 | N | Y | Y | N
    9249 | N | Y | Y | N
    9255 | N | N | Y | N
    9257 | N | N | Y | Y
    9325 | N | N | Y | N
    9173 | N | Y | Y | N
    9175 | N | N | Y | N
    9160 | Y | Y | Y | N
    9104 | Y | Y | Y | N
    9130 | N | N | Y | N
    9314 | N | N | Y | N
    9380 | Y | Y | N | N
    9381 | N | N | Y | N
    7001 | N | Y | Y | N
    9120 | N | N | N | Y
    9320 | Y | Y | N | N
    """

  /// course code | coverage | document codes | document title | authorization | subject | subject name | restrictions
  static let crosswalk = """
    1000 | full |  | Multiple Subject |  |  |  |
    9240 | full |  | Mathematics Instructional Added Authorization |  |  |  |
    9240 | full | MILS | Mathematics Instructional Leadership Specialist | MIL1 | NONE |  |
    9240 | full | MILS | Mathematics Instructional Leadership Specialist | MIL2 | NONE |  |
    9240 | full | TC1 | Single Subject Teaching Credential | R1F | FM | Foundational-Level Mathematics |
    9240 | full | TC1 | Single Subject Teaching Credential | R1S | MATH | Mathematics |
    9240 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IM2 | Introductory Mathematics | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9240 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IM2 | Introductory Mathematics | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9240 | limited | TC2 | Supplementary Authorization | R2B | MATH | Mathematics | Grade 9 and Below; All Curriculum Levels
    9248 | full |  | Mathematics Instructional Added Authorization |  |  |  |
    9248 | full | MILS | Mathematics Instructional Leadership Specialist | MIL1 | NONE |  |
    9248 | full | MILS | Mathematics Instructional Leadership Specialist | MIL2 | NONE |  |
    9248 | full | TC1 | Single Subject Teaching Credential | R1F | FM | Foundational-Level Mathematics |
    9248 | full | TC1 | Single Subject Teaching Credential | R1S | MATH | Mathematics |
    9248 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IM2 | Introductory Mathematics | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9248 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IM2 | Introductory Mathematics | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9248 | limited | TC2 | Supplementary Authorization | R2B | MATH | Mathematics | Grade 9 and Below; All Curriculum Levels
    9249 | full |  | Mathematics Instructional Added Authorization |  |  |  |
    9249 | full | MILS | Mathematics Instructional Leadership Specialist | MIL1 | NONE |  |
    9249 | full | MILS | Mathematics Instructional Leadership Specialist | MIL2 | NONE |  |
    9249 | full | TC1 | Single Subject Teaching Credential | R1F | FM | Foundational-Level Mathematics |
    9249 | full | TC1 | Single Subject Teaching Credential | R1S | MATH | Mathematics |
    9249 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IM2 | Introductory Mathematics | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9249 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IM2 | Introductory Mathematics | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9249 | limited | TC2 | Supplementary Authorization | R2B | MATH | Mathematics | Grade 9 and Below; All Curriculum Levels
    9255 | full | TC1 | Single Subject Teaching Credential | R1F | FM | Foundational-Level Mathematics |
    9255 | full | TC1 | Single Subject Teaching Credential | R1S | MATH | Mathematics |
    9255 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IM2 | Introductory Mathematics | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9255 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IM2 | Introductory Mathematics | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9255 | limited | TC2 | Supplementary Authorization | R2B | MATH | Mathematics | Grade 9 and Below; All Curriculum Levels
    9257 | full | TC1 | Single Subject Teaching Credential | R1S | MATH | Mathematics |
    9257 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IM2 | Introductory Mathematics | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9257 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IM2 | Introductory Mathematics | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9257 | limited | TC2 | Supplementary Authorization | R2B | MATH | Mathematics | Grade 9 and Below; All Curriculum Levels
    9325 | full | TC1 | Single Subject Teaching Credential | R1S | SC | Science: Chemistry |
    9325 | full | TC1 | Specific Supplementary Authorization | R1A | CHEM | Chemistry | Limited to Specific Subject Only; No Grade Restrictions
    9325 | full | TC1, TC2 | Specific Subject Matter Authorization | SMAA | CHEM | Chemistry | Limited to Specific Subject Area Only
    9173 | full | TC1 | Single Subject Teaching Credential | R1S | SS | Social Science |
    9173 | full | TC1 | Specific Supplementary Authorization | R1A | USHH | US History and History of California | Limited to Specific Subject Only; No Grade Restrictions
    9173 | full | TC1, TC2 | Specific Subject Matter Authorization | SMAA | HIST | History | Limited to Specific Subject Area Only
    9173 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | ISS | Introductory Social Science | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9173 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | ISS | Introductory Social Science | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9173 | limited | TC2 | Supplementary Authorization | R2B | SS | Social Science | Grade 9 and Below; All Curriculum Levels
    9175 | full |  | Specific Subject Matter Authorization |  |  |  |
    9175 | full | TC1 | Single Subject Teaching Credential | R1S | BUSI | Business | Pursuant to Title 5 80004(c), Authorized to Teach Subject in CTE or Vocational Classes
    9175 | full | TC1 | Single Subject Teaching Credential | R1S | SS | Social Science |
    9175 | full | TC1 | Specific Supplementary Authorization | R1A | ECCE | Economics and Consumer Education | Limited to Specific Subject Only; No Grade Restrictions
    9175 | full | TC1 | Specific Supplementary Authorization | R1A | ECON | Economics | Limited to Specific Subject Only; No Grade Restrictions
    9175 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | ISS | Introductory Social Science | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9175 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | ISS | Introductory Social Science | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9175 | limited | TC2 | Supplementary Authorization | R2B | SS | Social Science | Grade 9 and Below; All Curriculum Levels
    9160 | full |  | Specialist Instruction Credential in Health Science |  |  |  |
    9160 | full | TC1 | Single Subject Teaching Credential | R1S | HS | Health Science |
    9160 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IHS | Introductory Health Science | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9160 | limited | TC2 | Supplementary Authorization | R2B | HS | Health Science | Grade 9 and Below; All Curriculum Levels
    9104 | full |  | Full English Learner Authorization | ELA1 | NONE |  |
    9104 | full |  | Full English Learner Authorization | ELA2 | NONE |  |
    9104 | full |  | Full English Learner Authorization | R1CL | CLAD | Crosscultural, Language & Academic Development Emphasis |
    9104 | full |  | Specific Supplementary Authorization |  |  |  |
    9104 | full | TC1 | Single Subject Teaching Credential | R1WL | WLEL | World Language: English Language Development |
    9104 | limited |  | Introductory Supplementary Authorization (TC1) |  |  |  |
    9104 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IESL | Introductory English as a Second Language | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9104 | limited | TC2 | Supplementary Authorization | R2B | ESL | English as a Second Language | Grade 9 and Below; All Curriculum Levels
    9130 | full |  | Single Subject Teaching Credential |  |  |  |
    9130 | full |  | Supplementary Authorization |  |  |  |
    9130 | limited |  | Introductory Subject Matter Authorization |  |  |  |
    9130 | limited |  | Introductory Supplementary Authorization (TC1) |  |  |  |
    9130 | limited |  | Specific Supplementary Authorization |  |  |  |
    9314 | full | TC1 | Single Subject Teaching Credential | R1S | PE | Physical Education | Authorized to teach Dance
    9314 | full | TC1 | Single Subject Teaching Credential | R1S | PE1 | Physical Education | Initially Issued 2022; Not authorized to teach Dance
    9314 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IPE | Introductory Physical Education | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area; Authorized to teach Dance
    9314 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IPE1 | Introductory Physical Education | Initially Issued 2022; Curriculum Grade 9 and Below; All Subjects in Broad Subject Area; Not authorized to teach Dance
    9314 | limited | TC2 | Supplementary Authorization | R2B | PE | Physical Education | Grade 9 and Below; All Curriculum Levels; Authorized to teach Dance
    9314 | limited | TC2 | Supplementary Authorization | R2B | PE1 | Physical Education | Initially Issued 2022; Grade 9 and Below; All Curriculum Levels; Not authorized to teach Dance
    9380 | full | TC1 | Single Subject Teaching Credential | R1S | ART | Art |
    9380 | full | TC1 | Specific Supplementary Authorization | R1A | GA | Graphic Arts | Limited to Specific Subject Only; No Grade Restrictions
    9380 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IA1 | Introductory Art | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9380 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IA1 | Introductory Art | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9380 | limited | TC2 | Supplementary Authorization | R2B | ART | Art | Grade 9 and Below; All Curriculum Levels
    9381-01 | full | TC1 | Single Subject Teaching Credential | R1S | ART | Art |
    9381-01 | full | TC1 | Specific Supplementary Authorization | R1A | GA | Graphic Arts | Limited to Specific Subject Only; No Grade Restrictions
    9381-01 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IA1 | Introductory Art | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9381-01 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IA1 | Introductory Art | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9381-01 | limited | TC2 | Supplementary Authorization | R2B | ART | Art | Grade 9 and Below; All Curriculum Levels
    9381-10 | full | TC1 | Single Subject Teaching Credential | R1S | ART | Art |
    9381-10 | full | TC1 | Single Subject Teaching Credential | R1S | ITE | Industrial and Technology Education | Pursuant to Title 5 80004(c), Authorized to Teach Subject in CTE or Vocational Classes
    9381-10 | full | TC1 | Single Subject Teaching Credential | R1S | MATH | Mathematics |
    9381-10 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IA1 | Introductory Art | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9381-10 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IIA | Introductory Industrial Arts | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9381-10 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IA1 | Introductory Art | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9381-10 | limited | TC2 | Supplementary Authorization | R2B | ART | Art | Grade 9 and Below; All Curriculum Levels
    9381-10 | limited | TC2 | Supplementary Authorization | R2B | IA | Industrial Arts | Grade 9 and Below; All Curriculum Levels
    9381-11 | full | TC1 | Single Subject Teaching Credential | R1S | ART | Art |
    9381-11 | full | TC1 | Single Subject Teaching Credential | R1S | ITE | Industrial and Technology Education | Pursuant to Title 5 80004(c), Authorized to Teach Subject in CTE or Vocational Classes
    9381-11 | full | TC1 | Single Subject Teaching Credential | R1S | MATH | Mathematics |
    9381-11 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IA1 | Introductory Art | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9381-11 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IIA | Introductory Industrial Arts | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9381-11 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IA1 | Introductory Art | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9381-11 | limited | TC2 | Supplementary Authorization | R2B | ART | Art | Grade 9 and Below; All Curriculum Levels
    9381-11 | limited | TC2 | Supplementary Authorization | R2B | IA | Industrial Arts | Grade 9 and Below; All Curriculum Levels
    9381-12 | full | TC1 | Single Subject Teaching Credential | R1S | ART | Art |
    9381-12 | full | TC1 | Specific Supplementary Authorization | R1A | GA | Graphic Arts | Limited to Specific Subject Only; No Grade Restrictions
    9381-12 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IA1 | Introductory Art | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9381-12 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IA1 | Introductory Art | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9381-12 | limited | TC2 | Supplementary Authorization | R2B | ART | Art | Grade 9 and Below; All Curriculum Levels
    7001 | full | CTE | Designated Subjects Career Technical Education Credential (CTE) | R4T | ECDF | Education, Child Development, and Family Services | Limited to Career Technical, Trade or Vocational Courses
    7001 | full | TC1 | Single Subject Teaching Credential | R1S | HE | Home Economics | Pursuant to Title 5 80004(c), Authorized to Teach Subject in CTE or Vocational Classes
    9120 | full | TC1 | Single Subject Teaching Credential | R1S | EN1 | English | Initially Issued 2022; Not authorized to teach Theater Arts or Drama
    9120 | full | TC1 | Single Subject Teaching Credential | R1S | ENGL | English | Authorized to teach Drama and Theater Arts
    9120 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IE | Introductory English | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area; Authorized to teach Drama and Theater Arts
    9120 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IE1 | Introductory English | Initially Issued 2022; Curriculum Grade 9 and Below; All Subjects in Broad Subject Area; Not authorized to teach Theater Arts or Drama
    9120 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IE | Introductory English | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed; Authorized to teach Drama and Theater Arts
    9120 | limited | TC2 | Supplementary Authorization | R2B | EN1 | English | Initially Issued 2022; Grade 9 and Below; All Curriculum Levels; Not authorized to teach Theater Arts or Drama
    9120 | limited | TC2 | Supplementary Authorization | R2B | ENGL | English | Grade 9 and Below; All Curriculum Levels; Authorized to teach Drama and Theater Arts
    9320 | full | TC1 | Single Subject Teaching Credential | R1GS | SIF | Foundational-Level General Science |
    9320 | full | TC1 | Single Subject Teaching Credential | R1S | SBS | Science: Biological Sciences |
    9320 | full | TC1 | Single Subject Teaching Credential | R1S | SC | Science: Chemistry |
    9320 | full | TC1 | Single Subject Teaching Credential | R1S | SG | Science: Geosciences |
    9320 | full | TC1 | Single Subject Teaching Credential | R1S | SP | Science: Physics |
    9320 | limited | TC1 | Introductory Supplementary Authorization (TC1) | R1B | IS1 | Introductory Science | Curriculum Grade 9 and Below; All Subjects in Broad Subject Area
    9320 | limited | TC1, TC2 | Introductory Subject Matter Authorization | SMAB | IS1 | Introductory Science | Curriculum Grades 9 and Below; All Subjects in Broad Subject Area Listed
    9320 | limited | TC2 | Supplementary Authorization | R2B | SCIE | Science | Grade 9 and Below; All Curriculum Levels
    """

  static func fields(_ line: Substring) -> [String] {
    line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
  }

  static func rows(_ text: String) -> [[String]] {
    text.split(separator: "\n").map(fields).filter { $0.count > 1 }
  }

  static func info(_ kind: CatalogKind, _ count: Int) -> CatalogTableInfo {
    CatalogTableInfo(
      kind: kind, version: 1, source: "test rows copied from the bundled catalog", asOf: census, rowCount: count,
      sha256: "", fileName: kind.fileName)
  }

  static let catalog: ReferenceCatalog = {
    let always = YearsInUse(first: SchoolYear(startYear: 2019), last: nil)
    let courses = rows(stateCourses).map { f in
      StateCourse(
        code: f[0], name: f[1], contentArea: ContentArea(code: f[2], name: f[3]), gradeLow: GradeLevel(code: f[4])!,
        gradeHigh: GradeLevel(code: f[5])!, years: always)
    }
    let ranges = rows(gradeRanges).map { f in
      CourseGradeRange(
        courseCode: f[0], elementary: f[1] == "Y", middle: f[2] == "Y", secondary: f[3] == "Y",
        notApplicable: f[4] == "Y", years: always)
    }
    let rules = rows(crosswalk).map { f in
      let code = f[0].split(separator: "-").map(String.init)
      return CourseAuthorizationRule(
        courseCode: code[0], subcategorySuffix: code.count > 1 ? code[1] : nil,
        coverage: AuthorizationCoverage(rawValue: f[1])!,
        documentCodes: f[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
        documentTitle: f[3], authorizationCode: f[4], subjectCode: f[5], subjectName: f[6],
        restrictions: CourseRestrictions.parse(f.count > 7 ? f[7] : ""))
    }
    let services = [
      ("0202", "Psychologist"), ("0301", "Principal"), ("0400", "Counselor"), ("6010", "Mentor teacher"),
      ("6018", "Employee on Leave"), ("0213", "Physical Therapist"),
    ].map {
      NonClassroomAssignment(
        code: $0.0, name: $0.1, contentArea: ContentArea(code: "46", name: "Support"), years: always)
    }
    return ReferenceCatalog(tables: [
      CatalogTable(info: info(.stateCourses, courses.count), rows: .stateCourses(courses)),
      CatalogTable(info: info(.courseGradeRanges, ranges.count), rows: .courseGradeRanges(ranges)),
      CatalogTable(info: info(.courseAuthorizations, rules.count), rows: .courseAuthorizations(rules)),
      CatalogTable(info: info(.nonclassroomAssignments, services.count), rows: .nonclassroomAssignments(services)),
    ])
  }()

  static let engine = AssignmentEngine(catalog: catalog)

  // MARK: Dates, places, people

  static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }
  /// Census day 2025-26 (first Wednesday of October).
  static let census = CalendarDate(year: 2025, month: 10, day: 1)!
  static let districtCode = "1964733"
  static let school = SchoolSetting(cdsCode: "19647331234567", name: "Test Middle")
  static let seid = "1234567890"

  static func auth(_ code: String, _ subject: String = "", language: String = "") -> DocumentAuthorization {
    DocumentAuthorization(authorizationCode: code, subjectCode: subject, language: language)
  }

  static func document(
    _ code: String, _ number: String, title: String = "", term: CredentialTerm = .clear,
    issued: String = "2021-07-01", expires: String? = "2030-07-01", status: DocumentStatus = .active,
    statusFrom: String? = nil, employer: String? = nil, _ authorizations: [DocumentAuthorization] = []
  ) -> CredentialDocument {
    CredentialDocument(
      id: UUID(), educatorId: UUID(), documentNumber: number, documentCode: code, title: title, term: term,
      issueDate: day(issued), expirationDate: expires.map(day), status: status, statusFrom: statusFrom.map(day),
      employerRestriction: employer.flatMap { DistrictCode($0) }, authorizations: authorizations)
  }

  static func multipleSubject(
    _ authorizations: [DocumentAuthorization] = [], number: String = "200200"
  )
    -> CredentialDocument
  {
    document("TC2", number, title: "Multiple Subject Teaching Credential", authorizations)
  }

  static func singleSubject(
    _ authorizations: [DocumentAuthorization], number: String = "123456", term: CredentialTerm = .clear
  )
    -> CredentialDocument
  {
    document("TC1", number, title: "Single Subject Teaching Credential", term: term, authorizations)
  }

  static func educationSpecialist(_ codes: String..., number: String = "300300") -> CredentialDocument {
    document("TC3S", number, title: "Education Specialist Instruction Credential", codes.map { auth($0) })
  }

  static func teacher(
    _ documents: CredentialDocument..., approvals: [LocalAssignmentApproval] = [],
    demographics: StaffDemographics? = nil
  ) -> TeacherProfile {
    TeacherProfile(seid: seid, documents: documents, approvals: approvals, demographics: demographics)
  }

  static func section(
    _ course: String, id: String = "1", seid: String = MonitoringFixture.seid, classId: String = "",
    service: String = "", language: String = "", strategy: String = "", independentStudy: Bool = false,
    multipleTeacher: String = "", subcategory: String = "", range: String = "", online: String = "",
    level: String = "", core: Bool? = nil, lao: String = "", charterNonCore: Bool = false
  ) -> CourseSection {
    CourseSection(
      academicYear: SchoolYear(startYear: 2025), reportingLEA: districtCode, schoolCode: "1234567",
      stateCourseCode: course, localCourseId: "L\(course)", sectionId: id, seid: seid, classId: classId,
      instructionalLevelCode: level, educationServiceCode: service, languageOfInstructionCode: language,
      instructionalStrategyCode: strategy, independentStudy: independentStudy, multipleTeacherCode: multipleTeacher,
      subcategoryCode: subcategory, gradeLevelRangeCode: range, charterNonCoreNonCollegePrep: charterNonCore,
      onlineInstructionTypeCode: online, middleSchoolCore: core, localAssignmentOptionCode: lao)
  }

  static func roster(
    _ grades: [GradeLevel: Int], englishLearners: Int = 0, disabilities: [String: Int] = [:]
  ) -> SectionRoster {
    SectionRoster(
      studentCount: grades.values.reduce(0, +), grades: grades, englishLearners: englishLearners,
      disabilities: disabilities)
  }

  static func approval(
    _ option: LocalAssignmentOption, courses: [String] = [], subject: String = "", units: Double? = nil,
    district: String = MonitoringFixture.districtCode, year: Int = 2025, consent: String? = "2025-08-01",
    approved: String? = "2025-08-12", start: String? = "2025-08-14"
  ) -> LocalAssignmentApproval {
    LocalAssignmentApproval(
      seid: seid, option: option, districtCode: district, schoolYear: SchoolYear(startYear: year),
      courseCodes: courses, subjectCode: subject, semesterUnits: units, consentDate: consent.map(day),
      approvalDate: approved.map(day), assignmentStartDate: start.map(day))
  }

  static func decide(
    _ section: CourseSection, _ teacher: TeacherProfile?, roster: SectionRoster? = nil,
    others: [CourseSection] = [], coTeachers: [SectionAssignment.CoTeacher] = [],
    school: SchoolSetting = MonitoringFixture.school, asOf date: CalendarDate = census,
    engine: AssignmentEngine = MonitoringFixture.engine
  ) -> AssignmentDecision {
    engine.decide(
      SectionAssignment(
        section: section, roster: roster, coTeachers: coTeachers, otherSections: others, school: school,
        teacher: teacher), asOf: date)
  }
}

extension AssignmentDecision {
  /// The single finding's rule, or the rules of all findings joined by ", ".
  var rules: String { findings.map(\.rule).joined(separator: ", ") }
  var first: AssignmentFinding { findings[0] }
}
