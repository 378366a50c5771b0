import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

func fixture(_ name: String) throws -> Data {
  let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
  return try Data(contentsOf: url)
}

@Suite("Importing the CDE school directory")
struct SchoolDirectoryImportTests {
  @Test("A good file loads counties, districts and schools with their parents", arguments: TestBackend.available)
  func imports(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      let summary = try await SchoolDirectoryImport(services).run(
        data: try fixture("pubschls-good.txt"), fileName: "pubschls-good.txt", by: .system())
      // 8 rows plus the two counties (Sacramento, Placer) Credo adds.
      #expect(summary == ImportSummary(file: "pubschls-good.txt", rows: 8, inserted: 10, updated: 0, unchanged: 0))
      let repo = OrganizationRepository(db.sql)
      let school = try #require(try await repo.find(cds: CDSCode("34673143430220")!))
      let district = try #require(try await repo.find(cds: CDSCode("34673140000000")!))
      let county = try #require(try await repo.find(cds: CDSCode("34000000000000")!))
      #expect(school.parentId == district.id && district.parentId == county.id)
      #expect(school.gradeSpan?.description == "9-12" && school.openDate?.iso == "1992-08-31")
      #expect(school.administratorName == "Ben Principal")
      let charter = try #require(try await repo.find(cds: CDSCode("34673140123456")!))
      #expect(charter.isCharter && charter.charterNumber == "1742")
      let florin = try #require(try await repo.find(cds: CDSCode("34673146031234")!))
      #expect(florin.openDate?.iso == "1958-08-25")  // M/D/YYYY accepted
      #expect(try await repo.find(cds: CDSCode("34674393432006")!)?.status == .closed)
    }
  }

  @Test(
    "Re-importing the same file changes nothing; a newer extract updates in place and is audited",
    arguments: TestBackend.available)
  func idempotentAndAudited(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      let importer = SchoolDirectoryImport(services)
      _ = try await importer.run(data: try fixture("pubschls-good.txt"), fileName: "a.txt", by: .system())
      let again = try await importer.run(data: try fixture("pubschls-good.txt"), fileName: "a.txt", by: .system())
      #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 8)
      // The newer extract arrives a day later, so its audit entries sort after the first import's.
      let later = SchoolDirectoryImport(testServices(db, now: testNow.addingTimeInterval(86_400)))
      let newer = try await later.run(data: try fixture("pubschls-updated.txt"), fileName: "b.txt", by: .system())
      #expect(newer.inserted == 0 && newer.updated == 2 && newer.unchanged == 6)
      let repo = OrganizationRepository(db.sql)
      let school = try #require(try await repo.find(cds: CDSCode("34673143430220")!))
      #expect(school.administratorName == "Carla Newprincipal")
      let history = try await AuditRepository(db.sql).history(entityType: "organization", entityId: school.id)
      let update = try #require(history.first)
      #expect(update.action == "update")
      #expect(Set(update.changes.map(\.field)) == ["administrator", "phone"])
      #expect(
        update.changes.contains(AuditChange(field: "phone", oldValue: "(916) 683-1339", newValue: "(916) 683-0000")))
      #expect(try await repo.count() == 10)
    }
  }

  @Test(
    "A malformed file is rejected whole: every problem with line, column and reason, nothing written",
    arguments: TestBackend.available)
  func rejectsBadFile(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      do {
        _ = try await SchoolDirectoryImport(services).run(
          data: try fixture("pubschls-bad.txt"), fileName: "pubschls-bad.txt", by: .system())
        Issue.record("The bad file was accepted")
      } catch CoreError.importRejected(let file, let problems, _) {
        #expect(file == "pubschls-bad.txt")
        let found = Set(problems.map { "\($0.line):\($0.field):\($0.column.map(String.init) ?? "-")" })
        #expect(
          found == ["3:CDSCode:1", "4:StatusType:4", "5:County:5", "6:OpenDate:23", "7:GSoffered:36", "10:row:-"])
        #expect(problems.first { $0.line == 5 }?.reason.contains("Sacramento") == true)
      }
      #expect(try await OrganizationRepository(db.sql).count() == 0)
      #expect(try await ImportRunRepository(db.sql).recent().isEmpty)
    }
  }

  @Test("A comma-separated or header-less file is named as such")
  func wrongShape() {
    guard
      case .invalid(let problems, _) = SchoolDirectoryFile.parse(
        Data("CDSCode,StatusType,County\n1,2,3\n".utf8), fileName: "x.csv")
    else { Issue.record("accepted"); return }
    #expect(problems.first?.reason.contains("tab-delimited") == true)
    guard case .invalid(let empty, _) = SchoolDirectoryFile.parse(Data(), fileName: "e.txt") else {
      Issue.record("accepted"); return
    }
    #expect(empty.first?.line == 1)
  }

  @Test("Only system administrators import the directory", arguments: TestBackend.available)
  func permission(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let analyst = try await demoViewer(services, "county.analyst")
      await #expect(throws: CoreError.self) {
        _ = try await SchoolDirectoryImport(services).run(
          data: try fixture("pubschls-good.txt"), fileName: "a.txt", by: analyst)
      }
    }
  }
}
