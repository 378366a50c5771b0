import CredoDomain
import CredoReference
import Foundation
import Testing

/// The assignment engine on the real bundled catalog (`BundledCatalog`), for the domain guide rules whose outcome
/// depends on the shipped crosswalk rows: 1, 2, 6, 11, 12.
@Suite("Monitoring engine on the bundled catalog")
struct MonitoringEngineCatalogTests {
  static let engine = AssignmentEngine(catalog: BundledCatalog.catalog)
  static let census = CalendarDate(year: 2025, month: 10, day: 1)!
  static let school = SchoolSetting(cdsCode: "19647331234567")

  static func document(_ code: String, _ title: String, _ authorizations: [(String, String)]) -> CredentialDocument {
    CredentialDocument(
      id: UUID(), educatorId: UUID(), documentNumber: "100100", documentCode: code, title: title, term: .clear,
      issueDate: CalendarDate(year: 2021, month: 7, day: 1)!,
      expirationDate: CalendarDate(year: 2030, month: 7, day: 1)!,
      status: .active,
      authorizations: authorizations.map { DocumentAuthorization(authorizationCode: $0.0, subjectCode: $0.1) })
  }

  static func decide(_ course: String, grade: GradeLevel, _ document: CredentialDocument) -> AssignmentDecision {
    let section = CourseSection(
      academicYear: SchoolYear(startYear: 2025), reportingLEA: "1964733", schoolCode: "1234567",
      stateCourseCode: course, localCourseId: "L1", sectionId: "1", seid: "1234567890")
    return engine.decide(
      SectionAssignment(
        section: section, roster: SectionRoster(studentCount: 25, grades: [grade: 25]), school: school,
        teacher: TeacherProfile(seid: "1234567890", documents: [document])), asOf: census)
  }

  static let multipleSubject = document("TC2", "Multiple Subject Teaching Credential", [])

  @Test("Rule 1 (bundled catalog): MS teaching self-contained 1000 in grade 3 is authorized, clear")
  func rule1() {
    let decision = Self.decide("1000", grade: .g3, Self.multipleSubject)
    #expect(decision.status == .authorized)
    #expect(decision.findings[0].rule == "course.authorized")
    #expect(decision.tamoOutcome == .clear)
  }

  @Test("Rule 2 (bundled catalog): MS only teaching grade-10 Chemistry 9325 is a course exception, ineffective")
  func rule2() {
    let decision = Self.decide("9325", grade: .g10, Self.multipleSubject)
    #expect(decision.status == .exception)
    #expect(decision.findings[0].exceptionType == .course)
    #expect(decision.findings[0].rule == "course.not_authorized")
    #expect(decision.tamoOutcome == .ineffective)
  }

  @Test("Rule 6 (bundled catalog): SS Mathematics teaching Algebra I 9249 in grade 7 is authorized")
  func rule6() {
    let decision = Self.decide(
      "9249", grade: .g7, Self.document("TC1", "Single Subject Teaching Credential", [("R1S", "MATH")]))
    #expect(decision.status == .authorized)
    #expect(decision.findings[0].basis == "TC1 100100 R1S MATH")
  }

  @Test("Rule 11 (bundled catalog): SMAB IM2 covers Algebra I 9249 in grade 11, not Pre-Calculus 9257 or Geometry 9255")
  func rule11() {
    let teacher = Self.document("TC1", "Single Subject Teaching Credential", [("R1S", "ENGL"), ("SMAB", "IM2")])
    #expect(Self.decide("9249", grade: .g11, teacher).status == .authorized)
    #expect(Self.decide("9248", grade: .g11, teacher).status == .authorized)
    #expect(Self.decide("9257", grade: .g11, teacher).findings[0].rule == "course.grade9_restriction")
    #expect(Self.decide("9255", grade: .g10, teacher).findings[0].rule == "course.grade9_restriction")
  }

  @Test("Rule 12 (bundled catalog): a Specific SMA in Chemistry on an MS credential covers 9325 at grade 12")
  func rule12() {
    let decision = Self.decide(
      "9325", grade: .g12, Self.document("TC2", "Multiple Subject Teaching Credential", [("SMAA", "CHEM")]))
    #expect(decision.status == .authorized)
    #expect(decision.tamoOutcome == .clear)
  }
}
