import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Monitoring report pages")
struct MonitoringWebTests {
  @Test(
    "The monitoring index and every report render with a chart, a sortable table and a CSV export",
    arguments: TestBackend.available)
  func reports(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let browser = Browser(app)
      _ = try await browser.signIn("county.analyst")
      let index = try await browser.request(.GET, "/monitoring")
      #expect(index.status == .ok)
      let indexBody = index.body.string
      #expect(indexBody.contains("Assignment monitoring \(services.schoolYear)"))
      #expect(indexBody.contains("href=\"/monitoring\" aria-current=\"page\""))
      for report in ["superintendent", "williams", "exceptions", "tamo"] {
        #expect(indexBody.contains("/monitoring/reports/\(report)?year="))
      }

      let williams = try await browser.request(.GET, "/monitoring/reports/williams?sort=misassignments&dir=desc")
      #expect(williams.status == .ok)
      let body = williams.body.string
      #expect(body.contains("id=\"williams\"") && body.contains("<figure class=\"chart\""))
      // The chart is a titled image with its figures in a table for screen readers.
      #expect(body.contains("<svg role=\"img\" aria-labelledby=\"chart-misassignments-and-vacancies-"))
      #expect(body.contains("<caption>Misassignments and vacancies, \(services.schoolYear)</caption>"))
      #expect(body.contains("aria-sort=\"descending\""))
      #expect(body.contains("/monitoring/schools/"))
      // The cards add up what the table lists: the demo has misassignments to find.
      let totals = try await WilliamsReport(services).run(year: nil, by: .system()).totals
      #expect(totals.misassignments > 0)
      #expect(body.contains("id=\"total-misassignments\"><strong>\(totals.misassignments.formatted(.number))"))
      let csv = try await browser.request(.GET, "/monitoring/reports/williams?format=csv")
      #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
      #expect(csv.body.string.hasPrefix(WilliamsReport.csvHeader.joined(separator: ",")))

      for level in ["school", "district", "county"] {
        let page = try await browser.request(.GET, "/monitoring/reports/exceptions?level=\(level)")
        #expect(page.status == .ok && page.body.string.contains("id=\"exceptions\""))
      }
      #expect(
        try await browser.request(.GET, "/monitoring/reports/exceptions?level=galaxy").status == .unprocessableEntity)
      #expect(try await browser.request(.GET, "/monitoring/reports/williams?year=nope").status == .unprocessableEntity)
      let county = try await browser.request(.GET, "/monitoring/reports/exceptions?level=county&format=csv").body.string
      #expect(county.split(separator: "\r\n").count == 2)  // header + the demo county

      let superintendent = try await browser.request(.GET, "/monitoring/reports/superintendent")
      #expect(superintendent.status == .ok)
      #expect(
        superintendent.body.string.contains("id=\"trend\"") && superintendent.body.string.contains("id=\"districts\""))

      let tamo = try await browser.request(.GET, "/monitoring/reports/tamo")
      #expect(tamo.status == .ok && tamo.body.string.contains("id=\"tamo-schools\""))
      let file = try await browser.request(.GET, "/monitoring/reports/tamo?format=tsv")
      #expect(file.headers.first(name: .contentType)?.hasPrefix("text/tab-separated-values") == true)
      #expect(file.body.string.hasPrefix(TAMOFile.header + "\n"))

      // A school's master schedule audit, and its CSV.
      let principal = try await demoViewer(services, "principal")
      let school = try #require(principal.roles.first?.organizationCode)
      let schedule = try await browser.request(.GET, "/monitoring/schools/\(school.digits)/schedule")
      #expect(schedule.status == .ok)
      #expect(
        schedule.body.string.contains("id=\"schedule\"") && schedule.body.string.contains("Master schedule audit"))
      let scheduleCSV = try await browser.request(
        .GET, "/monitoring/schools/\(school.digits)/schedule?format=csv&status=exception")
      let rows = scheduleCSV.body.string.split(separator: "\r\n")
      #expect(rows.first.map(String.init) == MasterScheduleAudit.csvHeader.joined(separator: ","))
      #expect(rows.dropFirst().allSatisfy { $0.contains(",exception,") || !$0.contains(",authorized,") })
    }
  }

  @Test(
    "District A's analyst sees only district A in the reports, the API and the schedules",
    arguments: TestBackend.available)
  func scope(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let admin = try await demoViewer(services, "admin")
      let bViewer = try await demoViewer(services, "district.b")
      let districtB = try #require(bViewer.roles.first?.place.district)
      let districtBName = try #require(bViewer.roles.first?.organizationName)
      let bSchool = try #require(
        try await Directory(services).list(
          OrganizationFilter(kind: .school, district: districtB), window: .init(sort: "name"), by: admin
        ).items.first)
      let browser = Browser(app)
      _ = try await browser.signIn("district.a")
      for path in [
        "/monitoring", "/monitoring/reports/williams", "/monitoring/reports/williams?format=csv",
        "/monitoring/reports/exceptions?level=district", "/monitoring/reports/superintendent",
        "/monitoring/reports/tamo", "/monitoring/reports/tamo?format=tsv", "/api/v1/monitoring/reports/williams",
        "/api/v1/monitoring/reports/exceptions?level=county",
      ] {
        let response = try await browser.request(.GET, path)
        #expect(response.status == .ok, "\(path)")
        #expect(!response.body.string.contains(districtBName), "\(path) mentions district B")
        #expect(!response.body.string.contains(bSchool.cdsCode.digits), "\(path) shows a B school")
      }
      #expect(
        try await browser.request(.GET, "/monitoring/schools/\(bSchool.cdsCode.digits)/schedule").status == .notFound)
      #expect(
        try await browser.request(.GET, "/api/v1/monitoring/schools/\(bSchool.cdsCode.digits)/schedule").status
          == .notFound)
      // Filtering on district B from district A's scope finds nothing rather than B's numbers.
      let filtered = try await browser.request(
        .GET, "/api/v1/monitoring/reports/williams?district=\(districtB.digits)")
      #expect(filtered.body.string.contains("\"schools\":[]"))
    }
  }

  @Test("The schedule API answers JSON for a school in scope", arguments: TestBackend.available)
  func scheduleAPI(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let principal = try await demoViewer(services, "principal")
      let school = try #require(principal.roles.first?.organizationCode)
      let browser = Browser(app)
      _ = try await browser.signIn("principal")
      let response = try await browser.request(.GET, "/api/v1/monitoring/schools/\(school.digits)/schedule")
      #expect(response.status == .ok)
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
      #expect(json["cds_code"] as? String == school.digits)
      let sections = try #require(json["sections"] as? [[String: Any]])
      #expect(!sections.isEmpty)
      #expect(sections.allSatisfy { ($0["decisions"] as? [Any])?.isEmpty == false })
    }
  }
}
