import ArgumentParser
import CredoCore
import CredoDomain
import Foundation

/// `credo cycle show|set|close --year Y`: the monitoring cycle's dates and its closing (rules 71–72).
struct CycleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cycle",
    abstract: "Show, set or close a year's exception-review cycle.",
    subcommands: [Show.self, Set.self, Close.self])

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the cycle's dates.")
    @OptionGroup var options: GlobalOptions
    @Option(help: "Academic year, e.g. 2025-2026.") var year: String

    func run() async throws {
      let configuration = try options.configuration()
      guard let schoolYear = try parseYear(year) else { throw ValidationError("--year is required.") }
      do {
        let record = try await withServices(configuration) { try await ExceptionReview($0).cycle(year: schoolYear) }
        let c = record.cycle
        print("Cycle \(schoolYear): census day \(c.censusDate.iso)")
        print("  monitoring starts      \(c.monitoringStart.iso)")
        print("  district deadline      \(c.leaDeadline.iso) (\(c.leaWindowDays) days)")
        print("  county office deadline \(c.monitoringAuthorityDeadline.iso) (\(c.monitoringAuthorityWindowDays) days)")
        print("  finalization           \(c.finalization.iso)")
        print("  closed                 \(record.closedOn?.iso ?? "no")")
      } catch { throw reportFailure(error) }
    }
  }

  struct Set: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Set the cycle's dates (a county office's own year-round review).")
    @OptionGroup var options: GlobalOptions
    @Option(help: "Academic year, e.g. 2025-2026.") var year: String
    @Option(help: "First day determinations are accepted (YYYY-MM-DD).") var start: String
    @Option(name: .customLong("lea-days"), help: "District window in days (CalSAAS: 60).") var leaDays = 60
    @Option(name: .customLong("authority-days"), help: "County office window in days (CalSAAS: 90).")
    var authorityDays = 90
    @Option(help: "Finalization date (YYYY-MM-DD); default 1 November or the day after the county window.")
    var finalization: String?

    func run() async throws {
      let configuration = try options.configuration()
      guard let schoolYear = try parseYear(year) else { throw ValidationError("--year is required.") }
      guard let startDate = CalendarDate(parsing: start) else {
        throw ValidationError("--start must be a date like 2026-08-01, not '\(start)'.")
      }
      var final: CalendarDate?
      if let finalization {
        guard let parsed = CalendarDate(parsing: finalization) else {
          throw ValidationError("--finalization must be a date like 2026-11-01, not '\(finalization)'.")
        }
        final = parsed
      }
      do {
        try await withServices(configuration) { services in
          try await ExceptionReview(services).setCycle(
            year: schoolYear, monitoringStart: startDate, leaWindowDays: leaDays, authorityWindowDays: authorityDays,
            finalization: final, by: .system())
        }
        print("Cycle \(schoolYear) set: starts \(startDate.iso), \(leaDays)/\(authorityDays) days.")
      } catch { throw reportFailure(error) }
    }
  }

  struct Close: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Close the cycle: finalize every exception; undetermined ones become misassignments (rule 72).")
    @OptionGroup var options: GlobalOptions
    @Option(help: "Academic year, e.g. 2025-2026.") var year: String

    func run() async throws {
      let configuration = try options.configuration()
      guard let schoolYear = try parseYear(year) else { throw ValidationError("--year is required.") }
      do {
        let result = try await withServices(configuration) {
          try await ExceptionReview($0).closeCycle(year: schoolYear, by: .system())
        }
        print(
          "Closed \(schoolYear): \(result.finalized) exceptions finalized, \(result.misassignments) of them as misassignments (no determination by the end of the cycle); \(result.notices) districts notified of them (30 days to correct)."
        )
      } catch { throw reportFailure(error) }
    }
  }
}
