import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

@Suite("Monitoring a year end to end: import, evaluate, store, re-run (interchange spec §4, §5)")
struct MonitorTests {
  let year = SchoolYear(startYear: 2025)
  let census = CalendarDate(year: 2025, month: 10, day: 1)!

  func load(_ services: CredoServices) async throws {
    _ = try await CredentialImport(services).run(
      data: try fixture("credentials-good.csv"), fileName: "credentials-good.csv", by: .system())
    _ = try await CalpadsImport(services).run(
      files: [
        ("calpads-fall2-good.txt", try fixture("calpads-fall2-good.txt")),
        ("calpads-fall2-other-lea.txt", try fixture("calpads-fall2-other-lea.txt")),
      ], by: .system())
    _ = try await SectionRosterImport(services).run(
      data: try fixture("section-students-good.csv"), fileName: "section-students-good.csv", year: year,
      by: .system())
  }

  @Test(
    "The census date is the first Wednesday of October (rule 70); every section and service code gets a finding",
    arguments: TestBackend.available)
  func evaluates(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      try await load(services)
      let result = try await Monitor(services).run(year: year, by: .system())
      #expect(result.run.asOf == census.iso)
      // 4 sections and 1 non-classroom code (0400) evaluated.
      #expect(result.run.evaluated == 5)
      func rows(_ course: String) -> [StoredOutcome] { result.outcomes.filter { $0.localCourseId == course } }
      // Rule 34: the generic SEID is a vacancy.
      #expect(rows("ENG11").map(\.status) == ["vacancy"])
      // Lee's Single Subject credential expired 2025-07-01, before census: chemistry is an exception (rule 47).
      #expect(rows("CHEM").contains { $0.status == "exception" && $0.exceptionType == "course" })
      // Lee holds no PPS credential for counseling (0400): a non-classroom exception.
      #expect(
        result.outcomes.contains {
          $0.assignmentCode == "0400" && $0.status == "exception" && $0.exceptionType == "non_classroom"
        })
      // A Multiple Subject holder teaching grade 9-10 Algebra I: outside the credential (rule 2 / EC 44256(b)).
      #expect(rows("ALG1").contains { $0.status == "exception" && $0.exceptionType == "course" })
      // Every row names its rule and its citation; the outcomes file has the spec's columns.
      #expect(result.outcomes.allSatisfy { !$0.rule.isEmpty && !$0.citation.isEmpty && !$0.explanation.isEmpty })
      let csv = OutcomesFile.csv(result.outcomes)
      #expect(csv.hasPrefix(OutcomesFile.header.joined(separator: ",") + "\r\n"))
      #expect(result.run.catalogVersion.contains("course-authorizations@1"))
      #expect(result.run.newFindings == result.outcomes.count)
    }
  }

  @Test(
    "Re-running changes nothing; a renewed credential re-evaluated for one SEID resolves only that teacher's findings",
    arguments: TestBackend.available)
  func reruns(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      try await load(services)
      let first = try await Monitor(services).run(year: year, by: .system())
      let again = try await Monitor(services).run(year: year, by: .system())
      #expect(again.run.newFindings == 0 && again.run.changedFindings == 0 && again.run.resolvedFindings == 0)

      // Lee's credential is renewed (issued 2025-07-01, through 2030): re-evaluate Lee alone.
      _ = try await CredentialImport(services).run(
        data: try fixture("credentials-updated.csv"), fileName: "credentials-updated.csv", by: .system())
      let lee = try await Monitor(services).run(year: year, seids: ["1000000002"], by: .system())
      #expect(lee.run.scope == "1000000002")
      #expect(lee.outcomes.allSatisfy { $0.seid == "1000000002" })
      let chemistry = lee.outcomes.filter { $0.localCourseId == "CHEM" }
      #expect(!chemistry.contains { $0.exceptionType == "course" && $0.rule.hasPrefix("document.") })
      #expect(lee.run.resolvedFindings >= 1)

      // Nobody else's findings were touched.
      let stored = try await MonitoringRepository(db.sql).outcomes(year: year)
      let others = stored.filter { $0.seid != "1000000002" }
      let before = first.outcomes.filter { $0.seid != "1000000002" }
      #expect(Set(others.map(\.outcomeKey)) == Set(before.map(\.outcomeKey)))
      #expect(others.allSatisfy { $0.lastRunId == first.run.id })
      let runs = try await MonitoringRepository(db.sql).runs(year: year)
      #expect(runs.count == 3)
    }
  }

  @Test(
    "The outcomes file streamed from the database has the bytes of the findings written in memory, quoting included",
    arguments: TestBackend.available)
  func exportsOutcomes(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      _ = try await CredentialImport(services).run(
        data: try fixture("credentials-good.csv"), fileName: "credentials-good.csv", by: .system())
      // Course and section ids a spreadsheet would misread or that need quoting: a formula's first character, a
      // comma, a quote, and a comma among non-ASCII letters.
      let extract = String(decoding: try fixture("calpads-fall2-good.txt"), as: UTF8.self)
        .replacingOccurrences(of: "^ALG1^", with: "^-ALG,\"1\"^").replacingOccurrences(of: "^CHEM^", with: "^CHÉM,1^")
        .replacingOccurrences(of: "^Chemistry^^^N^Y^2^", with: "^Chemistry^^^N^Y^=2^")
      _ = try await CalpadsImport(services).run(files: [("tricky.txt", Data(extract.utf8))], by: .system())
      let result = try await Monitor(services).run(year: year, by: .system())
      #expect(result.outcomes.contains { $0.localCourseId == "CHÉM,1" && $0.sectionId == "=2" })
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-\(UUID()).csv").path
      defer { try? FileManager.default.removeItem(atPath: path) }
      let rows = try await OutcomesFile.export(services, year: year, to: path, by: .system())
      #expect(rows == result.outcomes.count)
      let written = try Data(contentsOf: URL(fileURLWithPath: path))
      #expect(String(decoding: written, as: UTF8.self) == OutcomesFile.csv(result.outcomes))
      #expect(String(decoding: written, as: UTF8.self).contains("\"'-ALG,\"\"1\"\"\""))
    }
  }
}
