import ArgumentParser
import CredoCore
import Foundation

/// `credo import KIND FILE`.
struct Import: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import a file. Bad files are rejected whole, with every problem listed, and nothing is written.",
    subcommands: [Schools.self])

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
      guard let data = FileManager.default.contents(atPath: file) else {
        printError("Cannot read \(file): no such file, or not readable.")
        throw ExitCode(66)  // EX_NOINPUT
      }
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
}
