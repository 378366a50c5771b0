import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

@Suite("Credential lists, what an educator may teach, who may teach a course")
struct CredentialListsTests {
  @Test(
    "Expiring and unregistered lists; recording a forwarding takes a document off the list",
    arguments: TestBackend.available)
  func lists(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)  // today: 2026-09-15
      _ = try await CredentialImport(services).run(
        data: try fixture("credentials-good.csv"), fileName: "c.csv", by: .system())
      let lists = CredentialLists(services)
      let expiring = try await lists.expiring(withinDays: 90, window: .init(sort: "expiration"), by: .system())
      // María's Multiple Subject clear expires 2026-12-01, within 90 days; Lee's lapsed in 2025.
      #expect(expiring.items.map(\.document.documentNumber) == ["190012345"])
      #expect(try await lists.expiring(withinDays: 30, window: .init(sort: "expiration"), by: .system()).total == 0)
      let unregistered = try await lists.unregistered(window: .init(sort: "issued"), by: .system())
      // Only active documents count: the suspended bilingual authorization is not listed.
      #expect(unregistered.items.map(\.document.documentNumber) == ["190012346"])
      try await lists.recordForwarding(documentNumber: "190012346", by: .system())
      #expect(try await lists.unregistered(window: .init(sort: "issued"), by: .system()).total == 0)
    }
  }

  @Test("What an educator may teach follows the crosswalk and validity on the date", arguments: TestBackend.available)
  func teachable(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      let catalog = try await Catalog(services).current()
      _ = try await CredentialImport(services).run(
        data: try fixture("credentials-good.csv"), fileName: "c.csv", by: .system())
      let lee = try #require(try await EducatorRepository(db.sql).find(seid: SEID("1000000002")!))
      let maria = try #require(try await EducatorRepository(db.sql).find(seid: SEID("1000000001")!))
      let lists = CredentialLists(services)
      // Lee's Single Subject credential lapsed 2025-07-01: nothing.
      #expect(try await lists.teachable(educatorId: lee.id, catalog: catalog, by: .system()).isEmpty)
      // Multiple Subject: the self-contained class, course 1000 (T5 §80003; domain rule 1).
      #expect(
        try await lists.teachable(educatorId: maria.id, catalog: catalog, by: .system()).contains {
          $0.rule.courseCode == "1000"
        })
      // After the renewal, Single Subject Mathematics covers Algebra I, 9249 (domain rule 6).
      _ = try await CredentialImport(services).run(
        data: try fixture("credentials-updated.csv"), fileName: "u.csv", by: .system())
      let courses = try await lists.teachable(educatorId: lee.id, catalog: catalog, by: .system())
      #expect(courses.contains { $0.rule.courseCode == "9249" && $0.rule.authorizationCode == "R1S" })
      let who = try await lists.whoMayTeach(
        courseCode: "9249", grade: .g10, district: nil, catalog: catalog, by: .system())
      #expect(who.candidates.map(\.educator.lastName) == ["Lee"])
    }
  }

  @Test("Employment status findings agree with the rule for every employee listed", arguments: TestBackend.available)
  func employmentStatus(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let analyst = try await demoViewer(services, "county.analyst")
      let findings = try await CredentialLists(services).employmentMismatches(by: analyst)
      #expect(!findings.isEmpty)
      for finding in findings {
        let documents = try await CredentialRepository(services.database.sql).current(educatorId: finding.educator.id)
        let valid = DocumentValidity.valid(documents, on: services.today.date).valid
        #expect(
          EmploymentDocumentRequirement.check(finding.employment.record.status, validDocuments: valid)
            == finding.finding)
      }
    }
  }
}

@Suite("Entering a document by hand")
struct CredentialEntryTests {
  @Test("The form validates like a file row; saving again adds a version", arguments: TestBackend.available)
  func entry(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let analyst = try await demoViewer(services, "district.a")
      let person = try #require(
        try await EducatorRecords(services).list(EducatorFilter(), window: .init(sort: "name"), by: analyst).items.first
        {
          $0.educator.seid != nil
        })
      let entry = CredentialEntry(services)
      var form = DocumentForm(
        values: [
          "document_number": "999000111", "document_code": "TC1",
          "document_title": "Single Subject Teaching Credential",
          "term": "Clear", "issue_date": "2024-07-01", "expiration_date": "2020-07-01", "status": "active",
        ], authorizations: "R1S MATH major")
      do {
        try await entry.save(educatorId: person.educator.id, form: form, by: analyst)
        Issue.record("accepted an expiration before the issue date")
      } catch CoreError.invalid(let problems) {
        #expect(problems.map(\.field) == ["expiration_date"])
      }
      form.values["expiration_date"] = "2029-07-01"
      let saved = try await entry.save(educatorId: person.educator.id, form: form, by: analyst)
      #expect(
        saved.version == 1
          && saved.authorizations == [
            DocumentAuthorization(authorizationCode: "R1S", subjectCode: "MATH", subjectKind: .major)
          ])
      form.values["expiration_date"] = "2030-07-01"
      #expect(try await entry.save(educatorId: person.educator.id, form: form, by: analyst).version == 2)
      let history = try await CredentialRepository(services.database.sql).history(educatorId: person.educator.id)
      #expect(history.filter { $0.document.documentNumber == "999000111" }.map(\.document.version) == [2, 1])
      let principal = try await demoViewer(services, "principal")
      await #expect(throws: CoreError.self) {
        try await entry.save(educatorId: person.educator.id, form: form, by: principal)
      }
    }
  }
}
