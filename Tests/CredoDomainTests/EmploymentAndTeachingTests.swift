import CredoDomain
import Foundation
import Testing

@Suite("Employment status needs and crosswalk matching")
struct EmploymentAndTeachingTests {
  func doc(
    _ term: CredentialTerm, code: String = "TC1", title: String = "Single Subject Teaching Credential",
    _ auths: [DocumentAuthorization] = []
  )
    -> CredentialDocument
  {
    CredentialDocument(
      id: UUID(), educatorId: UUID(), documentNumber: "1", documentCode: code, title: title, term: term,
      issueDate: CalendarDate(year: 2024, month: 1, day: 1)!,
      expirationDate: CalendarDate(year: 2029, month: 1, day: 1)!,
      status: .active, authorizations: auths)
  }

  @Test("No valid document: no certificated service for any status (EC 44830)")
  func noDocument() {
    for status in EmploymentStatus.allCases {
      #expect(EmploymentDocumentRequirement.check(status, validDocuments: [])?.rule == "employment.no_valid_document")
    }
  }

  @Test("Permanent needs a credential; probationary a credential or intern credential (EC 44929.21, 44885.5)")
  func statuses() {
    #expect(
      EmploymentDocumentRequirement.check(.permanent, validDocuments: [doc(.permit)])?.rule
        == "employment.permanent_without_credential")
    #expect(EmploymentDocumentRequirement.check(.permanent, validDocuments: [doc(.clear)]) == nil)
    #expect(EmploymentDocumentRequirement.check(.probationary, validDocuments: [doc(.intern)]) == nil)
    #expect(EmploymentDocumentRequirement.check(.probationary, validDocuments: [doc(.waiver)]) != nil)
    #expect(EmploymentDocumentRequirement.check(.substitute, validDocuments: [doc(.permit)]) == nil)
    #expect(EmploymentDocumentRequirement.check(.provisional, validDocuments: [doc(.permit)]) == nil)
  }

  @Test("A crosswalk rule matches by authorization and subject, by document code, or by family title (T5 §80004)")
  func matching() {
    func rule(
      auth: String = "", subject: String = "", docs: [String] = [], title: String = ""
    ) -> CourseAuthorizationRule {
      CourseAuthorizationRule(
        courseCode: "9249", subcategorySuffix: nil, coverage: .full, documentCodes: docs, documentTitle: title,
        authorizationCode: auth, subjectCode: subject, subjectName: "", restrictions: [])
    }
    let math = doc(.clear, [DocumentAuthorization(authorizationCode: "R1S", subjectCode: "MATH", subjectKind: .major)])
    #expect(TeachableCourses.matches(rule(auth: "R1S", subject: "MATH"), math))
    #expect(!TeachableCourses.matches(rule(auth: "R1S", subject: "ENGL"), math))
    #expect(TeachableCourses.matches(rule(auth: "R1S"), math))
    #expect(TeachableCourses.matches(rule(docs: ["TC1"]), math))
    let ms = doc(.clear, code: "TC2", title: "Multiple Subject Teaching Credential")
    #expect(TeachableCourses.matches(rule(title: "Multiple Subject"), ms))
    #expect(!TeachableCourses.matches(rule(title: "Multiple Subject"), math))
  }
}
