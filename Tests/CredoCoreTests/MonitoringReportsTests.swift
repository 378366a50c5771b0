import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

/// The fixture year: Riverbend High (34669773430001) has Garcia teaching Algebra I on a Multiple Subject credential
/// (outside it), Lee teaching Chemistry on a credential expired before census day and counseling (0400) without a
/// PPS credential, and English 11 reported with the generic SEID; Oak Grove Charter (34669783430009, another LEA)
/// has Ruiz teaching a grade 3 class.
@Suite("Monitoring reports from the stored findings (issue 4)")
struct MonitoringReportsTests {
  let year = SchoolYear(startYear: 2025)
  static let riverbend = "34669773430001"
  static let oakGrove = "34669783430009"

  func load(_ services: CredoServices) async throws -> MonitorResult {
    _ = try await SchoolDirectoryImport(services).run(
      data: try fixture("pubschls-monitoring.txt"), fileName: "pubschls-monitoring.txt", by: .system())
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
    return try await Monitor(services).run(year: year, by: .system())
  }

  /// A district credential analyst of Oak Grove Elementary (3466978).
  static var oakGroveAnalyst: Viewer {
    let place = OrganizationPlace(CDSCode("34669780000000")!)
    let role = RoleAssignment(
      role: .districtCredentialAnalyst, organizationId: UUID(), place: place, organizationKind: .district,
      organizationName: "Oak Grove Elementary")
    return Viewer(
      account: UserAccount(id: UUID(), username: "oak", displayName: "Oak", email: "", roles: [role]),
      address: "127.0.0.1", channel: "web")
  }

  @Test(
    "Williams: misassigned sections, EL misassignments, services and vacancies (rule 34) per school, in scope",
    arguments: TestBackend.available)
  func williams(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      let monitored = try await load(services)
      let result = try await WilliamsReport(services).run(year: year, by: .system())
      #expect(result.context.year == year)
      #expect(result.context.latestRun?.id == monitored.run.id)
      #expect(result.lines.map(\.place.cdsCode) == [Self.riverbend, Self.oakGrove])
      let riverbend = try #require(result.lines.first)
      #expect(riverbend.place.schoolName == "Riverbend High")
      #expect(riverbend.place.districtName == "Riverbend Unified")
      #expect(riverbend.place.countyName == "Sacramento")
      let c = riverbend.counts
      // Three sections and one non-classroom code.
      #expect(c.assignments == 4)
      // Algebra I (outside the Multiple Subject credential) and Chemistry (expired document): one each, whatever
      // number of exceptions each raised.
      let sectionsWithExceptions = Set(
        monitored.outcomes.filter {
          $0.cdsCode == Self.riverbend && $0.status == "exception" && $0.assignmentCode.isEmpty
        }
        .map(\.assignmentKey))
      #expect(sectionsWithExceptions.count == 2)
      #expect(c.misassignments == 2)
      #expect(c.teachersMisassigned == 2)
      let elSections = Set(
        monitored.outcomes.filter {
          $0.cdsCode == Self.riverbend && ["english_learner", "bilingual"].contains($0.exceptionType)
        }.map(\.assignmentKey))
      #expect(c.englishLearnerMisassignments == elSections.count)
      #expect(c.serviceMisassignments == 1)
      #expect(c.vacancies == 1)
      #expect(result.totals.assignments == result.lines.map(\.counts.assignments).reduce(0, +))

      let csv = WilliamsReport.csv(result)
      #expect(csv.hasPrefix(WilliamsReport.csvHeader.joined(separator: ",") + "\r\n"))
      #expect(csv.contains("2025-2026,\(Self.riverbend),Sacramento,Riverbend Unified,Riverbend High,4,2,"))

      // A district analyst sees their district's schools only; a district filter outside scope gives nothing.
      let scoped = try await WilliamsReport(services).run(year: year, by: Self.oakGroveAnalyst)
      #expect(scoped.lines.map(\.place.cdsCode) == [Self.oakGrove])
      let outside = try await WilliamsReport(services).run(year: year, district: "3466977", by: Self.oakGroveAnalyst)
      #expect(outside.lines.isEmpty)
    }
  }

  /// Riverbend Unified's credential analyst (the LEA) and a Sacramento county analyst (its monitoring authority).
  static func analyst(_ role: Role, _ cds: String, _ kind: OrganizationKind) -> Viewer {
    let grant = RoleAssignment(
      role: role, organizationId: UUID(), place: OrganizationPlace(CDSCode(cds)!), organizationKind: kind,
      organizationName: cds)
    return Viewer(
      account: UserAccount(id: UUID(), username: cds, displayName: cds, email: "", roles: [grant]),
      address: "127.0.0.1", channel: "web")
  }

  @Test(
    "Williams counts follow the monitoring authority's determinations: Appropriate drops out, Vacancy counts as one (rule 72)",
    arguments: TestBackend.available)
  func williamsFollowsDeterminations(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      let monitored = try await load(services)
      let sections = Dictionary(
        grouping: monitored.outcomes.filter {
          $0.cdsCode == Self.riverbend && $0.status == "exception" && $0.assignmentCode.isEmpty
        }, by: \.assignmentKey
      ).sorted { $0.key < $1.key }
      try #require(sections.count == 2)
      let review = ExceptionReview(services)
      let district = Self.analyst(.districtCredentialAnalyst, "34669770000000", .district)
      let county = Self.analyst(.countyCredentialAnalyst, "34000000000000", .county)
      // Only the LEA's proposal: still a misassignment.
      for outcome in sections[0].value {
        try await review.act(
          .propose(.appropriateAssignment), year: year, outcomeKey: outcome.outcomeKey, expectedVersion: 0,
          by: district)
      }
      var counts = try #require(try await WilliamsReport(services).run(year: year, by: .system()).lines.first).counts
      #expect(counts.misassignments == 2 && counts.vacancies == 1)
      // The monitoring authority decides: the first section was appropriate, the second a vacancy.
      for outcome in sections[0].value {
        try await review.act(
          .complete(.appropriateAssignment), year: year, outcomeKey: outcome.outcomeKey, expectedVersion: 1,
          by: county)
      }
      for outcome in sections[1].value {
        try await review.act(
          .complete(.vacancy), year: year, outcomeKey: outcome.outcomeKey, expectedVersion: 0, by: county)
      }
      counts = try #require(try await WilliamsReport(services).run(year: year, by: .system()).lines.first).counts
      #expect(counts.misassignments == 0)
      #expect(counts.teachersMisassigned == 0)
      #expect(counts.englishLearnerMisassignments == 0)
      #expect(counts.vacancies == 2)
      #expect(counts.serviceMisassignments == 1)
      #expect(counts.assignments == 4)
    }
  }

  @Test(
    "Exceptions summary: findings by status and type per school; districts and the county add up to the same totals",
    arguments: TestBackend.available)
  func exceptionsSummary(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      let monitored = try await load(services)
      let schools = try await ExceptionsSummary(services).run(year: year, level: .school, by: .system())
      let districts = try await ExceptionsSummary(services).run(year: year, level: .district, by: .system())
      let county = try await ExceptionsSummary(services).run(year: year, level: .county, by: .system())
      #expect(schools.lines.count == 2)
      #expect(districts.lines.map(\.place.cdsCode) == ["34669770000000", "34669780000000"])
      #expect(districts.lines.map(\.place.name) == ["Riverbend Unified", "Oak Grove Elementary"])
      #expect(county.lines.map(\.place.cdsCode) == ["34000000000000"])
      #expect(county.lines.first?.place.name == "Sacramento")
      #expect(schools.totals == districts.totals && districts.totals == county.totals)
      // Every finding of the run is counted once.
      #expect(county.totals.byStatus.values.reduce(0, +) == monitored.outcomes.count)
      #expect(county.totals.exceptions == monitored.outcomes.filter { $0.status == "exception" }.count)
      #expect(county.totals.vacancies == 1)
      #expect(county.totals.exceptions(.nonClassroom) == 1)
      #expect(
        county.totals.exceptions(.course)
          == monitored.outcomes.filter { $0.exceptionType == "course" }.count)
      #expect(county.totals.assignments == Set(monitored.outcomes.map(\.assignmentKey)).count)

      let csv = ExceptionsSummary.csv(districts)
      let lines = csv.split(separator: "\r\n")
      #expect(lines.first.map(String.init) == ExceptionsSummary.csvHeader.joined(separator: ","))
      #expect(lines.count == 3)
    }
  }

  @Test(
    "Master schedule audit: each section with its catalog course, teachers, grades, EL and disability counts, decisions",
    arguments: TestBackend.available)
  func schedule(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      _ = try await load(services)
      let cds = CDSCode(Self.riverbend)!
      let result = try await MasterScheduleAudit(services).run(year: year, school: cds, by: .system())
      #expect(result.school.name == "Riverbend High")
      #expect(result.sections.map(\.key.localCourseId) == ["ALG1", "CHEM", "ENG11"])
      let algebra = result.sections[0]
      #expect(algebra.stateCourseCode == "9249")
      #expect(algebra.courseName == (try await Catalog(services).current()).course("9249")?.name)
      #expect(!algebra.courseName.isEmpty)
      #expect(algebra.teachers.map(\.name) == ["Maria Garcia"])
      let roster = try #require(algebra.roster)
      #expect(roster.studentCount == 3)
      #expect(roster.grades == [.g9: 2, .g10: 1])
      #expect(roster.englishLearners == 1)
      #expect(roster.disabilities == ["290": 1])
      #expect(algebra.decisions.contains { $0.status == "exception" && $0.exceptionType == "course" })
      #expect(algebra.statuses.first == .exception)
      // Rule 34: English 11 has no teacher of record.
      let english = result.sections[2]
      #expect(english.teachers.map(\.isVacancy) == [true])
      #expect(english.decisions.map(\.status) == ["vacancy"])
      #expect(english.roster?.disabilities == ["320": 1])
      // Counseling (0400) is a service, listed apart.
      #expect(result.services.map(\.assignmentCode) == ["0400"])

      let csv = MasterScheduleAudit.csv(result)
      #expect(csv.hasPrefix(MasterScheduleAudit.csvHeader.joined(separator: ",") + "\r\n"))
      #expect(csv.contains(",ALG1,1,FY,9249,"))
      #expect(csv.contains("9:2 10:1,1,290:1,5,exception,course,"))

      // Outside the viewer's scope the school does not exist.
      await #expect(throws: CoreError.self) {
        _ = try await MasterScheduleAudit(services).run(year: year, school: cds, by: Self.oakGroveAnalyst)
      }
    }
  }

  @Test(
    "TAMO from the store (rules 67-69, 83): SASS FTE shared over sections, vacancy left out, directory names and spans",
    arguments: TestBackend.available)
  func tamo(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      _ = try await load(services)
      let result = try await TAMOExport(services).run(year: year, by: .system(), forExport: true)
      let report = result.report
      // Rule 69: English 11 (generic SEID) is left out.
      #expect(report.excludedWithoutSEID == 1)
      #expect(result.sections == 4)
      // Rule 67: Riverbend High's whole-school row: Garcia 1.00 (SASS 12 at 100) + Lee 0.80 (12 at 80; the 11 at 20
      // is not classroom time).
      let riverbend = try #require(report.wholeSchoolRow(cdsCode: Self.riverbend))
      #expect(riverbend.fte.totalUnits == 1_800_000_000)
      #expect(riverbend.schoolName == "Riverbend High" && riverbend.districtName == "Riverbend Unified")
      #expect(riverbend.charter == false && riverbend.gradeSpan == .nineTo12)
      // Rule 83: Lee's 2 years of service make his 0.80 inexperienced.
      let inexperienced = report.rows.first {
        $0.level == .school && $0.schoolCode == "3430001" && $0.experience == .inexperienced
          && $0.credential == nil && $0.subject == nil
      }
      #expect(inexperienced?.fte.totalUnits == 800_000_000)
      let oak = try #require(report.wholeSchoolRow(cdsCode: Self.oakGrove))
      #expect(oak.charter == true && oak.gradeSpan == .kTo6 && oak.fte.totalUnits == 1_000_000_000)
      let state = try #require(report.rows.first { $0.level == .state && $0.isWholeTotal })
      #expect(state.fte.totalUnits == 2_800_000_000)

      let file = TAMOFile.render(report)
      #expect(file.hasPrefix(TAMOFile.header + "\n"))
      #expect(
        file.contains(
          "2025-26\tS\t34\t66977\t3430001\tSacramento\tRiverbend Unified\tRiverbend High\tNo\tNo\tGR912\tALL\tALL\tTA\t1.80\t"
        ))

      // A district analyst's file covers their district only.
      let scoped = try await TAMOExport(services).run(year: year, by: Self.oakGroveAnalyst)
      #expect(scoped.report.rows.allSatisfy { $0.level != .school || $0.districtCode == "66978" })
      #expect(scoped.report.rows.first { $0.level == .state && $0.isWholeTotal }?.fte.totalUnits == 1_000_000_000)
    }
  }

  @Test(
    "Superintendent report: headline counts, district lines, and the latest run's added and resolved findings",
    arguments: TestBackend.available)
  func superintendent(_ backend: TestBackend) async throws {
    try await withTestDatabase(backend) { db in
      let services = testServices(db)
      _ = try await load(services)
      let before = try await SuperintendentReport(services).run(year: year, by: .system())
      #expect(before.districts.count == 2)
      #expect(before.williams.vacancies == 1 && before.williams.misassignments >= 2)
      #expect(before.districts.map(\.counts.exceptions).reduce(0, +) == before.counts.exceptions)
      #expect(before.districts.first?.schoolsWithFindings == 1)
      #expect(before.previousYear == nil)
      // The first run found everything.
      let firstExceptions = try #require(before.trend.first { $0.status == .exception })
      #expect(firstExceptions.added == firstExceptions.current && firstExceptions.previous == 0)

      // Lee's credential is renewed; re-evaluating Lee resolves the expired-document exception.
      _ = try await CredentialImport(services).run(
        data: try fixture("credentials-updated.csv"), fileName: "credentials-updated.csv", by: .system())
      let rerun = try await Monitor(services).run(year: year, seids: ["1000000002"], by: .system())
      #expect(rerun.run.resolvedFindings >= 1)
      let after = try await SuperintendentReport(services).run(year: year, by: .system())
      #expect(after.context.latestRun?.id == rerun.run.id)
      let exceptions = try #require(after.trend.first { $0.status == .exception })
      #expect(exceptions.resolved >= 1)
      #expect(exceptions.previous == before.counts.exceptions)
      #expect(exceptions.current == after.counts.exceptions)
      #expect(
        after.trend.map(\.resolved).reduce(0, +) == rerun.run.resolvedFindings
          && after.trend.map(\.added).reduce(0, +) == rerun.run.newFindings)

      let csv = SuperintendentReport.csv(after)
      #expect(csv.hasPrefix(SuperintendentReport.csvHeader.joined(separator: ",") + "\r\n"))
      #expect(csv.contains("2025-2026,3466977,Sacramento,Riverbend Unified,1,4,"))
    }
  }
}
