import CredoDomain
import CredoStore
import Foundation

/// One district's line of the superintendent report.
public struct SuperintendentDistrictLine: Sendable, Hashable {
  public var place: ReportPlace
  public var williams: WilliamsSchoolCounts
  public var counts: ExceptionCounts
  /// Schools (and the district office) with at least one misassignment or vacancy.
  public var schoolsWithFindings: Int
}

/// How the findings of one status moved at the latest run.
public struct StatusTrend: Sendable, Hashable {
  public var status: AssignmentStatus
  public var current: Int
  /// First found by the latest run (still current).
  public var added: Int
  /// Resolved by the latest run.
  public var resolved: Int
  /// What was current before the latest run: current − added + resolved.
  public var previous: Int { current - added + resolved }
}

public struct SuperintendentResult: Sendable {
  public var context: MonitoringReportContext
  public var williams: WilliamsSchoolCounts
  public var counts: ExceptionCounts
  public var districts: [SuperintendentDistrictLine]
  /// Empty when the year has no run; the latest run compared with what was current before it.
  public var trend: [StatusTrend]
  /// The same counts for the year before, when that year was monitored.
  public var previousYear: (year: SchoolYear, williams: WilliamsSchoolCounts, counts: ExceptionCounts)?
  public var schools: Int
  public var schoolsWithFindings: Int
}

/// The superintendent report (CalSAAS "Superintendent" report, domain guide §2.2 [S6]): one page for a county or
/// district superintendent with the headline counts (assignments monitored, misassignments, EL misassignments,
/// vacancies, exceptions by type), a line per district, and how the latest run moved the numbers: findings it
/// added and resolved, so what was current before it. The trend is read from the findings themselves (each keeps
/// the run that first found it and the run that resolved it), so it is limited to the viewer's scope like the
/// rest; the year before is shown when it was monitored too.
public struct SuperintendentReport: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func run(year: SchoolYear?, by viewer: Viewer, forExport: Bool = false) async throws -> SuperintendentResult {
    let scope = try viewer.require(forExport ? .exportData : .viewRecords, "viewing monitoring reports")
    let context = try await MonitoringReportContext.load(services, year: year)
    let repository = MonitoringReportRepository(services.database.sql)

    let williams = try await repository.williams(year: context.year, scope: scope)
    let counts = try await repository.findingCounts(year: context.year, scope: scope)
    let summary = try await ExceptionsSummary.lines(counts, level: .district, services: services)
    var byDistrict: [String: SuperintendentDistrictLine] = [:]
    for line in summary {
      byDistrict[line.place.districtCode] = SuperintendentDistrictLine(
        place: line.place, williams: WilliamsSchoolCounts(cdsCode: line.place.cdsCode), counts: line.counts,
        schoolsWithFindings: 0)
    }
    var totals = WilliamsSchoolCounts(cdsCode: "")
    var schoolsWithFindings = 0
    for school in williams {
      totals.add(school)
      let flagged = school.misassignments + school.serviceMisassignments + school.vacancies > 0
      if flagged { schoolsWithFindings += 1 }
      let code = String(school.cdsCode.prefix(7))
      byDistrict[code]?.williams.add(school)
      if flagged { byDistrict[code]?.schoolsWithFindings += 1 }
    }
    var all = ExceptionCounts()
    for line in summary { all.add(line.counts) }

    var trend: [StatusTrend] = []
    if let run = context.latestRun {
      let changes = Dictionary(
        (try await repository.changes(year: context.year, scope: scope, runId: run.id)).map { ($0.status, $0) },
        uniquingKeysWith: { a, _ in a })
      trend = AssignmentStatus.allCases.map { status in
        StatusTrend(
          status: status, current: all.findings(status), added: changes[status.rawValue]?.added ?? 0,
          resolved: changes[status.rawValue]?.resolved ?? 0)
      }
    }

    var previousYear: (SchoolYear, WilliamsSchoolCounts, ExceptionCounts)?
    let before = SchoolYear(startYear: context.year.startYear - 1)
    if context.years.contains(before) {
      var williamsBefore = WilliamsSchoolCounts(cdsCode: "")
      for school in try await repository.williams(year: before, scope: scope) { williamsBefore.add(school) }
      var countsBefore = ExceptionCounts()
      let grouped = try await repository.findingCounts(year: before, scope: scope)
      for count in grouped.bySchool { countsBefore.add(count) }
      countsBefore.assignments = grouped.assignmentsBySchool.values.reduce(0, +)
      previousYear = (before, williamsBefore, countsBefore)
    }

    return SuperintendentResult(
      context: context, williams: totals, counts: all,
      districts: byDistrict.values.sorted { $0.place < $1.place }, trend: trend, previousYear: previousYear,
      schools: williams.count, schoolsWithFindings: schoolsWithFindings)
  }

  public static let csvHeader = [
    "academic_year", "district_code", "county", "district", "schools_with_findings", "assignments",
    "misassignments", "el_misassignments", "service_misassignments", "vacancies", "exceptions",
  ]

  /// The per-district table as CSV.
  public static func csv(_ result: SuperintendentResult) -> String {
    var writer = CSVWriter(header: csvHeader)
    for line in result.districts {
      let w = line.williams
      writer.append(
        [result.context.year.description, line.place.districtCode, line.place.countyName, line.place.name]
          + [
            line.schoolsWithFindings, line.counts.assignments, w.misassignments, w.englishLearnerMisassignments,
            w.serviceMisassignments, w.vacancies, line.counts.exceptions,
          ].map(String.init))
    }
    return writer.text
  }
}
