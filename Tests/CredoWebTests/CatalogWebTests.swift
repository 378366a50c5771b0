import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

/// The catalog pages and API. Facts come from the bundled catalog's sources: the CTC crosswalk "Appropriate
/// Credentials for CALPADS State Course Codes" (9325 Chemistry ← TC1/R1S Science: Chemistry, R1A and SMAA CHEM;
/// R2B rows limited to "Grade 9 and below") and CALPADS Valid Code Combinations v12.0 (9325 Chemistry, content
/// area 21 Science).
@Suite("Reference catalog pages and API")
struct CatalogWebTests {
  @Test(
    "Which documents authorize course 9325: every rule with document, authorization, subject, coverage",
    arguments: TestBackend.available)
  func coursePage(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, _ in
      let browser = Browser(app)
      _ = try await browser.signIn("district.b")
      let page = try await browser.request(.GET, "/catalog/courses/9325")
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("<h1>9325 Chemistry</h1>"))
      #expect(html.contains("Which documents authorize course 9325"))
      #expect(html.contains("href=\"/catalog/authorizations/R1S\""))
      #expect(html.contains("TC1 Single Subject Teaching Credential"))
      #expect(html.contains("SC Science: Chemistry"))
      #expect(html.contains("Limited to specific subject area only"))
      #expect(html.contains("SEC 9-12"))
      #expect(html.contains("aria-current=\"page\">Catalog</a>"))
      #expect(try await browser.request(.GET, "/catalog/courses/0001").status == .notFound)
      #expect(try await browser.request(.GET, "/catalog/courses/abc").status == .notFound)

      let list = try await browser.request(.GET, "/catalog/courses?q=chemistry&active=yes&sort=name").body.string
      #expect(list.contains("href=\"/catalog/courses/9325\""))
      #expect(!list.contains("href=\"/catalog/courses/1000\""))
      let index = try await browser.request(.GET, "/catalog").body.string
      #expect(index.contains("CALPADS Valid Code Combinations v12.0"))
      #expect(index.contains("2020-07-01"))
    }
  }

  @Test("What R2B covers: courses grouped by content area, with restrictions", arguments: TestBackend.available)
  func authorizationPage(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, _ in
      let browser = Browser(app)
      _ = try await browser.signIn("county.analyst")
      let page = try await browser.request(.GET, "/catalog/authorizations/R2B")
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("<h1>R2B Supplementary Authorization</h1>"))
      #expect(html.contains("<h3>18 Mathematics</h3>"))
      #expect(html.contains("Grade 9 and below; All curriculum levels"))
      let math = try await browser.request(.GET, "/catalog/authorizations/R2B?subject=MATH").body.string
      #expect(math.contains("<td>MATH Mathematics</td>"))
      #expect(!math.contains("<td>ENGL English</td>"))
      #expect(try await browser.request(.GET, "/catalog/authorizations/NOPE").status == .notFound)
    }
  }

  @Test("CSV export of the course list needs the export permission", arguments: TestBackend.available)
  func export(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, _ in
      let browser = Browser(app)
      _ = try await browser.signIn("county.analyst")
      let csv = try await browser.request(.GET, "/catalog/courses?format=csv&area=21")
      #expect(csv.status == .ok)
      #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
      #expect(csv.body.string.hasPrefix("code,name,content_area_code"))
      #expect(csv.body.string.contains("9325,Chemistry,21,Science"))
    }
  }

  @Test("JSON API: a course's rules and an authorization's courses", arguments: TestBackend.available)
  func api(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let viewer = try await demoViewer(services, "county.analyst")
      let (token, _) = try await Accounts(services).createAPIToken(name: "test", for: "county.analyst", by: viewer)
      let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
      let course = try await app.testing().sendRequest(.GET, "/api/v1/catalog/courses/9325", headers: headers)
      #expect(course.status == .ok)
      let json = try #require(try JSONSerialization.jsonObject(with: Data(course.body.string.utf8)) as? [String: Any])
      #expect(json["name"] as? String == "Chemistry")
      let rules = try #require(json["authorizations"] as? [[String: Any]])
      #expect(
        rules.contains {
          $0["authorization_code"] as? String == "R1S" && $0["subject_code"] as? String == "SC"
            && $0["coverage"] as? String == "full"
        })
      let tables = try #require(json["catalog"] as? [[String: Any]])
      #expect(tables.contains { $0["kind"] as? String == "course-authorizations" && $0["version"] as? Int == 1 })

      let auth = try await app.testing().sendRequest(
        .GET, "/api/v1/catalog/authorizations/R2B?subject=MATH", headers: headers)
      #expect(auth.status == .ok)
      let authJSON = try #require(
        try JSONSerialization.jsonObject(with: Data(auth.body.string.utf8)) as? [String: Any])
      let courses = try #require(authJSON["courses"] as? [[String: Any]])
      #expect(!courses.isEmpty && courses.allSatisfy { $0["subject_code"] as? String == "MATH" })
      #expect(
        courses.contains { ($0["restrictions"] as? [String])?.contains("Grade 9 and below") == true })
      let missing = try await app.testing().sendRequest(.GET, "/api/v1/catalog/courses/0001", headers: headers)
      #expect(missing.status == .notFound)
      #expect(missing.headers.first(name: .contentType) == "application/problem+json")
      let anonymous = try await app.testing().sendRequest(.GET, "/api/v1/catalog/courses/9325")
      #expect(anonymous.status == .unauthorized)
    }
  }
}
