import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import SQLKit
import Testing

/// The dashboard's compliance counts (issue 5) are written as SQL tuned for the state year (IN lists, index-only
/// counts, `+column` on SQLite). These tests count the same things in Swift from the tables as they are, for viewers
/// of every reach, so a faster query that counts something else fails.
@Suite("Dashboard compliance counts")
struct ComplianceCountsTests {
  struct Employment {
    var educatorId: UUID
    var place: OrganizationPlace
    var start: CalendarDate
    var end: CalendarDate?
  }

  func employments(_ db: any SQLDatabase) async throws -> [Employment] {
    try await db.raw(
      "SELECT educator_id, county_code, district_code, school_cds, start_date, end_date FROM employments"
    )
    .all().map { row in
      let county = try #require(CountyCode(try row.decode(column: "county_code", as: String.self)))
      return Employment(
        educatorId: try row.decode(column: "educator_id", as: UUID.self),
        place: OrganizationPlace(
          county: county, district: DistrictCode(try row.decode(column: "district_code", as: String.self)),
          school: try row.decode(column: "school_cds", as: String?.self).flatMap { CDSCode($0) }),
        start: try #require(CalendarDate(parsing: try row.decode(column: "start_date", as: String.self))),
        end: try row.decode(column: "end_date", as: String?.self).flatMap { CalendarDate(parsing: $0) })
    }
  }

  @Test(
    "Expiring windows, months and 'expired, still assigned' equal counts made in Swift, for every viewer's scope",
    arguments: TestBackend.available)
  func countsMatchTheRecords(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let db = services.database.sql
      let today = services.today.date
      let all = try await employments(db)
      let educatorIds = Array(Set(all.map(\.educatorId)))
      let documents = try await CredentialRepository(db).current(educatorIds: educatorIds)
      // The demo must exercise the count: employees whose documents all lapsed.
      let employedToday = all.filter { $0.start <= today && ($0.end.map { $0 >= today } ?? true) }
      #expect(employedToday.count > 10)
      var lapsedOnly = 0
      for employment in employedToday {
        let held = documents[employment.educatorId] ?? []
        if held.contains(where: { ($0.expirationDate.map { $0 < today } ?? false) })
          && !held.contains(where: { $0.status == .active && ($0.expirationDate.map { $0 >= today } ?? true) })
        {
          lapsedOnly += 1
        }
      }
      #expect(lapsedOnly > 0, "the demo should include employees with only lapsed documents")

      var viewers: [(String, Viewer)] = [("system", .system())]
      for username in ["county.analyst", "district.a", "principal"] {
        viewers.append((username, try await demoViewer(services, username)))
      }
      var countyExpiring = 0
      for (username, viewer) in viewers {
        let scope = try viewer.require(.viewRecords, "test")
        let summary = try await Dashboard(services).compliance(by: viewer)

        // An educator is in scope when any of their employments is.
        let inScope = Set(all.filter { scope.covers($0.place) }.map(\.educatorId))
        let counted = documents.filter { inScope.contains($0.key) }.values.flatMap { $0 }.filter {
          [.active, .expired].contains($0.status)
        }
        for window in summary.expiring {
          let through = today.adding(days: window.days)
          let expected = counted.filter { d in d.expirationDate.map { $0 >= today && $0 <= through } ?? false }.count
          #expect(window.documents == expected, "\(username), \(window.days) days")
        }
        let yearEnd = today.adding(days: 366)
        for month in summary.byMonth {
          let expected = counted.filter { d in
            guard let e = d.expirationDate, e >= today, e <= yearEnd else { return false }
            return String(e.iso.prefix(7)) == month.month
          }.count
          #expect(month.documents == expected, "\(username), \(month.month)")
        }

        // Still assigned: an employment in scope current today, its educator holding a lapsed document and nothing
        // active and unexpired (EC 44830).
        var stillAssigned: Set<UUID> = []
        for employment in employedToday where scope.covers(employment.place) {
          let held = documents[employment.educatorId] ?? []
          let lapsed = held.contains { $0.expirationDate.map { $0 < today } ?? false }
          let valid = held.contains { $0.status == .active && ($0.expirationDate.map { $0 >= today } ?? true) }
          if lapsed && !valid { stillAssigned.insert(employment.educatorId) }
        }
        #expect(summary.expiredStillAssigned == stillAssigned.count, "\(username)")
        if username == "county.analyst" { countyExpiring = summary.expiring.last?.documents ?? 0 }
      }
      #expect(countyExpiring > 0, "the demo should have documents expiring within 90 days")
    }
  }
}
