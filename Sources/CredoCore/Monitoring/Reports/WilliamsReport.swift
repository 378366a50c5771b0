import CredoDomain
import CredoStore
import Foundation

/// One school's line of the Williams report.
public struct WilliamsLine: Sendable, Hashable {
  public var place: ReportPlace
  public var counts: WilliamsSchoolCounts
}

/// The Williams report of a year: per school, its teacher misassignments, those of teachers of English learners,
/// its services misassignments and its teacher vacancies.
public struct WilliamsResult: Sendable {
  public var context: MonitoringReportContext
  public var lines: [WilliamsLine]
  /// The lines summed (teachers are counted per school, so one teacher at two schools counts twice).
  public var totals: WilliamsSchoolCounts
}

/// The Williams settlement report (EC 35186, 44258.9; domain guide §2.1): what a county superintendent reports on
/// each school's teacher misassignments, misassignments of teachers of English learners and teacher vacancies.
///
/// Counted from the current findings of the year's monitoring (`MonitoringReportRepository.williams`), in
/// assignments, not findings: a section with a course and an EL exception is one misassignment (and one EL
/// misassignment). EL misassignments are sections with an `english_learner` or `bilingual` exception and are
/// included in the misassignments, as the SARC counts them. Vacancies are sections reported with the generic SEID
/// (rule 34). Non-classroom (services) exceptions are reported in their own column, since the Williams counts are
/// of teachers. An exception counts until the monitoring authority determines it: undetermined or determined
/// Misassignment, it is a misassignment (one left undetermined at cycle close becomes one, rule 72); determined
/// Vacancy, a vacancy; any other determination (Appropriate Assignment, LAO, CALPADS Error, …) takes it out. The
/// determination is joined in one place, `MonitoringReportRepository.countedFindings`.
public struct WilliamsReport: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func run(
    year: SchoolYear?, district: String? = nil, by viewer: Viewer, forExport: Bool = false
  ) async throws -> WilliamsResult {
    let scope = try viewer.require(forExport ? .exportData : .viewRecords, "viewing monitoring reports")
    let context = try await MonitoringReportContext.load(services, year: year)
    let counts = try await MonitoringReportRepository(services.database.sql).williams(
      year: context.year, scope: scope, district: district)
    let places = try await ReportPlaces.load(counts.map(\.cdsCode), services: services)
    var totals = WilliamsSchoolCounts(cdsCode: "")
    for line in counts { totals.add(line) }
    return WilliamsResult(
      context: context, lines: counts.map { WilliamsLine(place: places.place($0.cdsCode, level: .school), counts: $0) },
      totals: totals)
  }

  public static let csvHeader = [
    "academic_year", "cds_code", "county", "district", "school", "assignments", "misassignments",
    "el_misassignments", "service_misassignments", "vacancies", "teachers_misassigned",
  ]

  public static func csv(_ result: WilliamsResult) -> String {
    var writer = CSVWriter(header: csvHeader)
    for line in result.lines {
      let c = line.counts
      writer.append(
        [
          result.context.year.description, line.place.cdsCode, line.place.countyName, line.place.districtName,
          line.place.name,
        ]
          + [
            c.assignments, c.misassignments, c.englishLearnerMisassignments, c.serviceMisassignments, c.vacancies,
            c.teachersMisassigned,
          ].map(String.init))
    }
    return writer.text
  }
}

extension WilliamsSchoolCounts {
  public mutating func add(_ other: WilliamsSchoolCounts) {
    assignments += other.assignments
    misassignments += other.misassignments
    englishLearnerMisassignments += other.englishLearnerMisassignments
    serviceMisassignments += other.serviceMisassignments
    vacancies += other.vacancies
    teachersMisassigned += other.teachersMisassigned
  }
}
