import ArgumentParser
import CredoCore
import CredoDomain
import CredoStore
import Foundation

/// `credo monitor --year Y [--as-of D] [--seid S …] [--out FILE.csv]` (interchange spec §5).
struct MonitorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "monitor",
    abstract: "Evaluate every assignment of a year against valid authorizations and store the findings.",
    discussion:
      "As of the census date (first Wednesday of October) unless --as-of is given. Prints what is new, changed and resolved since the last run; --out writes the outcomes file (interchange spec §4). With --seid, only those educators' assignments are re-evaluated."
  )

  @OptionGroup var options: GlobalOptions

  @Option(help: "Academic year, e.g. 2025-2026.")
  var year: String

  @Option(name: .customLong("as-of"), help: "Evaluate as of this date (YYYY-MM-DD) instead of the census date.")
  var asOf: String?

  @Option(help: "Re-evaluate only this educator (repeatable).")
  var seid: [String] = []

  @Option(help: "Write the outcomes CSV here.")
  var out: String?

  @Flag(help: "Print the wall time of each phase to standard error.")
  var timings = false

  func run() async throws {
    let configuration = try options.configuration()
    guard let schoolYear = try parseYear(year) else { throw ValidationError("--year is required.") }
    var date: CalendarDate?
    if let asOf {
      guard let parsed = CalendarDate(parsing: asOf) else {
        throw ValidationError("--as-of must be a date like 2025-10-01, not '\(asOf)'.")
      }
      date = parsed
    }
    for value in seid where SEID(value) == nil {
      throw ValidationError("--seid must be 10 digits, not '\(value)'.")
    }
    do {
      let seids = seid.isEmpty ? nil : seid
      let (run, written) = try await withServices(configuration) { services in
        let phases = PhaseTimings(logger: services.logger)
        defer { if timings { printError(phases.report) } }
        let result = try await Monitor(services).run(
          year: schoolYear, asOf: date, seids: seids, by: .system(), timings: phases, keepOutcomes: false
        ) { print($0) }
        var written: Int? = nil
        if let out {
          written = try await OutcomesFile.export(services, year: schoolYear, seids: seids, to: out, by: .system())
          phases.end("write outcomes file")
        }
        return (result.run, written)
      }
      print(
        "Monitored \(run.academicYear) as of \(run.asOf): \(run.evaluated) assignments: \(run.authorized) authorized, \(run.exceptions) with exceptions, \(run.vacancies) vacancies, \(run.notMonitored) not monitored."
      )
      print(
        "Since the last run: \(run.newFindings) new, \(run.changedFindings) changed, \(run.resolvedFindings) resolved findings. Catalog: \(run.catalogVersion)."
      )
      if let out, let written { print("Wrote \(written) rows to \(out).") }
    } catch { throw reportFailure(error) }
  }
}
