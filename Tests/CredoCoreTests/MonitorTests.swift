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
    "A changed document changes exactly the stored findings whose text or columns it changes; nothing else is written",
    arguments: TestBackend.available)
  func changesExactlyTheAffectedFindings(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      try await load(services)
      let first = try await Monitor(services).run(year: year, by: .system())
      let before = try await MonitoringRepository(db.sql).outcomes(year: year)
      // Lee's credential renewed and Okafor's suspension lifted (rules 46, 47); the whole year run again.
      _ = try await CredentialImport(services).run(
        data: try fixture("credentials-updated.csv"), fileName: "credentials-updated.csv", by: .system())
      let again = try await Monitor(services).run(year: year, by: .system(), keepOutcomes: false)
      let after = try await MonitoringRepository(db.sql).outcomes(year: year, filter: .init(includeResolved: true))
      // What a reader of the outcomes file sees of a finding.
      func row(_ o: StoredOutcome) -> [String] {
        [
          o.status, o.exceptionType, o.detail, o.basis, o.rule, o.citation, o.tamoOutcome, o.explanation,
          String(o.fte), o.resolvedRunId == nil ? "current" : "resolved",
        ]
      }
      let old = Dictionary(uniqueKeysWithValues: before.map { ($0.outcomeKey, row($0)) })
      let new = Dictionary(uniqueKeysWithValues: after.map { ($0.outcomeKey, row($0)) })
      let differing = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
      #expect(!differing.isEmpty)
      #expect(again.run.newFindings + again.run.changedFindings + again.run.resolvedFindings == differing.count)
      // Only the two educators' findings differ, and every other row is the first run's, untouched.
      let changedSeids = Set(after.filter { differing.contains($0.outcomeKey) }.map(\.seid))
      #expect(changedSeids.isSubset(of: ["1000000002", "1000000003"]))
      #expect(
        after.filter { !changedSeids.contains($0.seid) }.allSatisfy {
          $0.lastRunId == first.run.id && $0.fingerprint.hasPrefix(StoredOutcome.fingerprintPrefix)
        })
      let third = try await Monitor(services).run(year: year, by: .system())
      #expect(third.run.newFindings == 0 && third.run.changedFindings == 0 && third.run.resolvedFindings == 0)
    }
  }

  @Test(
    "Rows stored under the first fingerprint scheme (their text) are compared by their text once, then fingerprinted",
    arguments: TestBackend.available)
  func upgradesFirstSchemeFingerprints(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      try await load(services)
      let first = try await Monitor(services).run(year: year, by: .system())
      let repository = MonitoringRepository(db.sql)
      var stored = try await repository.outcomes(year: year)
      // As the first scheme stored them: the text and columns joined (before FindingFingerprint.scheme 2).
      func firstScheme(_ o: StoredOutcome) -> String {
        [o.status, o.exceptionType, o.detail, o.basis, o.rule, o.tamoOutcome, o.explanation, String(o.fte)]
          .joined(separator: "\u{1F}")
      }
      try await repository.setFingerprints(year: year, stored.map { ($0.outcomeKey, firstScheme($0)) })
      // One row's text on file differs from what the engine now writes: that finding changed.
      var stale = stored[0]
      stale.explanation += " (as an older version wrote it)"
      stale.fingerprint = firstScheme(stale)
      try await repository.write(year: year, findings: [stale], replacing: [stale.outcomeKey])

      let upgraded = try await Monitor(services).run(year: year, by: .system())
      #expect(upgraded.run.newFindings == 0 && upgraded.run.resolvedFindings == 0)
      #expect(upgraded.run.changedFindings == 1)
      stored = try await repository.outcomes(year: year)
      #expect(stored.allSatisfy { $0.fingerprint.hasPrefix(StoredOutcome.fingerprintPrefix) })
      #expect(stored.allSatisfy { $0.firstRunId == first.run.id })
      // The unchanged rows were not rewritten (their last run is the first); the stale one was.
      #expect(stored.filter { $0.outcomeKey != stale.outcomeKey }.allSatisfy { $0.lastRunId == first.run.id })
      #expect(
        stored.first { $0.outcomeKey == stale.outcomeKey }?.explanation
          == first.outcomes.first {
            $0.outcomeKey == stale.outcomeKey
          }?.explanation)
      let again = try await Monitor(services).run(year: year, by: .system())
      #expect(again.run.newFindings == 0 && again.run.changedFindings == 0 && again.run.resolvedFindings == 0)
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
