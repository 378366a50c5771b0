import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Web pages and JSON API")
struct WebTests {
  @Test(
    "Signing in: CSRF-protected form, session cookie, dashboard; wrong password stays on the form",
    arguments: TestBackend.available)
  func signIn(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, _ in
      let browser = Browser(app)
      #expect(try await browser.request(.GET, "/").status == .seeOther)
      let bad = try await browser.signIn("county.analyst", password: "not the password")
      #expect(bad.status == .unauthorized)
      #expect(bad.body.string.contains("role=\"alert\""))
      let ok = try await browser.signIn("county.analyst")
      #expect(ok.status == .seeOther)
      #expect(browser.cookies["credo_session"] != nil)
      let dashboard = try await browser.request(.GET, "/")
      #expect(dashboard.status == .ok)
      #expect(dashboard.body.string.contains("<h1>Dashboard</h1>"))
      #expect(dashboard.headers.first(name: "Content-Security-Policy") != nil)
      // Without the hidden field the login is refused, whatever the password.
      let other = Browser(app)
      _ = try await other.request(.GET, "/login")
      #expect(
        try await other.request(.POST, "/login", form: ["username": "admin", "password": DemoLoader.password]).status
          == .forbidden)
    }
  }

  @Test("Forms need the session's CSRF token", arguments: TestBackend.available)
  func csrf(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let browser = Browser(app)
      _ = try await browser.signIn("county.analyst")
      let list = try await browser.request(.GET, "/api/v1/educators?limit=1").body.string
      let json = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [String: Any])
      let id = try #require(((json["items"] as? [[String: Any]])?.first?["id"]) as? String)
      let form = [
        "seid": "", "first_name": "Changed", "middle_name": "", "last_name": "Person", "birth_date": "", "email": "",
      ]
      #expect(try await browser.request(.POST, "/educators/\(id)/edit", form: form).status == .forbidden)
      let token = try await browser.csrf(on: "/educators/\(id)/edit")
      var withToken = form
      withToken["_csrf"] = token
      #expect(try await browser.request(.POST, "/educators/\(id)/edit", form: withToken).status == .seeOther)
      let page = try await browser.request(.GET, "/educators/\(id)").body.string
      #expect(page.contains("Person, Changed"))
      #expect(page.contains("id=\"history\""))
      // Invalid values come back with the field marked.
      withToken["birth_date"] = "not a date"
      let invalid = try await browser.request(.POST, "/educators/\(id)/edit", form: withToken)
      #expect(invalid.status == .unprocessableEntity)
      #expect(invalid.body.string.contains("aria-invalid=\"true\""))
      _ = services
    }
  }

  @Test(
    "District A's analyst gets nothing of district B from any page, API route or export",
    arguments: TestBackend.available)
  func scopeMatrix(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let admin = try await demoViewer(services, "admin")
      let everyone = try await EducatorRecords(services).list(EducatorFilter(), window: .all(sort: "name"), by: admin)
      let bViewer = try await demoViewer(services, "district.b")
      let districtB = try #require(bViewer.roles.first?.place.district)
      let districtBName = try #require(bViewer.roles.first?.organizationName)
      let onlyB = everyone.items.filter { item in item.employments.allSatisfy { $0.record.place.district == districtB }
      }
      let bPerson = try #require(onlyB.first).educator
      let bSchool = try #require(
        try await Directory(services).list(
          OrganizationFilter(kind: .school, district: districtB), window: .init(sort: "name"), by: admin
        ).items.first)

      let browser = Browser(app)
      _ = try await browser.signIn("district.a")
      let denied: [String] = [
        "/educators/\(bPerson.id.uuidString.lowercased())", "/educators/\(bPerson.id.uuidString.lowercased())/edit",
        "/api/v1/educators/\(bPerson.id.uuidString)", "/organizations/\(CDSCode(district: districtB).digits)",
        "/organizations/\(bSchool.cdsCode.digits)", "/api/v1/organizations/\(bSchool.cdsCode.digits)",
      ]
      for path in denied {
        #expect(try await browser.request(.GET, path).status == .notFound, "\(path) should be hidden from district A")
      }
      let listings = [
        "/educators", "/educators?format=csv", "/api/v1/educators?limit=1000", "/organizations",
        "/organizations?format=csv", "/api/v1/organizations?limit=1000", "/", "/educators?q=\(bPerson.lastName)",
        "/educators?district=\(districtB.digits)&format=csv", "/api/v1/educators?district=\(districtB.digits)",
      ]
      for path in listings {
        let body = try await browser.request(.GET, path).body.string
        #expect(!body.contains(districtBName), "\(path) mentions district B")
        #expect(
          !body.contains(bPerson.id.uuidString.lowercased()) && !body.contains(bPerson.id.uuidString),
          "\(path) shows a B educator")
        #expect(!body.contains(bSchool.cdsCode.digits), "\(path) shows a B school")
      }
      // Administration is for administrators.
      #expect(try await browser.request(.GET, "/admin/users").status == .forbidden)
    }
  }

  @Test(
    "The API answers problem+json, takes API tokens, and is described by the OpenAPI document",
    arguments: TestBackend.available)
  func api(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let anonymous = try await app.testing().sendRequest(.GET, "/api/v1/educators")
      #expect(anonymous.status == .unauthorized)
      #expect(anonymous.headers.first(name: .contentType) == "application/problem+json")
      #expect(anonymous.body.string.contains("\"status\":401"))
      let viewer = try await demoViewer(services, "county.analyst")
      let (token, _) = try await Accounts(services).createAPIToken(name: "test", for: "county.analyst", by: viewer)
      let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
      let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers)
      #expect(me.status == .ok && me.body.string.contains("\"username\":\"county.analyst\""))
      let missing = try await app.testing().sendRequest(.GET, "/api/v1/educators/\(UUID())", headers: headers)
      #expect(missing.status == .notFound && missing.headers.first(name: .contentType) == "application/problem+json")
      let forged = try await app.testing().sendRequest(
        .GET, "/api/v1/me", headers: ["Authorization": "Bearer credo_nope"])
      #expect(forged.status == .unauthorized)

      let document = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
      let json = try #require(try JSONSerialization.jsonObject(with: Data(document.body.string.utf8)) as? [String: Any])
      let paths = try #require(json["paths"] as? [String: Any])
      let routes = app.routes.all.map {
        "/"
          + $0.path.map { component -> String in
            if case .parameter(let name) = component { return "{\(name)}" }
            return component.description
          }.joined(separator: "/")
      }.filter { $0.hasPrefix("/api/v1/") && $0 != "/api/v1/openapi.json" }
      #expect(!routes.isEmpty)
      for route in routes {
        let documented = route.replacingOccurrences(of: "{id}", with: "{id}")
        #expect(paths[documented] != nil, "\(route) is not in the OpenAPI document")
      }
      #expect(Set(paths.keys) == Set(routes))
    }
  }

  @Test("Health, stylesheet and friendly error pages", arguments: TestBackend.available)
  func shell(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, _ in
      let health = try await app.testing().sendRequest(.GET, "/healthz")
      #expect(
        health.status == .ok
          && health.body.string.contains("\"database\":\"\(backend == .sqlite ? "sqlite" : "postgresql")\""))
      #expect(try await app.testing().sendRequest(.GET, "/static/credo.css").body.string.contains("@media print"))
      let browser = Browser(app)
      _ = try await browser.signIn("admin")
      let missing = try await browser.request(.GET, "/organizations/99999999999999")
      #expect(missing.status == .notFound)
      #expect(missing.body.string.contains("Back to the dashboard"))
      let users = try await browser.request(.GET, "/admin/users")
      #expect(users.status == .ok && users.body.string.contains("county.analyst"))
      let csv = try await browser.request(.GET, "/organizations?kind=school&format=csv")
      #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
      #expect(csv.body.string.split(separator: "\r\n").count == 7)  // header + 6 schools
    }
  }
}
