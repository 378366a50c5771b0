import CredoDomain
import CredoStore
import Foundation

/// The CALPADS data-quality findings of a year (domain rules 33, 57–66): problems in readable records that an
/// analyst fixes in the SIS or dismisses, as opposed to unreadable records, which reject an import. Computed from
/// the records on file, so a corrected extract clears its findings on the next import.
public struct CalpadsDataReview: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func findings(year: SchoolYear, by viewer: Viewer) async throws -> [DataFinding] {
    let scope = try viewer.require(.viewRecords, "reviewing CALPADS data")
    let calpads = CalpadsRepository(services.database.sql)
    let covered = scope.covers(reportingLEA:)
    let staff = try await calpads.staff(year: year).filter { covered($0.reportingLEA) }
    let assignments = try await calpads.assignments(year: year).filter { covered($0.reportingLEA) }
    let sections = try await calpads.sections(year: year).filter { covered($0.reportingLEA) }
    let englishLearnerSections = Set(
      try await calpads.rosters(year: year).filter { $0.value.englishLearners > 0 }.keys)
    let catalog = try await Catalog(services).current()
    return CalpadsDataChecks.check(
      staff: staff, assignments: assignments, sections: sections, englishLearnerSections: englishLearnerSections,
      catalog: catalog)
  }
}
