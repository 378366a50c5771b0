import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

@Suite("Importing CALPADS Fall 2 extracts and section rosters (interchange spec §1, §2)")
struct CalpadsImportTests {
  let year = SchoolYear(startYear: 2025)

  @Test(
    "SDEM, SASS and CRSE records of two LEAs (one ODS-style with -R types and trailing fields) read and stored by scope",
    arguments: TestBackend.available)
  func imports(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let summary = try await CalpadsImport(testServices(db)).run(
        files: [
          ("calpads-fall2-good.txt", try fixture("calpads-fall2-good.txt")),
          ("calpads-fall2-other-lea.txt", try fixture("calpads-fall2-other-lea.txt")),
        ], by: .system())
      #expect(summary.records == 11)
      #expect(summary.replaced == 6 && summary.unchanged == 0)
      #expect(
        summary.scopes.map { "\($0.reportingLea) \($0.recordType) \($0.records)" } == [
          "3466977 CRSE 3", "3466977 SASS 3", "3466977 SDEM 2", "3466978 CRSE 1", "3466978 SASS 1", "3466978 SDEM 1",
        ])
      let repository = CalpadsRepository(db.sql)
      let sections = try await repository.sections(year: year).sorted { $0.key < $1.key }
      #expect(sections.count == 4)
      let algebra = try #require(sections.first { $0.localCourseId == "ALG1" })
      #expect(algebra.stateCourseCode == "9249" && algebra.seid == "1000000001" && algebra.classId == "C1")
      #expect(
        algebra.gradeLevelRangeCode == "SEC" && algebra.educationServiceCode == "5"
          && algebra.cdsCode == "34669773430001")
      #expect(sections.contains { $0.localCourseId == "ENG11" && $0.isVacant })
      let staff = try await repository.staff(year: year)
      let lee = try #require(staff.first { $0.seid == "1000000002" })
      #expect(lee.serviceYearsTotal == 2 && lee.employmentStatusCode == "B" && lee.birthDate?.iso == "1980-01-01")
      let counselor = try await repository.assignments(year: year, seids: ["1000000002"])
        .first { $0.jobClassificationCode == "11" }
      #expect(counselor?.assignmentCodes == ["0400"] && counselor?.ftePercent == 20)
      let ruiz = try await repository.sections(year: year, seids: ["1000000003"])
      #expect(ruiz.map(\.stateCourseCode) == ["1000"] && ruiz.first?.reportingLEA == "3466978")
    }
  }

  @Test(
    "Re-importing the same extract changes nothing; a newer extract replaces only its scope",
    arguments: TestBackend.available)
  func replacement(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      _ = try await CalpadsImport(services).run(
        files: [("a.txt", try fixture("calpads-fall2-good.txt"))], by: .system())
      let again = try await CalpadsImport(services).run(
        files: [("a.txt", try fixture("calpads-fall2-good.txt"))], by: .system())
      #expect(again.replaced == 0 && again.unchanged == 3)
      let newer = try await CalpadsImport(services).run(
        files: [("b.txt", try fixture("calpads-fall2-updated.txt"))], by: .system())
      #expect(newer.scopes.filter { $0.outcome == "replaced" }.map(\.recordType) == ["CRSE"])
      let chemistry = try await CalpadsRepository(db.sql).sections(year: year).filter { $0.localCourseId == "CHEM" }
      #expect(chemistry.map(\.seid) == ["1000000001"])
      let counts = try await CalpadsRepository(db.sql).counts(year: year)
      #expect(counts.sections == 3 && counts.staff == 2 && counts.assignments == 3)
    }
  }

  @Test(
    "A file with unreadable records is rejected whole: every problem with line and field, nothing written",
    arguments: TestBackend.available)
  func rejects(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let error = await #expect(throws: CoreError.self) {
        try await CalpadsImport(testServices(db)).run(
          files: [
            ("calpads-fall2-good.txt", try fixture("calpads-fall2-good.txt")),
            ("calpads-fall2-bad.txt", try fixture("calpads-fall2-bad.txt")),
          ], by: .system())
      }
      guard case .importRejected(_, let problems, _) = error else {
        Issue.record("expected a rejection, got \(String(describing: error))")
        return
      }
      #expect(problems.allSatisfy { $0.file == "calpads-fall2-bad.txt" })
      #expect(
        problems.map { "\($0.line) \($0.field)" } == [
          "2 academic_year (7.07)", "3 record_type", "5 fte_percent (8.14)", "8 state_course_code (9.07)",
        ])
      #expect(problems[0].column == 7 && problems[0].reason.contains("2025-2026"))
      let counts = try await CalpadsRepository(db.sql).counts(year: year)
      #expect(counts.sections == 0 && counts.staff == 0 && counts.assignments == 0)
      #expect(try await CalpadsRepository(db.sql).scopes().isEmpty)
    }
  }

  /// A state-like extract in one file: the good fixture's staff, then `sections` CRSE records of one LEA (more
  /// than one write batch), each its own section; `bad` replaces the last record's course code with an unreadable
  /// one.
  func bigExtract(sections: Int, bad: Bool = false) throws -> Data {
    let good = String(decoding: try fixture("calpads-fall2-good.txt"), as: UTF8.self)
    var lines = good.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("CRSE") }.map(String.init)
    for i in 0..<sections {
      let course = bad && i == sections - 1 ? "92A9" : "9249"
      lines.append(
        "CRSE^A^^3466977^3430001^2025-2026^\(course)^ALG1^Algebra I^^^N^Y^\(i)^FY^1000000001^T001^C\(i)^^5^^^N^N^^^^^SEC^^N^^^^^"
      )
    }
    return Data((lines.joined(separator: "\n") + "\n").utf8)
  }

  @Test(
    "A large extract is written in batches: the stored records are the parsed ones; the same file again is unchanged; the review streams them",
    arguments: TestBackend.available)
  func batches(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let data = try bigExtract(sections: 25_003)
      let summary = try await CalpadsImport(testServices(db)).run(files: [("big.txt", data)], by: .system())
      #expect(summary.records == 25_003 + 5)
      #expect(summary.scopes.first { $0.recordType == "CRSE" }?.records == 25_003)
      guard case .valid(let parsed) = CalpadsFile.parse(data, fileName: "big.txt") else {
        Issue.record("the extract should read")
        return
      }
      let repository = CalpadsRepository(db.sql)
      let stored = try await repository.sections(year: year)
      #expect(stored.sorted { Int($0.sectionId)! < Int($1.sectionId)! } == parsed[0].sections)
      #expect(try await repository.sections(year: year, seids: ["1000000001"]).count == 25_003)
      #expect(try await repository.staff(year: year) == parsed[0].staff)
      // Importing the same file again is recognized as unchanged and writes nothing.
      let again = try await CalpadsImport(testServices(db)).run(files: [("big.txt", data)], by: .system())
      #expect(again.replaced == 0 && again.unchanged == 3)
      #expect(try await repository.counts(year: year).sections == 25_003)
      // The streamed data review finds what the checks find over the records held at once.
      let findings = try await CalpadsDataReview(testServices(db)).findings(year: year, by: .system())
      let expected = CalpadsDataChecks.check(
        staff: try await repository.staff(year: year), assignments: try await repository.assignments(year: year),
        sections: try await repository.sections(year: year), englishLearnerSections: [],
        catalog: try await Catalog(testServices(db)).current())
      #expect(findings == expected)
      let counts = try await CalpadsDataReview(testServices(db)).counts(year: year, by: .system())
      #expect(counts.values.reduce(0, +) == expected.count)
    }
  }

  @Test(
    "An unreadable record at the end of a large extract rejects it whole: nothing of the records before it is written",
    arguments: TestBackend.available)
  func rejectsLate(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let error = await #expect(throws: CoreError.self) {
        try await CalpadsImport(testServices(db)).run(
          files: [("big.txt", try bigExtract(sections: 25_003, bad: true))], by: .system())
      }
      guard case .importRejected(_, let problems, _) = error else {
        Issue.record("expected a rejection, got \(String(describing: error))")
        return
      }
      #expect(problems.map { "\($0.line) \($0.field)" } == ["25008 state_course_code (9.07)"])
      let counts = try await CalpadsRepository(db.sql).counts(year: year)
      #expect(counts.sections == 0 && counts.staff == 0 && counts.assignments == 0)
      #expect(try await CalpadsRepository(db.sql).scopes().isEmpty)
    }
  }

  @Test(
    "The data review of imported records and rosters, streamed, finds what the checks find over them held at once",
    arguments: TestBackend.available)
  func review(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      _ = try await CalpadsImport(services).run(
        files: [
          ("calpads-fall2-good.txt", try fixture("calpads-fall2-good.txt")),
          ("calpads-fall2-other-lea.txt", try fixture("calpads-fall2-other-lea.txt")),
        ], by: .system())
      _ = try await SectionRosterImport(services).run(
        data: try fixture("section-students-good.csv"), fileName: "section-students-good.csv", year: year,
        by: .system())
      let repository = CalpadsRepository(db.sql)
      let rosters = try await repository.rosters(year: year)
      let englishLearners = Set(rosters.filter { $0.value.englishLearners > 0 }.keys)
      #expect(try await repository.englishLearnerSections(year: year) == englishLearners)
      let expected = CalpadsDataChecks.check(
        staff: try await repository.staff(year: year), assignments: try await repository.assignments(year: year),
        sections: try await repository.sections(year: year), englishLearnerSections: englishLearners,
        catalog: try await Catalog(services).current())
      #expect(try await CalpadsDataReview(services).findings(year: year, by: .system()) == expected)
    }
  }

  @Test(
    "Section rosters: grade levels, English learners and disabilities per section; students not kept",
    arguments: TestBackend.available)
  func rosters(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let summary = try await SectionRosterImport(testServices(db)).run(
        data: try fixture("section-students-good.csv"), fileName: "section-students-good.csv", year: year,
        by: .system())
      #expect(summary.sections == 3 && summary.students == 5 && summary.schools == 1)
      let rosters = try await CalpadsRepository(db.sql).rosters(year: year)
      let algebra = try #require(
        rosters[SectionKey(schoolCode: "3430001", localCourseId: "ALG1", sectionId: "1", academicTerm: "FY")])
      #expect(algebra.studentCount == 3 && algebra.englishLearners == 1)
      #expect(algebra.grades == [.g9: 2, .g10: 1] && algebra.disabilities == ["290": 1])
      let english = try #require(
        rosters[SectionKey(schoolCode: "3430001", localCourseId: "ENG11", sectionId: "3", academicTerm: "FY")])
      #expect(english.disabilities == ["320": 1] && english.isAllSpecialEducation)

      let error = await #expect(throws: CoreError.self) {
        try await SectionRosterImport(testServices(db)).run(
          data: try fixture("section-students-bad.csv"), fileName: "section-students-bad.csv", year: year,
          by: .system())
      }
      guard case .importRejected(_, let problems, _) = error else { return }
      #expect(problems.map { "\($0.line) \($0.field)" } == ["3 grade_level", "4 el_status", "5 disability_code"])
      // The rejected file left the earlier rosters alone.
      #expect(try await CalpadsRepository(db.sql).rosters(year: year).count == 3)
    }
  }
}
