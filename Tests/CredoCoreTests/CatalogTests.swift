import CredoCore
import CredoDomain
import CredoReference
import CredoStore
import CredoTestSupport
import Foundation
import Testing

/// Loading newer reference tables at run time. The course facts used come from CALPADS Valid Code Combinations
/// v12.0 (CDE, 2020-07-01): 9325 is Chemistry.
@Suite("Reference catalog versions")
struct CatalogTests {
  /// The bundled state course table with 9325 renamed and a new code 9999 added: a "newer" CDE table.
  static func newerCourses() -> Data {
    var text = BundledCatalog.documents[.stateCourses]!.canonicalText
    text = text.replacingOccurrences(of: "# as_of: 2020-07-01", with: "# as_of: 2025-07-01")
    text = text.replacingOccurrences(of: "\n9325\tChemistry\t", with: "\n9325\tChemistry (renamed)\t")
    text += "9999\tTest Course\t21\tScience\tK\t12\tN\tN\t\t\t\t\t\t\t\t\t2025-2026\t\n"
    return Data(text.utf8)
  }

  @Test(
    "A newer table becomes version 2 and the current catalog uses it; the same file again changes nothing",
    arguments: TestBackend.available)
  func importNewer(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      let catalog = Catalog(services)
      #expect(try await catalog.current().course("9325")?.name == "Chemistry")
      let first = try await catalog.importTable(
        kind: .stateCourses, data: Self.newerCourses(), fileName: "courses-2025.tsv", by: .system())
      #expect(first.created && first.version == 2)
      let current = try await catalog.current()
      #expect(current.course("9325")?.name == "Chemistry (renamed)")
      #expect(current.course("9999") != nil)
      #expect(current.version(of: .stateCourses) == 2)
      #expect(current.versionStamp.contains("state-courses@2"))
      #expect(current.tables[.stateCourses]?.asOf.iso == "2025-07-01")
      // Other kinds stay bundled.
      #expect(current.version(of: .courseAuthorizations) == 1)

      let again = try await catalog.importTable(
        kind: .stateCourses, data: Self.newerCourses(), fileName: "copy.tsv", by: .system())
      #expect(!again.created && again.version == 2)
      // The bundled content itself is version 1, and re-importing it after version 2 makes version 3.
      let bundled = Data(BundledCatalog.documents[.stateCourses]!.canonicalText.utf8)
      let back = try await catalog.importTable(kind: .stateCourses, data: bundled, fileName: "b.tsv", by: .system())
      #expect(back.created && back.version == 3)
      #expect(try await catalog.current().course("9325")?.name == "Chemistry")

      let versions = try await catalog.versions().filter { $0.kind == .stateCourses }
      #expect(versions.map(\.version) == [3, 2, 1])
      #expect(versions.last?.isBundled == true)
      // Audited, one entry per version.
      let stored = try await CatalogRepository(db.sql).versions(kind: "state-courses")
      let history = try await AuditRepository(db.sql).history(
        entityType: Catalog.auditEntity, entityId: try #require(stored.first { $0.version == 2 }).id)
      #expect(history.first?.changes.contains(AuditChange(field: "version", oldValue: "1", newValue: "2")) == true)
      #expect(try await catalog.export(.stateCourses) == BundledCatalog.documents[.stateCourses]!.canonicalText)
    }
  }

  @Test("Importing the bundled content unchanged adds no version", arguments: TestBackend.available)
  func bundledUnchanged(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let catalog = Catalog(testServices(db))
      let result = try await catalog.importTable(
        kind: .renewalCodes, data: BundledCatalog.data(.renewalCodes), fileName: "renewal-codes.tsv", by: .system())
      #expect(!result.created && result.version == 1)
      #expect(try await CatalogRepository(db.sql).versions().isEmpty)
    }
  }

  @Test("A bad file is rejected with its problems and nothing is written", arguments: TestBackend.available)
  func rejected(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let catalog = Catalog(testServices(db))
      var text = String(decoding: Self.newerCourses(), as: UTF8.self)
      text += "12AB\tBroken\t21\tScience\tK\t12\tN\tN\t\t\t\t\t\t\t\t\t2025-2026\t\n"
      do {
        _ = try await catalog.importTable(
          kind: .stateCourses, data: Data(text.utf8), fileName: "bad.tsv", by: .system())
        Issue.record("a bad file was accepted")
      } catch CoreError.importRejected(let file, let problems, _) {
        #expect(file == "bad.tsv")
        #expect(problems.contains { $0.field == "code" && $0.reason.contains("12AB") })
      }
      // The wrong kind is rejected too.
      await #expect(throws: CoreError.self) {
        try await catalog.importTable(
          kind: .courseAuthorizations, data: Self.newerCourses(), fileName: "courses.tsv", by: .system())
      }
      #expect(try await CatalogRepository(db.sql).versions().isEmpty)
      #expect(try await catalog.current().course("9999") == nil)
    }
  }

  @Test("Only system administrators load tables; every signed-in role may read", arguments: TestBackend.available)
  func permissions(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let catalog = Catalog(services)
      let analyst = try await demoViewer(services, "county.analyst")
      await #expect(throws: CoreError.self) {
        try await catalog.importTable(
          kind: .stateCourses, data: Self.newerCourses(), fileName: "c.tsv", by: analyst)
      }
      #expect(try await CatalogRepository(services.database.sql).versions().isEmpty)
      let admin = try await demoViewer(services, "admin")
      let result = try await catalog.importTable(
        kind: .stateCourses, data: Self.newerCourses(), fileName: "c.tsv", by: admin)
      #expect(result.version == 2 && result.info.importedBy == "admin")
    }
  }
}
