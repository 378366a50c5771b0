import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

@Suite("Importing credentials.csv (interchange spec §3)")
struct CredentialImportTests {
  @Test(
    "A good file: documents grouped by number, holders matched or created, one transaction",
    arguments: TestBackend.available)
  func imports(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      let summary = try await CredentialImport(services).run(
        data: try fixture("credentials-good.csv"), fileName: "credentials-good.csv", by: .system())
      #expect(
        summary
          == CredentialImportSummary(
            file: "credentials-good.csv", rows: 7, documents: 5, added: 5, changed: 0, unchanged: 0, newEducators: 3))
      let maria = try #require(try await EducatorRepository(db.sql).find(seid: SEID("1000000001")!))
      let documents = try await CredentialRepository(db.sql).current(educatorId: maria.id)
      #expect(documents.count == 2)
      let specialist = try #require(documents.first { $0.documentNumber == "190012346" })
      #expect(specialist.authorizations.map(\.authorizationCode) == ["ELA1", "R3MN"])
      #expect(specialist.renewalCodes == ["R14I"] && specialist.registeredOn == nil)
      let okafor = try #require(try await EducatorRepository(db.sql).find(seid: SEID("1000000003")!))
      let bilingual = try #require(
        try await CredentialRepository(db.sql).current(educatorId: okafor.id).first { $0.documentCode == "BCLAD" })
      #expect(bilingual.status == .suspended && bilingual.statusUntil?.iso == "2026-11-30")
      #expect(bilingual.authorizations.first?.language == "Spanish")
    }
  }

  @Test(
    "Re-importing changes nothing; a renewal adds a version and keeps the old one", arguments: TestBackend.available)
  func versions(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      _ = try await CredentialImport(services).run(
        data: try fixture("credentials-good.csv"), fileName: "a.csv", by: .system())
      let again = try await CredentialImport(services).run(
        data: try fixture("credentials-good.csv"), fileName: "a.csv", by: .system())
      #expect(again.added == 0 && again.changed == 0 && again.unchanged == 5 && again.newEducators == 0)
      let later = CredentialImport(testServices(db, now: testNow.addingTimeInterval(86_400)))
      let renewed = try await later.run(data: try fixture("credentials-updated.csv"), fileName: "b.csv", by: .system())
      #expect(renewed.changed == 2 && renewed.unchanged == 3)
      let lee = try #require(try await EducatorRepository(db.sql).find(seid: SEID("1000000002")!))
      let history = try await CredentialRepository(db.sql).history(educatorId: lee.id)
      #expect(history.map(\.document.version) == [2, 1])
      #expect(history.map(\.isCurrent) == [true, false])
      #expect(
        history[1].document.expirationDate?.iso == "2025-07-01"
          && history[0].document.expirationDate?.iso == "2030-07-01")
      let audit = try await AuditRepository(db.sql).history(entityType: "educator", entityId: lee.id)
      #expect(
        audit.first?.changes.contains(
          AuditChange(field: "200023456 expiration_date", oldValue: "2025-07-01", newValue: "2030-07-01")) == true)
    }
  }

  @Test(
    "A bad file is rejected whole, every problem with line and field, nothing written", arguments: TestBackend.available
  )
  func rejects(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      do {
        _ = try await CredentialImport(testServices(db)).run(
          data: try fixture("credentials-bad.csv"), fileName: "credentials-bad.csv", by: .system())
        Issue.record("accepted")
      } catch CoreError.importRejected(_, let problems, _) {
        let found = Set(problems.map { "\($0.line):\($0.field)" })
        #expect(
          found == ["2:seid", "3:term", "5:expiration_date", "7:expiration_date", "8:status", "9:document_number"])
      }
      #expect(try await CredentialRepository(db.sql).countCurrent() == 0)
      #expect(try await EducatorRepository(db.sql).count() == 0)
    }
  }

  @Test(
    "A district analyst may import only documents of educators employed in the district",
    arguments: TestBackend.available)
  func scoped(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let analyst = try await demoViewer(services, "district.a")
      do {
        _ = try await CredentialImport(services).run(
          data: try fixture("credentials-good.csv"), fileName: "c.csv", by: analyst)
        Issue.record("accepted")
      } catch CoreError.importRejected(_, let problems, _) {
        #expect(problems.allSatisfy { $0.field == "seid" && $0.reason.contains("scope") })
      }
      let principal = try await demoViewer(services, "principal")
      await #expect(throws: CoreError.forbidden("importing credentials")) {
        _ = try await CredentialImport(services).run(
          data: try fixture("credentials-good.csv"), fileName: "c.csv", by: principal)
      }
    }
  }
}
