import ArgumentParser
import CredoCore
import CredoStore
import Foundation

/// `credo demo [--size small|county|state]`.
struct Demo: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Load a deterministic synthetic data set into an empty database, with demo accounts.")

  @OptionGroup var options: GlobalOptions

  @Option(
    help: "small (tests), county (about 12 districts, 6,000 educators) or state (58 counties, 300,000 educators).")
  var size: String = "county"

  @Flag(help: "Print the wall time of generating and of writing each table to standard error.")
  var timings = false

  @Option(
    name: .customLong("calpads-file"),
    help:
      "Write the CALPADS submission's SDEM, SASS and CRSE records to this file (for credo import calpads) instead of the database, and do not monitor; section rosters still go to the database."
  )
  var calpadsFile: String?

  func validate() throws {
    guard DemoSize(rawValue: size) != nil else { throw ValidationError("--size must be small, county or state.") }
  }

  func run() async throws {
    let configuration = try options.configuration()
    do {
      let result = try await withServices(configuration) { services in
        let phases = PhaseTimings(logger: services.logger)
        defer { if timings { printError(phases.report) } }
        return try await DemoLoader(services).load(
          size: DemoSize(rawValue: size)!, timings: phases, calpadsFile: calpadsFile
        ) { print($0) }
      }
      print(
        "Loaded \(result.organizations) organizations, \(result.educators) educators and \(result.employments) employment records in \(String(format: "%.1f", result.seconds)) s."
      )
      print("Demo accounts (password \(DemoLoader.password)):")
      for account in result.accounts { print("  \(account.username)\t\(account.role.label), \(account.organization)") }
    } catch let error as DemoLoader.LoadError {
      printError(error.description)
      throw ExitCode(2)
    } catch { throw reportFailure(error) }
  }
}
