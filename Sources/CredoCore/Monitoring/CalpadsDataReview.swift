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
    func covered(_ lea: String) -> Bool {
      scope.isUnlimited || DistrictCode(lea).map { scope.covers(OrganizationPlace(CDSCode(district: $0))) } ?? false
    }
    let staff = try await calpads.staff(year: year).filter { covered($0.reportingLEA) }
    let assignments = try await calpads.assignments(year: year).filter { covered($0.reportingLEA) }
    let sections = try await calpads.sections(year: year).filter { covered($0.reportingLEA) }
    // Credo keeps roster summaries, not students: the EL check (rule 33) needs only which sections have English
    // learners, so each such section stands in with one English learner.
    let englishLearners = try await calpads.rosters(year: year).filter { $0.value.englishLearners > 0 }.map { key, _ in
      SectionStudent(section: key, ssid: "", grade: .g9, englishStatus: .englishLearner)
    }
    let catalog = try await Catalog(services).current()
    return CalpadsDataChecks.check(
      staff: staff, assignments: assignments, sections: sections, students: englishLearners, catalog: catalog)
  }
}
