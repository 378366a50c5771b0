import ArgumentParser
import CredoCore
import CredoDomain
import Foundation

/// `credo report KIND --year Y [--out FILE]`: the TAMO file (interchange spec §4, §5) and the monitoring reports as
/// CSV (Credo's extension, `docs/DEVELOPMENT.md`). Without `--out` the file goes to standard output.
struct Report: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a monitoring report from the stored findings of a year (run `credo monitor` first).",
    subcommands: [TAMO.self, Williams.self, Exceptions.self, Schedule.self, Superintendent.self])

  struct Common: ParsableArguments {
    @Option(help: "Academic year, e.g. 2025-2026.")
    var year: String

    @Option(help: "Write the report here (replaced whole, never half-written); default: standard output.")
    var out: String?

    func schoolYear() throws -> SchoolYear {
      guard let year = try parseYear(year) else { throw ValidationError("--year is required.") }
      return year
    }

    /// Writes the report; says how many rows went where when it is a file.
    func emit(_ bytes: [UInt8], rows: Int) throws {
      guard let out else {
        FileHandle.standardOutput.write(Data(bytes))
        return
      }
      do {
        try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
      } catch {
        printError("Cannot write \(out): \(error.localizedDescription)")
        throw ExitCode(73)  // EX_CANTCREAT
      }
      print("Wrote \(rows) rows to \(out).")
    }
  }

  static func district(_ text: String?) throws -> String? {
    guard let text else { return nil }
    guard let code = DistrictCode(text) else { throw ValidationError("--district must be 7 digits, not '\(text)'.") }
    return code.digits
  }

  static func rows(_ csv: String) -> Int {
    max(0, csv.split(separator: "\r\n", omittingEmptySubsequences: true).count - 1)
  }

  struct TAMO: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "tamo",
      abstract: "The ESSA teaching assignment monitoring outcomes in CDE's tab-delimited layout (interchange spec §4).",
      discussion:
        "Aggregated at state, county, district and school level from the year's current findings; each teacher's classroom FTE (SASS) is shared equally among their sections at the school."
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var common: Common

    func run() async throws {
      let configuration = try options.configuration()
      let year = try common.schoolYear()
      do {
        let result = try await withServices(configuration) { services in
          try await TAMOExport(services).run(year: year, by: .system(), forExport: true)
        }
        try common.emit(TAMOFile.bytes(result.report), rows: result.report.rows.count)
      } catch { throw reportFailure(error) }
    }
  }

  struct Williams: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "williams",
      abstract: "Per school: teacher misassignments, EL misassignments, services misassignments and vacancies (CSV).")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var common: Common
    @Option(help: "Only this district (7-digit county-district code).")
    var district: String?

    func run() async throws {
      let configuration = try options.configuration()
      let year = try common.schoolYear()
      let district = try Report.district(district)
      do {
        let result = try await withServices(configuration) { services in
          try await WilliamsReport(services).run(year: year, district: district, by: .system(), forExport: true)
        }
        try common.emit(Array(WilliamsReport.csv(result).utf8), rows: result.lines.count)
      } catch { throw reportFailure(error) }
    }
  }

  struct Exceptions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "exceptions",
      abstract: "Current findings counted by status and exception type per school, district or county (CSV).")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var common: Common
    @Option(help: "school, district or county.")
    var level: String = "school"
    @Option(help: "Only this district (7-digit county-district code).")
    var district: String?

    func run() async throws {
      let configuration = try options.configuration()
      let year = try common.schoolYear()
      guard let level = ReportLevel(rawValue: level) else {
        throw ValidationError("--level must be school, district or county, not '\(level)'.")
      }
      let district = try Report.district(district)
      do {
        let result = try await withServices(configuration) { services in
          try await ExceptionsSummary(services).run(
            year: year, level: level, district: district, by: .system(), forExport: true)
        }
        try common.emit(Array(ExceptionsSummary.csv(result).utf8), rows: result.lines.count)
      } catch { throw reportFailure(error) }
    }
  }

  struct Schedule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "schedule",
      abstract:
        "The master schedule audit of one or more schools: sections, teachers, grades, EL and special education composition, decisions (CSV)."
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var common: Common
    @Option(help: "School CDS code, 14 digits (repeatable).")
    var school: [String] = []

    func run() async throws {
      let configuration = try options.configuration()
      let year = try common.schoolYear()
      guard !school.isEmpty else { throw ValidationError("Name at least one --school.") }
      let codes = try school.map { text -> CDSCode in
        guard let code = CDSCode(text), code.kind == .school else {
          throw ValidationError("--school must be a 14-digit school CDS code, not '\(text)'.")
        }
        return code
      }
      do {
        let results = try await withServices(configuration) { services in
          var results: [ScheduleAuditResult] = []
          for code in codes {
            results.append(
              try await MasterScheduleAudit(services).run(year: year, school: code, by: .system(), forExport: true))
          }
          return results
        }
        let csv = MasterScheduleAudit.csv(results)
        try common.emit(Array(csv.utf8), rows: Report.rows(csv))
      } catch { throw reportFailure(error) }
    }
  }

  struct Superintendent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "superintendent",
      abstract: "The superintendent report's table: one line per district (CSV).")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var common: Common

    func run() async throws {
      let configuration = try options.configuration()
      let year = try common.schoolYear()
      do {
        let result = try await withServices(configuration) { services in
          try await SuperintendentReport(services).run(year: year, by: .system(), forExport: true)
        }
        try common.emit(Array(SuperintendentReport.csv(result).utf8), rows: result.districts.count)
      } catch { throw reportFailure(error) }
    }
  }
}
