import CredoDomain
import CredoStore
import Foundation

/// Current findings of one place, by status and by exception type.
public struct ExceptionCounts: Sendable, Hashable {
  /// Distinct assignments (teacher-sections, non-classroom codes) with a current finding.
  public var assignments: Int = 0
  /// Findings per `status` (`authorized`, `exception`, `vacancy`, `not_monitored`).
  public var byStatus: [String: Int] = [:]
  /// Exception findings per `exception_type`.
  public var byExceptionType: [String: Int] = [:]

  public init() {}

  public func findings(_ status: AssignmentStatus) -> Int { byStatus[status.rawValue] ?? 0 }
  public func exceptions(_ type: ExceptionType) -> Int { byExceptionType[type.rawValue] ?? 0 }
  public var exceptions: Int { findings(.exception) }
  public var vacancies: Int { findings(.vacancy) }
  /// Exceptions about English learners (EL service or bilingual authorization).
  public var englishLearnerExceptions: Int { exceptions(.englishLearner) + exceptions(.bilingual) }

  mutating func add(_ count: SchoolFindingCount) {
    byStatus[count.status, default: 0] += count.findings
    if count.status == AssignmentStatus.exception.rawValue {
      byExceptionType[count.exceptionType, default: 0] += count.findings
    }
  }

  public mutating func add(_ other: ExceptionCounts) {
    assignments += other.assignments
    byStatus.merge(other.byStatus, uniquingKeysWith: +)
    byExceptionType.merge(other.byExceptionType, uniquingKeysWith: +)
  }
}

/// One line of the exceptions summary: a school, a district (its schools and district office summed) or a county
/// (its districts summed).
public struct ExceptionsSummaryLine: Sendable, Hashable {
  public var place: ReportPlace
  public var counts: ExceptionCounts
}

public struct ExceptionsSummaryResult: Sendable {
  public var context: MonitoringReportContext
  public var level: ReportLevel
  public var lines: [ExceptionsSummaryLine]
  public var totals: ExceptionCounts
}

/// The exceptions summary (CalSAAS "Summary" report, domain guide §2.2 [S6]): current findings counted by status
/// and by exception type, per school, per district or per county. Counts are findings (rows of the outcomes file),
/// as CalSAAS counts exceptions: one per exception type and detail of an assignment (e.g. one special education
/// exception per disability area). Districts sum their schools and district office, counties their districts, so
/// every level adds up to the same totals. Counted in SQL per school (`MonitoringReportRepository.findingCounts`),
/// summed up here.
public struct ExceptionsSummary: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func run(
    year: SchoolYear?, level: ReportLevel = .school, district: String? = nil, by viewer: Viewer,
    forExport: Bool = false
  ) async throws -> ExceptionsSummaryResult {
    let scope = try viewer.require(forExport ? .exportData : .viewRecords, "viewing monitoring reports")
    let context = try await MonitoringReportContext.load(services, year: year)
    let counts = try await MonitoringReportRepository(services.database.sql).findingCounts(
      year: context.year, scope: scope, district: district)
    let lines = try await Self.lines(counts, level: level, services: services)
    var totals = ExceptionCounts()
    for line in lines { totals.add(line.counts) }
    return ExceptionsSummaryResult(context: context, level: level, lines: lines, totals: totals)
  }

  /// The per-school counts summed at `level`, in CDS order.
  static func lines(
    _ counts: FindingCounts, level: ReportLevel, services: CredoServices
  ) async throws -> [ExceptionsSummaryLine] {
    func key(_ cds: String) -> String {
      switch level {
      case .school: cds
      case .district: String(cds.prefix(7))
      case .county: String(cds.prefix(2))
      }
    }
    var byKey: [String: (cds: String, counts: ExceptionCounts)] = [:]
    for count in counts.bySchool {
      byKey[key(count.cdsCode), default: (count.cdsCode, ExceptionCounts())].counts.add(count)
    }
    for (cds, n) in counts.assignmentsBySchool {
      byKey[key(cds), default: (cds, ExceptionCounts())].counts.assignments += n
    }
    let places = try await ReportPlaces.load(byKey.values.map(\.cds), services: services)
    return byKey.values.map { ExceptionsSummaryLine(place: places.place($0.cds, level: level), counts: $0.counts) }
      .sorted { $0.place < $1.place }
  }

  public static let csvHeader =
    ["academic_year", "level", "cds_code", "county", "district", "school", "assignments"]
    + AssignmentStatus.allCases.map(\.rawValue) + ExceptionType.allCases.map { "exception_" + $0.rawValue }

  public static func csv(_ result: ExceptionsSummaryResult) -> String {
    var writer = CSVWriter(header: csvHeader)
    for line in result.lines {
      let p = line.place
      writer.append(
        [
          result.context.year.description, result.level.rawValue, p.cdsCode, p.countyName,
          p.level == .county ? "" : p.districtName, p.level == .school ? p.name : "", String(line.counts.assignments),
        ] + AssignmentStatus.allCases.map { String(line.counts.findings($0)) }
          + ExceptionType.allCases.map { String(line.counts.exceptions($0)) })
    }
    return writer.text
  }
}
