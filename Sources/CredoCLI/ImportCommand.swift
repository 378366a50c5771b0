import ArgumentParser
import CredoCore
import CredoStore
import Foundation

/// `credo import KIND FILE`.
struct Import: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import a file. Bad files are rejected whole, with every problem listed, and nothing is written.",
    subcommands: [Schools.self, Credentials.self])

  struct Schools: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load the CDE \"Public Schools and Districts\" directory file (pubschls.txt, tab-delimited).",
      discussion:
        "Re-importing updates organizations in place; every changed field is kept in the audit trail. Exit status 2 means the file was rejected."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The directory file.")
    var file: String

    func run() async throws {
      let configuration = try options.configuration()
      let data = try readInput(file)
      do {
        let summary = try await withServices(configuration) { services in
          try await SchoolDirectoryImport(services).run(
            data: data, fileName: (file as NSString).lastPathComponent, by: .system())
        }
        print(
          "Imported \(summary.file): \(summary.rows) rows, \(summary.inserted) added, \(summary.updated) updated, \(summary.unchanged) unchanged."
        )
      } catch { throw reportFailure(error) }
    }
  }

  struct Credentials: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load CTC documents from credentials.csv (interchange spec §3).",
      discussion:
        "Documents are matched by number; a change adds a version and keeps the old one. Holders are matched by SEID and created when unknown. Exit status 2 means the file was rejected."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The credentials file.")
    var file: String

    @Flag(help: "Print the wall time of each phase (read, validate, match, write…) to standard error.")
    var timings = false

    func run() async throws {
      let configuration = try options.configuration()
      let started = PhaseTimings()
      let data = try readInput(file)
      started.end("read file")
      do {
        let summary = try await withServices(configuration) { services in
          let phases = PhaseTimings(logger: services.logger)
          defer { if timings { printError(started.report.split(separator: "\n")[0] + "\n" + phases.report) } }
          return try await CredentialImport(services).run(
            data: data, fileName: (file as NSString).lastPathComponent, by: .system(), timings: phases)
        }
        print(
          "Imported \(summary.file): \(summary.rows) rows, \(summary.documents) documents: \(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged; \(summary.newEducators) new educators."
        )
      } catch { throw reportFailure(error) }
    }
  }
}
