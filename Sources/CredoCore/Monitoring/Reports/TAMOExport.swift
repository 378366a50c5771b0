import CredoDomain
import CredoReference
import CredoStore
import Foundation

public struct TAMOExportResult: Sendable {
  public var context: MonitoringReportContext
  public var report: TAMOReport
  /// Teacher-sections aggregated (vacancies included; `report.excludedWithoutSEID` of them were left out).
  public var sections: Int
}

/// `credo report tamo --year Y [--out FILE]` (interchange spec §4, §5): the ESSA teaching assignment monitoring
/// outcomes of the year in the layout of CDE's public file, from the stored findings (domain rules 67–69, 83; see
/// `docs/rules/monitoring-workflow.md` §3).
///
/// Wires the stored data into the pure `TAMOReport`: every current teacher-section with its TAMO outcome (counted in
/// SQL by school, teacher, course and outcome, so a state year moves about a fifth of its 2.5 million rows), each
/// teacher's classroom FTE at the school from SASS (`TAMOClassroomFTE`), service years from SDEM, and the schools'
/// county, district and school names, charter flag and grade span from the CDE directory on file. The directory
/// does not carry Dashboard Alternative School Status, so every school is DASS `No` until Credo records it. The
/// FTE is apportioned over each teacher's sections by the domain (equal shares unless asked otherwise).
public struct TAMOExport: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func run(
    year: SchoolYear?, by viewer: Viewer, forExport: Bool = false, apportioning: FTEApportioning = .equalShares
  ) async throws -> TAMOExportResult {
    let scope = try viewer.require(forExport ? .exportData : .viewRecords, "viewing monitoring reports")
    let context = try await MonitoringReportContext.load(services, year: year)
    let db = services.database.sql
    let groups = try await MonitoringReportRepository(db).tamoSections(year: context.year, scope: scope)
    let calpads = CalpadsRepository(db)
    let classroomFTE = TAMOClassroomFTE.byTeacherAtSchool(try await calpads.assignments(year: context.year))
    var serviceYears: [String: Int] = [:]
    for staff in try await calpads.staff(year: context.year) {
      if let years = staff.serviceYearsTotal { serviceYears[staff.reportingLEA + staff.seid] = years }
    }

    var codes: [String] = []
    var assignments: [TAMOAssignment] = []
    assignments.reserveCapacity(groups.reduce(0) { $0 + $1.sections })
    for group in groups {
      if codes.last != group.cdsCode { codes.append(group.cdsCode) }
      let assignment = TAMOAssignment(
        cdsCode: group.cdsCode, seid: group.seid, stateCourseCode: group.stateCourseCode,
        outcome: TAMOOutcome(rawValue: group.tamoOutcome) ?? .unknown,
        classroomFTE: classroomFTE[TeacherAtSchool(cdsCode: group.cdsCode, seid: group.seid)] ?? 0,
        serviceYearsTotal: serviceYears[String(group.cdsCode.prefix(7)) + group.seid])
      for _ in 0..<group.sections { assignments.append(assignment) }
    }

    let places = try await ReportPlaces.load(codes, services: services)
    let schools = codes.map { cds -> TAMOSchool in
      let place = places.place(cds, level: .school)
      if let organization = places.organizations[cds] {
        return TAMOSchool(
          SchoolSetting(organization), countyName: place.countyName, districtName: place.districtName)
      }
      return TAMOSchool(
        cdsCode: cds, countyName: place.countyName, districtName: place.districtName, schoolName: place.schoolName)
    }
    let report = TAMOReport(
      academicYear: context.year, assignments: assignments, schools: schools,
      catalog: try await Catalog(services).current(),
      apportioning: apportioning)
    return TAMOExportResult(context: context, report: report, sections: assignments.count)
  }

  /// The file's rows as CSV (same columns as the tab-delimited file), for the web page's `?format=csv`.
  public static func csv(_ report: TAMOReport) -> String {
    var writer = CSVWriter(header: TAMOFile.columns)
    TAMOFile.forEachLine(of: report) { line in
      writer.append(line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
    }
    return writer.text
  }
}
