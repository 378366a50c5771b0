import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

/// One suite, run on every backend: SQLite always, PostgreSQL when `scripts/test` started one (always in CI).
@Suite("Store on every backend")
struct StoreTests {
  let now = Date(timeIntervalSince1970: 1_789_491_600)

  func organization(_ code: String, name: String, parent: UUID? = nil) -> Organization {
    Organization(
      id: UUID(), cdsCode: CDSCode(code)!, parentId: parent, name: name, countyName: "Sacramento",
      districtName: "Elk Grove Unified", ownershipCode: "54", isCharter: code.hasSuffix("1"),
      gradeSpan: GradeSpan(parsing: "9-12"), openDate: CalendarDate(year: 1999, month: 8, day: 30))
  }

  @Test("Migrations apply, revert completely and apply again", arguments: TestBackend.available)
  func migrations(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      #expect(try await db.pendingMigrations().isEmpty)
      try await db.revertAll()
      #expect(try await db.pendingMigrations().count == CredoMigrations.all.count)
      try await db.migrate()
      #expect(try await OrganizationRepository(db.sql).count() == 0)
    }
  }

  @Test("Organizations round-trip every field, calendar dates and booleans included", arguments: TestBackend.available)
  func organizationsRoundTrip(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let county = organization("34000000000000", name: "Sacramento County")
      let district = organization("34673140000000", name: "Elk Grove Unified", parent: county.id)
      let school = organization("34673140000001", name: "Laguna Creek High", parent: district.id)
      let repo = OrganizationRepository(db.sql)
      try await repo.insert([county, district, school], now: now)
      let found = try #require(try await repo.find(cds: school.cdsCode))
      #expect(found == school)
      #expect(found.openDate?.iso == "1999-08-30")
      #expect(found.isCharter)
      var renamed = found
      renamed.name = "Laguna Creek High School"
      try await repo.update(renamed, now: now)
      #expect(try await repo.find(id: school.id)?.name == "Laguna Creek High School")
    }
  }

  @Test("A second organization with the same CDS code is refused as a duplicate", arguments: TestBackend.available)
  func uniqueCDS(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let repo = OrganizationRepository(db.sql)
      try await repo.insert([organization("34000000000000", name: "Sacramento County")], now: now)
      await #expect(throws: StoreError.self) {
        try await repo.insert([organization("34000000000000", name: "Again")], now: now)
      }
    }
  }

  @Test(
    "Organization lists filter by scope: a district sees itself and its schools only", arguments: TestBackend.available)
  func organizationScope(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let county = organization("34000000000000", name: "Sacramento County")
      let a = organization("34673140000000", name: "Elk Grove Unified", parent: county.id)
      let aSchool = organization("34673140000002", name: "Laguna Creek High", parent: a.id)
      let b = organization("34674390000000", name: "Sacramento City Unified", parent: county.id)
      let bSchool = organization("34674390000002", name: "McClatchy High", parent: b.id)
      let repo = OrganizationRepository(db.sql)
      try await repo.insert([county, a, aSchool, b, bSchool], now: now)
      let scope = AccessScope(districts: [a.cdsCode.districtCode])
      let page = try await repo.list(OrganizationFilter(), scope: scope, window: ListWindow(sort: "cds"))
      #expect(page.items.map(\.name) == ["Elk Grove Unified", "Laguna Creek High"])
      #expect(page.total == 2)
      let everything = try await repo.list(
        OrganizationFilter(kind: .school), scope: .everything, window: ListWindow(sort: "name"))
      #expect(everything.items.map(\.name) == ["Laguna Creek High", "McClatchy High"])
      let search = try await repo.list(
        OrganizationFilter(text: "creek"), scope: .everything, window: ListWindow(sort: "name"))
      #expect(search.items.map(\.name) == ["Laguna Creek High"])
      #expect(try await repo.list(OrganizationFilter(), scope: .nothing, window: ListWindow(sort: "name")).total == 0)
    }
  }

  @Test(
    "Educator search: last-name prefix, \"Last, First\", \"First Last\", SEID and local ID, within scope",
    arguments: TestBackend.available)
  func educatorSearch(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let county = organization("34000000000000", name: "Sacramento County")
      let a = organization("34673140000000", name: "Elk Grove Unified", parent: county.id)
      let b = organization("34674390000000", name: "Sacramento City Unified", parent: county.id)
      try await OrganizationRepository(db.sql).insert([county, a, b], now: now)
      let people = [
        Educator(
          id: UUID(), seid: SEID("1000000001"), firstName: "María", lastName: "Núñez",
          birthDate: CalendarDate(year: 1980, month: 1, day: 2)),
        Educator(id: UUID(), seid: SEID("1000000002"), firstName: "Mark", lastName: "Nunn", birthDate: nil),
        Educator(id: UUID(), seid: nil, firstName: "Ana", lastName: "Garcia", birthDate: nil),
      ]
      let repo = EducatorRepository(db.sql)
      try await repo.insert(people, now: now)
      try await repo.insert(
        [
          EmploymentRecord(
            id: UUID(), educatorId: people[0].id, districtId: a.id, schoolId: nil, place: a.place, localStaffId: "E1",
            status: .permanent, startDate: CalendarDate(year: 2010, month: 8, day: 1)!),
          EmploymentRecord(
            id: UUID(), educatorId: people[1].id, districtId: a.id, schoolId: nil, place: a.place, localStaffId: "E2",
            status: .substitute, startDate: CalendarDate(year: 2020, month: 8, day: 1)!),
          EmploymentRecord(
            id: UUID(), educatorId: people[2].id, districtId: b.id, schoolId: nil, place: b.place, localStaffId: "E1",
            status: .probationary, startDate: CalendarDate(year: 2024, month: 8, day: 1)!),
        ], now: now)
      let window = ListWindow(sort: "name")
      func names(_ text: String, _ scope: AccessScope = .everything) async throws -> [String] {
        try await repo.list(EducatorFilter(text: text), scope: scope, window: window).items.map(\.educator.lastName)
      }
      #expect(try await names("nu") == ["Núñez", "Nunn"])  // accents folded
      #expect(try await names("Nunez, Ma") == ["Núñez"])
      #expect(try await names("Mark Nunn") == ["Nunn"])
      #expect(try await names("1000000002") == ["Nunn"])
      #expect(try await names("E1") == ["Garcia", "Núñez"])
      let scopeA = AccessScope(districts: [a.cdsCode.districtCode])
      #expect(try await names("E1", scopeA) == ["Núñez"])
      #expect(try await names("garcia", scopeA).isEmpty)
      #expect(try await repo.isVisible(educatorId: people[2].id, scope: scopeA) == false)
      #expect(try await repo.isVisible(educatorId: people[0].id, scope: scopeA))
      let substitutes = try await repo.list(EducatorFilter(status: .substitute), scope: .everything, window: window)
      #expect(substitutes.items.map(\.educator.lastName) == ["Nunn"])
      let found = try #require(try await repo.find(seid: SEID("1000000001")!))
      #expect(found.birthDate?.iso == "1980-01-02")
      #expect(try await repo.employments(of: people[0].id).first?.districtName == "Elk Grove Unified")
    }
  }

  @Test("Audit entries group a save's fields and come back newest first", arguments: TestBackend.available)
  func audit(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let audit = AuditRepository(db.sql)
      let id = UUID()
      let actor = Actor(userId: nil, name: "tester", source: "test")
      try await audit.record(
        [
          AuditChange(field: "last_name", oldValue: "A", newValue: "B"),
          AuditChange(field: "email", oldValue: nil, newValue: "b@x.org"),
        ],
        entityType: "educator", entityId: id, action: .update, actor: actor, at: now)
      try await audit.record(
        [AuditChange(field: "last_name", oldValue: "B", newValue: "C")], entityType: "educator", entityId: id,
        action: .update, actor: actor, at: now.addingTimeInterval(60))
      let history = try await audit.history(entityType: "educator", entityId: id)
      #expect(history.count == 2)
      #expect(history[0].changes == [AuditChange(field: "last_name", oldValue: "B", newValue: "C")])
      #expect(Set(history[1].changes.map(\.field)) == ["last_name", "email"])
      #expect(history[1].actorName == "tester")
    }
  }
}
