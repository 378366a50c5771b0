import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

@Suite("Records: scope, edits, confidential notes, demo data")
struct RecordsTests {
  @Test("The demo data set is deterministic and realistic in shape")
  func demoDeterministic() {
    let today = CalendarDate(year: 2026, month: 9, day: 15)!
    let a = DemoDataSet.generate(size: .small, today: today)
    let b = DemoDataSet.generate(size: .small, today: today)
    #expect(a.educators == b.educators && a.organizations == b.organizations)
    #expect(a.educators.count == 60)
    #expect(Set(a.educators.compactMap(\.seid)).count == a.educators.compactMap(\.seid).count)
    #expect(a.organizations.filter { $0.kind == .district }.count == 3)  // COE + 2 districts
    let county = DemoDataSet.generate(size: .county, today: today)
    #expect(county.educators.count == 6_000)
    #expect((11...13).contains(county.organizations.filter { $0.kind == .district && $0.ownershipCode != "00" }.count))
  }

  @Test(
    "District A's analyst gets nothing of district B from lists, pages or exports", arguments: TestBackend.available)
  func scopeMatrix(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let viewer = try await demoViewer(services, "district.a")
      let roles = viewer.roles
      let districtA = try #require(roles.first?.place.district)
      let records = EducatorRecords(services)
      for export in [false, true] {
        let page = try await records.list(EducatorFilter(), window: .all(sort: "name"), by: viewer, forExport: export)
        #expect(page.total > 0)
        for item in page.items {
          #expect(!item.employments.isEmpty)
          #expect(item.employments.allSatisfy { $0.record.place.district == districtA })
        }
        let organizations = try await Directory(services).list(
          OrganizationFilter(), window: .all(sort: "name"), by: viewer, forExport: export)
        #expect(organizations.items.allSatisfy { $0.cdsCode.districtCode == districtA && $0.kind != .county })
      }
      // Every educator of the county that the analyst cannot see is refused one by one, too.
      let all = try await EducatorRepository(services.database.sql).list(
        EducatorFilter(), scope: .everything, window: .all(sort: "name"))
      let hidden = all.items.filter { !$0.employments.contains { $0.record.place.district == districtA } }
      #expect(!hidden.isEmpty)
      for item in hidden.prefix(5) {
        await #expect(throws: CoreError.notFound("Educator")) {
          _ = try await records.detail(id: item.educator.id, by: viewer)
        }
      }
      let districtB = try await demoViewer(services, "district.b").roles.first!.place
      await #expect(throws: CoreError.self) {
        _ = try await Directory(services).detail(
          cds: CDSCode(district: districtB.district!), childWindow: .init(sort: "name"), by: viewer)
      }
    }
  }

  @Test("Edits are validated, saved and kept in the history with old and new values", arguments: TestBackend.available)
  func edits(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let viewer = try await demoViewer(services, "county.analyst")
      let records = EducatorRecords(services)
      let first = try #require(
        try await records.list(EducatorFilter(), window: .init(sort: "name"), by: viewer).items.first)
      let e = first.educator
      await #expect(throws: CoreError.self) {
        try await records.update(
          id: e.id,
          changes: EducatorChanges(
            seid: "12", firstName: "", middleName: "", lastName: e.lastName, birthDate: "someday", email: ""),
          by: viewer)
      }
      try await records.update(
        id: e.id,
        changes: EducatorChanges(
          seid: e.seid?.digits ?? "", firstName: e.firstName, middleName: "Q", lastName: e.lastName,
          birthDate: "1985-03-04", email: e.email),
        by: viewer)
      let detail = try await records.detail(id: e.id, by: viewer)
      #expect(detail.educator.middleName == "Q" && detail.educator.birthDate?.iso == "1985-03-04")
      let change = try #require(detail.history.first)
      #expect(change.actorName == "county.analyst")
      #expect(
        change.changes.contains(AuditChange(field: "middle_name", oldValue: e.middleName.nilIfEmpty, newValue: "Q")))
      // A principal may read but not edit.
      let principal = try await demoViewer(services, "principal")
      let theirs = try #require(
        try await records.list(EducatorFilter(), window: .init(sort: "name"), by: principal).items.first)
      await #expect(throws: CoreError.self) {
        try await records.update(
          id: theirs.educator.id,
          changes: EducatorChanges(seid: "", firstName: "X", middleName: "", lastName: "Y", birthDate: "", email: ""),
          by: principal)
      }
    }
  }

  @Test(
    "Criminal history notes: only the custodian reads them, and every read is logged (PC 11105)",
    arguments: TestBackend.available)
  func confidentialNotes(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let custodian = try await demoViewer(services, "custodian")
      let analyst = try await demoViewer(services, "county.analyst")
      let records = EducatorRecords(services)
      let someone = try #require(
        try await records.list(EducatorFilter(), window: .init(sort: "name"), by: analyst).items.first
      ).educator
      try await records.addNote(
        educatorId: someone.id, category: .criminalHistory, body: "Subsequent arrest notice 2026-09-01.", by: custodian)
      await #expect(throws: CoreError.self) {
        try await records.addNote(educatorId: someone.id, category: .criminalHistory, body: "x", by: analyst)
      }
      let seenByAnalyst = try await records.detail(id: someone.id, by: analyst)
      #expect(!seenByAnalyst.notes.contains { $0.category == .criminalHistory })
      // Even that a criminal-history record exists is not disclosed to those who may not read it (PC 11142).
      #expect(seenByAnalyst.restrictedNoteCounts[.criminalHistory] == nil)
      let principal = try await demoViewer(services, "principal")
      if let theirs = try await records.list(EducatorFilter(), window: .init(sort: "name"), by: principal).items.first {
        try await records.addNote(educatorId: theirs.educator.id, category: .discipline, body: "Letter.", by: custodian)
        #expect(try await records.detail(id: theirs.educator.id, by: principal).restrictedNoteCounts[.discipline] == 1)
      }
      #expect(try await AuditRepository(services.database.sql).accessLog(subjectId: someone.id).isEmpty)
      let seenByCustodian = try await records.detail(id: someone.id, by: custodian)
      #expect(seenByCustodian.notes.contains { $0.body == "Subsequent arrest notice 2026-09-01." })
      _ = try await records.detail(id: someone.id, by: custodian)
      let log = try await AuditRepository(services.database.sql).accessLog(subjectId: someone.id)
      #expect(log.count == 2 && log.allSatisfy { $0.username == "custodian" && $0.category == "criminal_history" })
      // The audit trail records that a note was added, never its confidential text.
      let history = try await AuditRepository(services.database.sql).history(
        entityType: "educator", entityId: someone.id)
      #expect(history.flatMap(\.changes).allSatisfy { $0.newValue?.contains("arrest") != true })
    }
  }

  @Test("Configuration refuses to start, listing every invalid setting")
  func configuration() {
    do {
      _ = try CredoConfiguration.resolve(
        flags: .init(database: "mysql://x", port: 70000, logLevel: "loud"),
        environment: ["CREDO_PUBLIC_URL": "ftp://x", "CREDO_SESSION_HOURS": "-1"])
      Issue.record("accepted")
    } catch {
      #expect(
        Set(error.problems.map(\.setting)) == ["database", "port", "public URL", "session lifetime", "log level"])
      #expect(error.description.contains("--port"))
    }
    let ok = try? CredoConfiguration.resolve(
      flags: .init(), environment: ["CREDO_DATABASE_URL": "sqlite::memory:", "CREDO_PORT": "9000"])
    #expect(ok?.port == 9000 && ok?.database.isSQLite == true && ok?.secureCookies == false)
  }
}
