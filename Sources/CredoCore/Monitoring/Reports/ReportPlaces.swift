import CredoDomain
import CredoReference
import CredoStore
import Foundation

/// How far up the county → district → school tree a report's lines are summed.
public enum ReportLevel: String, Sendable, Codable, CaseIterable {
  case school, district, county

  public var label: String {
    switch self {
    case .school: "School"
    case .district: "District"
    case .county: "County"
    }
  }
}

/// Where a report line is, with the names the CDE directory gives (empty when the directory does not have it).
public struct ReportPlace: Sendable, Hashable, Comparable {
  public var level: ReportLevel
  /// 14 digits: a school's code, a district's (`CCDDDDD0000000`) or a county's (`CC000000000000`).
  public var cdsCode: String
  public var countyName: String
  public var districtName: String
  public var schoolName: String
  public var isCharter: Bool

  public init(
    level: ReportLevel, cdsCode: String, countyName: String, districtName: String = "", schoolName: String = "",
    isCharter: Bool = false
  ) {
    self.level = level
    self.cdsCode = cdsCode
    self.countyName = countyName
    self.districtName = districtName
    self.schoolName = schoolName
    self.isCharter = isCharter
  }

  /// The 2-digit county code.
  public var countyCode: String { String(cdsCode.prefix(2)) }
  /// The 7-digit county-district code (the reporting LEA).
  public var districtCode: String { String(cdsCode.prefix(7)) }

  /// The line's own name; district-office lines (school part `0000000`) are named after the district.
  public var name: String {
    switch level {
    case .county: countyName
    case .district: districtName.isEmpty ? districtCode : districtName
    case .school:
      !schoolName.isEmpty
        ? schoolName : cdsCode.hasSuffix("0000000") ? "\(districtName) (district office)" : cdsCode
    }
  }

  public static func < (a: ReportPlace, b: ReportPlace) -> Bool { a.cdsCode < b.cdsCode }
}

/// Names for the places in a report: schools and districts from the organizations on file, counties from the
/// CDE county list, so a report reads the directory once per page instead of once per line.
struct ReportPlaces {
  var organizations: [String: Organization]

  /// Loads the schools named and their districts.
  static func load(_ cdsCodes: some Collection<String>, services: CredoServices) async throws -> ReportPlaces {
    let districts = Set(cdsCodes.map { String($0.prefix(7)) + "0000000" })
    return ReportPlaces(
      organizations: try await OrganizationRepository(services.database.sql).find(
        cdsCodes: Set(cdsCodes).union(districts)))
  }

  static func countyName(_ cds: String) -> String {
    CountyCode(String(cds.prefix(2))).map(CaliforniaCounties.name(of:)) ?? ""
  }

  func districtName(_ cds: String) -> String {
    if let district = organizations[String(cds.prefix(7)) + "0000000"] { return district.name }
    return organizations[cds]?.districtName ?? ""
  }

  func place(_ cds: String, level: ReportLevel) -> ReportPlace {
    switch level {
    case .county:
      let code = String(cds.prefix(2))
      return ReportPlace(level: .county, cdsCode: code + "000000000000", countyName: Self.countyName(cds))
    case .district:
      let code = String(cds.prefix(7)) + "0000000"
      return ReportPlace(
        level: .district, cdsCode: code, countyName: Self.countyName(cds), districtName: districtName(cds))
    case .school:
      let school = organizations[cds]
      return ReportPlace(
        level: .school, cdsCode: cds, countyName: Self.countyName(cds), districtName: districtName(cds),
        schoolName: cds.hasSuffix("0000000") ? "" : school?.name ?? "", isCharter: school?.isCharter ?? false)
    }
  }
}

/// What every monitoring report page needs besides its own lines: which years have runs, and the latest run.
public struct MonitoringReportContext: Sendable {
  /// Years with a monitoring run, latest first.
  public var years: [SchoolYear]
  public var year: SchoolYear
  /// The latest run of `year`, if any.
  public var latestRun: MonitoringRun?

  /// The year asked for, else the latest year with a run, else the current school year.
  static func load(
    _ services: CredoServices, year requested: SchoolYear?
  ) async throws -> MonitoringReportContext {
    let years = try await MonitoringReportRepository(services.database.sql).years()
    let year = requested ?? years.first ?? services.schoolYear
    let latest = try await MonitoringRepository(services.database.sql).runs(year: year, limit: 1).first
    return MonitoringReportContext(years: years, year: year, latestRun: latest)
  }
}
