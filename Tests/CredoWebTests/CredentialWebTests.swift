import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Credential pages")
struct CredentialWebTests {
  @Test(
    "The educator page shows documents with validity and what the educator may teach", arguments: TestBackend.available)
  func educatorPage(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let admin = try await demoViewer(services, "admin")
      // Someone with a valid Single Subject credential in the demo county.
      let people = try await EducatorRecords(services).list(EducatorFilter(), window: .all(sort: "name"), by: admin)
      var chosen: Educator?
      for person in people.items {
        let documents = try await CredentialRepository(services.database.sql).current(educatorId: person.educator.id)
        if DocumentValidity.valid(documents, on: services.today.date).valid.contains(where: { $0.documentCode == "TC1" }
        ) {
          chosen = person.educator
          break
        }
      }
      let educator = try #require(chosen)
      let browser = Browser(app)
      _ = try await browser.signIn("county.analyst")
      let page = try await browser.request(.GET, "/educators/\(educator.id.uuidString.lowercased())").body.string
      #expect(page.contains("id=\"documents\""))
      #expect(page.contains("Single Subject Teaching Credential"))
      #expect(page.contains("What this educator may teach"))
      #expect(page.contains("id=\"teachable-count\""))
    }
  }

  @Test("Who may teach: a course and grade, in scope; bad input names the field", arguments: TestBackend.available)
  func whoMayTeach(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let browser = Browser(app)
      _ = try await browser.signIn("district.a")
      let result = try await browser.request(.GET, "/credentials/who-may-teach?course=1000&grade=3")
      #expect(result.status == .ok)
      let body = result.body.string
      #expect(body.contains("id=\"candidates\""))
      let districtB = try await demoViewer(services, "district.b").roles.first!.organizationName
      #expect(!body.contains(districtB))
      let bad = try await browser.request(.GET, "/credentials/who-may-teach?course=nope&grade=14")
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.body.string.contains("grade") && bad.body.string.contains("course"))
      let csv = try await browser.request(.GET, "/credentials/expiring?days=365&format=csv")
      #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
      #expect(csv.body.string.hasPrefix("seid,last_name,first_name,document_number"))
      #expect(try await browser.request(.GET, "/credentials/unregistered").status == .ok)
      #expect(try await browser.request(.GET, "/credentials/employment-status").status == .ok)
    }
  }
}
