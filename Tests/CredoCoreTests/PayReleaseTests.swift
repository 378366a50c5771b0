import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

/// Pay release stored and re-run on the small demo county (periods set up and evaluated when it loads).
@Suite("Pay release: holds before payday, scoped, re-run idempotently, with the history of holds and releases")
struct PayReleaseTests {
  func districtCode(_ services: CredoServices, _ username: String) async throws -> DistrictCode {
    let viewer = try await demoViewer(services, username)
    return try #require(viewer.roles.first?.place.district)
  }

  @Test(
    "The demo's next payday has holds with reasons; analysts and payroll see their district's only (EC 45037)",
    arguments: TestBackend.available)
  func scoping(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let pay = PayRelease(services)
      let county = try await demoViewer(services, "county.analyst")
      let a = try await districtCode(services, "district.a")
      let next = try await pay.nextPeriods(by: county)
      // One next period per district.
      #expect(next.count >= 2 && Set(next.map(\.district)).count == next.count)
      #expect(next.allSatisfy { $0.payday > services.today.date })
      let all = try await pay.holds(
        filter: PayHoldFilter(periodIds: next.map(\.id)), window: .all(sort: "name"), by: county)
      #expect(all.total > 0)
      #expect(all.items.allSatisfy { $0.stored.decision.status == .held && !$0.stored.decision.reasons.isEmpty })
      #expect(all.items.allSatisfy { $0.stored.decision.reasons.allSatisfy { $0.citation.contains("EC 45037") } })

      for username in ["district.a", "payroll"] {
        let viewer = try await demoViewer(services, username)
        let mine = try await pay.holds(
          filter: PayHoldFilter(periodIds: next.map(\.id)), window: .all(sort: "name"), by: viewer)
        #expect(mine.items.allSatisfy { $0.stored.period.district == a })
        #expect(mine.total == all.items.filter { $0.stored.period.district == a }.count)
      }
      let principal = try await demoViewer(services, "principal")
      #expect(try await pay.holds(filter: PayHoldFilter(), window: .all(sort: "name"), by: principal).total == 0)
      let b = try await demoViewer(services, "district.b")
      let theirs = try await pay.holds(filter: PayHoldFilter(), window: .all(sort: "name"), by: b)
      #expect(theirs.items.allSatisfy { $0.stored.period.district != a })
      let periodA = try #require(next.first { $0.district == a })
      await #expect(throws: CoreError.notFound("Pay period")) { try await pay.evaluate(periodId: periodA.id, by: b) }

      // The payroll export: one row per hold, the documented columns.
      let csvRow = PayRelease.csvRow(try #require(all.items.first))
      #expect(csvRow.count == PayRelease.csvHeader.count && csvRow[8] == "hold")
    }
  }

  @Test(
    "Re-running changes nothing; a renewal clears a hold, which the history shows as released with why",
    arguments: TestBackend.available)
  func rerunAndRelease(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let pay = PayRelease(services)
      let county = try await demoViewer(services, "county.analyst")
      let a = try await districtCode(services, "district.a")
      let period = try await pay.period(district: a, on: nil, by: county)
      let again = try await pay.evaluate(periodId: period.id, by: county)
      #expect(again.run.changed == 0 && again.newlyHeld.isEmpty && again.newlyReleased.isEmpty)
      #expect(again.held > 0)

      // Give one held employee a document covering the period: the next run releases them.
      let held = try #require(again.decisions.first { $0.status == .held })
      let educator = try #require(try await EducatorRepository(services.database.sql).find(id: held.educatorId))
      let renewed = CredentialDocument(
        id: UUID(), educatorId: educator.id, documentNumber: "RENEW-\(educator.id.uuidString.prefix(8))",
        documentCode: "TC1", title: "Single Subject", term: .clear, issueDate: period.start.adding(days: -30),
        expirationDate: period.end.adding(days: 1_800), status: .active, authorizations: [])
      try await CredentialRepository(services.database.sql).insertVersions(
        [renewed], source: "test", recordedBy: "test", at: services.now)
      let after = try await pay.evaluate(periodId: period.id, by: county)
      #expect(after.newlyReleased == [educator.id])
      #expect(after.run.changed == 1)
      let history = try await pay.history(educatorId: educator.id, by: county)
      let latest = try #require(history.first { $0.period.id == period.id })
      #expect(latest.status == .released && latest.previousStatus == .held)
      #expect(latest.explanation.contains(renewed.documentNumber))
      #expect(history.contains { $0.period.id == period.id && $0.status == .held })
      // Another district's analyst sees none of it.
      let b = try await demoViewer(services, "district.b")
      #expect(try await pay.history(educatorId: educator.id, by: b).allSatisfy { $0.period.district != a })
    }
  }

  @Test(
    "Warnings are due from the configured days before payday, one per held employee and period",
    arguments: TestBackend.available)
  func warnings(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let county = try await demoViewer(services, "county.analyst")
      let a = try await districtCode(services, "district.a")
      let period = try await PayRelease(services).period(district: a, on: nil, by: county)
      let until = services.today.date.days(until: period.payday)
      let early = try await PayRelease(services, warningDays: until - 1).evaluate(periodId: period.id, by: county)
      #expect(early.notices.isEmpty)
      let due = try await PayRelease(services, warningDays: until).evaluate(periodId: period.id, by: county)
      #expect(due.notices.count == due.held && due.held > 0)
      #expect(Set(due.notices.map(\.trigger)).count == due.notices.count)
      #expect(
        due.notices.allSatisfy {
          $0.template == "pay-hold" && $0.audience == [.districtAnalysts, .payroll]
            && $0.organizationId == period.districtId
            && $0.dueOn == period.payday.adding(days: -until)
        })
      // Queued in the outbox for the district's payroll and analysts, once: running the period again adds none.
      let queued = try await NoticeRepository(services.database.sql).correspondence(organizationId: period.districtId)
        .filter { $0.templateKey == "pay-hold" }
      #expect(Set(queued.map(\.trigger)) == Set(due.notices.map(\.trigger)))
      _ = try await PayRelease(services, warningDays: until).evaluate(periodId: period.id, by: county)
      let again = try await NoticeRepository(services.database.sql).correspondence(organizationId: period.districtId)
        .filter { $0.templateKey == "pay-hold" }
      #expect(again.count == queued.count)
      #expect(throws: CoreError.self) { try PayRelease.configuredWarningDays(["CREDO_PAY_WARNING_DAYS": "soon"]) }
      #expect(try PayRelease.configuredWarningDays(["CREDO_PAY_WARNING_DAYS": "5"]) == 5)
    }
  }

  @Test("Periods: added, imported from CSV, rejected whole with file, line and field", arguments: TestBackend.available)
  func periods(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let pay = PayRelease(services)
      let a = try await districtCode(services, "district.a")
      let analyst = try await demoViewer(services, "district.a")
      let added = try await pay.addPeriod(
        district: a, start: CalendarDate(parsing: "2027-06-01")!, end: CalendarDate(parsing: "2027-06-30")!,
        payday: CalendarDate(parsing: "2027-07-10")!, by: analyst)
      #expect(added.district == a)
      await #expect(throws: CoreError.self) {
        try await pay.addPeriod(
          district: a, start: CalendarDate(parsing: "2027-06-01")!, end: CalendarDate(parsing: "2027-06-30")!,
          payday: CalendarDate(parsing: "2027-07-10")!, by: analyst)
      }
      let payroll = try await demoViewer(services, "payroll")
      await #expect(throws: CoreError.forbidden("setting up pay periods")) {
        try await pay.addMonthlyPeriods(
          district: a, from: CalendarDate(parsing: "2027-08-01")!, through: CalendarDate(parsing: "2027-09-01")!,
          paydayOfNextMonth: 10, by: payroll)
      }
      let good = "district_code,start_date,end_date,payday\n\(a.digits),2027-07-01,2027-07-31,2027-08-10\n"
      #expect(try await pay.importPeriods(data: Data(good.utf8), fileName: "p.csv", by: analyst).count == 1)
      let bad =
        "district_code,start_date,end_date,payday\n\(a.digits),2027-09-01,2027-08-31,2027-09-10\n12,x,2027-10-31,2027-11-10\n"
      do {
        _ = try await pay.importPeriods(data: Data(bad.utf8), fileName: "p.csv", by: analyst)
        Issue.record("a bad periods file was accepted")
      } catch CoreError.importRejected(let file, let problems, _) {
        #expect(file == "p.csv")
        #expect(problems.contains { $0.line == 2 && $0.field == "end_date" })
        #expect(problems.contains { $0.line == 3 && $0.field == "district_code" })
        #expect(problems.contains { $0.line == 3 && $0.field == "start_date" })
      }
      #expect(try await pay.periods(district: a, by: analyst).filter { $0.start.year == 2027 }.count == 2)
    }
  }
}
