import CredoDomain
import Foundation

/// A CALPADS Fall 2 submission for the demo data set, as the districts' SIS would produce it: SDEM for every
/// certificated employee, SASS for every job (teachers job class 12, services 10/11 with their non-classroom
/// codes), CRSE for every section a teacher teaches (self-contained classes at elementary schools, five
/// departmentalized sections in the teacher's subject at secondary schools, special education sections for
/// education specialists), and section rosters with grade levels, English learners and disabilities. A share of
/// assignments is deliberately outside what the teacher holds (another subject, a disability area the
/// specialty does not cover, a primary-language section without the language, a substitute as teacher of
/// record, a vacancy) so that monitoring has exceptions to find, as real submissions do.
enum DemoCalpads {
  struct Submission {
    var extract = CalpadsExtract()
    var rosters: [(SectionKey, SectionRoster)] = []
  }

  /// Courses a single subject teacher of each subject teaches (state course codes, catalog v12).
  static let coursesBySubject: [String: [String]] = [
    "MATH": ["9249", "9255", "9257"], "ENGL": ["9105", "9106", "9107"], "SS": ["9173", "9175", "9172"],
    "SBS": ["9324", "9322"], "SC": ["9325"], "SP": ["9326"], "ART": ["9001", "9004"], "MUSI": ["9290"],
    "PE": ["9314"], "FLS": ["9130"],
  ]

  /// The academic terms each class is reported for: one full-year record (`FY`) for the small and county data sets.
  /// The state data set reports each class once per six-week marking period (`M1`…`M6`, the same students all year):
  /// with its staff mix (half of the 300,000 educators teach) that gives the volume of a statewide year, about 2.5
  /// million CRSE records, which is what the state data set is for (docs/PERFORMANCE.md).
  static func terms(for size: DemoSize) -> [String] {
    size == .state ? ["M1", "M2", "M3", "M4", "M5", "M6"] : ["FY"]
  }

  static func generate(
    _ data: DemoDataSet, year: SchoolYear, terms: [String] = ["FY"], seed: UInt64 = 2026
  ) -> Submission {
    var rng = SeededGenerator(seed: seed &+ 17)
    var submission = Submission()
    let organizations = Dictionary(data.organizations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let documentsByEducator = Dictionary(grouping: data.documents, by: \.educatorId)
    let educators = Dictionary(data.educators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var sectionSerial = 0
    var vacancyAdded: Set<String> = []
    var ssid = 0

    func roster(grades: [GradeLevel], size: Int, specialEducation: Bool, disabilities: [String]) -> SectionRoster {
      var roster = SectionRoster()
      for _ in 0..<size {
        ssid += 1
        let disability = specialEducation ? rng.pick(disabilities) : (rng.chance(0.08) ? rng.pick(["290", "240"]) : "")
        roster.add(
          SectionStudent(
            section: SectionKey(schoolCode: "", localCourseId: "", sectionId: "", academicTerm: ""),
            ssid: String(ssid), grade: rng.pick(grades),
            englishStatus: rng.chance(0.18) ? .englishLearner : .englishOnly,
            disabilityCode: disability))
      }
      return roster
    }

    for employment in data.employments {
      guard let educator = educators[employment.educatorId], let seid = educator.seid?.digits,
        let district = organizations[employment.districtId]
      else { continue }
      let lea = String(district.cdsCode.digits.prefix(7))
      let school = employment.schoolId.flatMap { organizations[$0] }
      let schoolCode = school.map { String($0.cdsCode.digits.suffix(7)) } ?? "0000000"
      let title = employment.jobTitle
      let documents = documentsByEducator[educator.id] ?? []
      let years = max(1, year.startYear - employment.startDate.year + 1)
      submission.extract.staff.append(
        StaffDemographics(
          academicYear: year, reportingLEA: lea, seid: seid, localStaffId: employment.localStaffId,
          firstName: educator.firstName, lastName: educator.lastName, birthDate: educator.birthDate,
          employmentStatusCode: employment.status.calpadsCode, employmentStartDate: employment.startDate,
          serviceYearsLEA: years, serviceYearsTotal: years + rng.int(0...3)))

      func sass(_ jobClass: String, _ fte: Double, _ codes: [String] = []) {
        submission.extract.assignments.append(
          StaffAssignment(
            academicYear: year, reportingLEA: lea, schoolCode: schoolCode, seid: seid,
            localStaffId: employment.localStaffId, firstName: educator.firstName, lastName: educator.lastName,
            jobClassificationCode: jobClass, ftePercent: fte, assignmentCodes: codes))
      }
      func section(
        _ course: String, grades: [GradeLevel], range: String, teacher: String? = nil, strategy: String = "",
        language: String = "", core: Bool? = nil, subcategory: String = "", disabilities: [String] = []
      ) {
        guard school != nil else { return }
        sectionSerial += 1
        let students = roster(
          grades: grades, size: rng.int(18...32), specialEducation: strategy == "700", disabilities: disabilities)
        let service = students.englishLearners == 0 ? "5" : language.isEmpty ? (rng.chance(0.5) ? "3" : "4") : "1"
        for term in terms {
          let key = SectionKey(
            schoolCode: schoolCode, localCourseId: "C\(course)", sectionId: String(sectionSerial), academicTerm: term)
          submission.extract.sections.append(
            CourseSection(
              academicYear: year, reportingLEA: lea, schoolCode: schoolCode, stateCourseCode: course,
              localCourseId: key.localCourseId, courseName: course, sectionId: key.sectionId, academicTermCode: term,
              seid: teacher ?? seid, localStaffId: teacher == nil ? employment.localStaffId : "",
              classId: "K\(sectionSerial)", educationServiceCode: service, languageOfInstructionCode: language,
              instructionalStrategyCode: strategy, subcategoryCode: subcategory, gradeLevelRangeCode: range,
              middleSchoolCore: core))
          submission.rosters.append((key, students))
        }
      }

      let level = school?.schoolTypeCode ?? ""
      let elementary = level == "60" || level == "61"
      let middle = level == "62" || level == "63"
      let secondaryGrades: [GradeLevel] = middle ? [.g7, .g8] : [.g9, .g10, .g11, .g12]
      switch title {
      case "Counselor":
        sass("11", 100, ["0400"])
      case "School Psychologist":
        sass("11", 100, ["0202"])
      case "Speech-Language Pathologist":
        sass("11", 100, ["0211"])
      case "Assistant Principal":
        sass("10", 100, ["0302"])
      case "Teacher Librarian":
        sass("12", 100, ["6027"])
      default:
        guard school != nil else { continue }
        sass("12", employment.status == .substitute ? 0 : 100)
        if employment.status == .substitute {
          // A substitute reported as teacher of record (domain rule 35): one section in five of them.
          if rng.chance(0.2) {
            section(
              elementary ? "1000" : "9106", grades: elementary ? [.g2] : secondaryGrades,
              range: elementary ? "NOT" : "SEC")
          }
        } else if !documents.contains(where: {
          ["TC1", "TC2", "TC3S", "credo-intern-university", "credo-pip"].contains($0.documentCode)
        }) {
          // Services staff with a split teaching assignment: one section, usually outside what they hold.
          if rng.chance(0.1) {
            section(
              elementary ? "1000" : "9106", grades: elementary ? [.g4] : secondaryGrades,
              range: elementary ? "NOT" : "SEC")
          }
        } else if title.hasPrefix("Special Education") || title == "Resource Specialist"
          || !documents.contains(where: { ["TC1", "TC2"].contains($0.documentCode) })
            && documents.contains(where: { $0.documentCode == "TC3S" })
        {
          let extensive = documents.contains { $0.authorizations.contains { $0.authorizationCode == "R3EN" } }
          var areas = extensive ? ["210", "310", "320", "260"] : ["290", "280", "320", "330"]
          if rng.chance(0.04) { areas.append("300") }  // deaf-blindness: outside both specialty areas
          for _ in 0..<(elementary ? 1 : 3) {
            section(
              elementary ? "1000" : rng.pick(["9240", "9100", "9249"]),
              grades: elementary ? [.g1, .g2, .g3] : secondaryGrades,
              range: elementary ? "NOT" : (middle ? "MID" : "SEC"),
              strategy: "700", disabilities: areas)
          }
        } else if elementary
          && documents.contains(where: {
            $0.documentCode == "TC2" || $0.title.hasPrefix("University Intern") || $0.documentCode == "credo-pip"
          })
        {
          let grade = rng.pick([GradeLevel.kindergarten, .g1, .g2, .g3, .g4, .g5])
          section("1000", grades: [grade], range: "NOT", language: rng.chance(0.04) ? "01" : "")
        } else if !documents.contains(where: { $0.documentCode == "TC1" }) {
          // A Multiple Subject holder at a secondary school: core classes in a middle school (EC 44258.1).
          for _ in 0..<(middle ? 2 : 1) {
            section(
              middle ? "9100" : "9106", grades: secondaryGrades, range: middle ? "MID" : "SEC",
              core: middle ? true : nil)
          }
        } else {
          let subject =
            documents.flatMap(\.authorizations).first { $0.authorizationCode == "R1S" }?.subjectCode
            ?? rng.pick(Array(coursesBySubject.keys).sorted())
          var courses = coursesBySubject[subject] ?? ["9106"]
          for _ in 0..<5 {
            // About one section in twenty-five outside the teacher's subject.
            let offSubject = rng.chance(0.04)
            if offSubject { courses = coursesBySubject[rng.pick(Array(coursesBySubject.keys).sorted())] ?? courses }
            let course = rng.pick(courses)
            section(
              course, grades: secondaryGrades, range: middle ? "MID" : "SEC", core: middle ? false : nil,
              subcategory: course == "9130" ? "LANG-01" : "")
          }
          if let school, vacancyAdded.insert(school.cdsCode.digits).inserted, rng.chance(0.5) {
            section("9107", grades: secondaryGrades, range: "SEC", teacher: SEID.vacancyPlaceholder)
          }
        }
      }
    }
    return submission
  }
}

extension EmploymentStatus {
  /// CALPADS SDEM 7.27 employment status codes (P permanent, B probationary, T temporary, O other).
  var calpadsCode: String {
    switch self {
    case .permanent: "P"
    case .probationary: "B"
    default: "O"
    }
  }
}
