import CredoDomain
import CredoStore
import Foundation

/// The CALPADS data-quality findings of a year (domain rules 33, 57–66): problems in readable records that an
/// analyst fixes in the SIS or dismisses, as opposed to unreadable records, which reject an import. Computed from
/// the records on file, so a corrected extract clears its findings on the next import.
///
/// One pass over the year: staff and staff assignments are read whole (hundreds of thousands), the sections (2.5
/// million in a state year) streamed through the checks as they are read, and of the rosters only which sections
/// enroll English learners.
public struct CalpadsDataReview: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func findings(year: SchoolYear, by viewer: Viewer) async throws -> [DataFinding] {
    let found = Sink<[DataFinding]>([])
    try await review(year: year, by: viewer) { found.value.append($0) }
    return found.value
  }

  /// How many findings of each check the year has (what `credo import calpads` prints).
  public func counts(year: SchoolYear, by viewer: Viewer) async throws -> [DataCheck: Int] {
    let counts = Sink<[DataCheck: Int]>([:])
    try await review(year: year, by: viewer) { counts.value[$0.check, default: 0] += 1 }
    return counts.value
  }

  /// Hands every finding of the year, in the order `CalpadsDataChecks.check` lists them, to `body`.
  public func review(
    year: SchoolYear, by viewer: Viewer, _ body: @escaping @Sendable (DataFinding) -> Void
  ) async throws {
    let scope = try viewer.require(.viewRecords, "reviewing CALPADS data")
    let calpads = CalpadsRepository(services.database.sql)
    let staff = try await calpads.staff(year: year).filter { scope.covers(reportingLEA: $0.reportingLEA) }
    let assignments = try await calpads.assignments(year: year).filter { scope.covers(reportingLEA: $0.reportingLEA) }
    let englishLearnerSections = try await calpads.englishLearnerSections(year: year)
    let catalog = try await Catalog(services).current()
    var findings: [DataFinding] = []
    let checks = Sink(
      CalpadsDataChecks.sectionChecks(
        staff: staff, assignments: assignments, englishLearnerSections: englishLearnerSections, catalog: catalog,
        into: &findings))
    findings.forEach(body)
    try await calpads.eachSection(year: year) { section in
      if scope.covers(reportingLEA: section.reportingLEA) { checks.value.check(section, body) }
    }
  }
}

/// A value filled from a driver callback, which runs one row at a time on the connection's event loop.
final class Sink<Value>: @unchecked Sendable {
  var value: Value
  init(_ value: Value) { self.value = value }
}
