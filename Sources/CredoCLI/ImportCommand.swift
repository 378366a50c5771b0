import ArgumentParser
import CredoCore
import CredoDomain
import CredoStore
import Foundation

/// `credo import KIND FILE`.
struct Import: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import a file. Bad files are rejected whole, with every problem listed, and nothing is written.",
    subcommands: [Schools.self, Credentials.self, Calpads.self, SectionStudents.self, CTCActionList.self])

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

  struct Calpads: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load CALPADS Fall 2 extracts: SDEM, SASS and CRSE records (interchange spec §1), any mix of files.",
      discussion:
        "Records are grouped by record type, reporting LEA and academic year; a newer extract replaces that scope, the same extract again changes nothing. Exit status 2 means the files were rejected and nothing was written."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "One or more extract files (^-delimited; tab and quoted CSV also read).")
    var files: [String]

    func run() async throws {
      let configuration = try options.configuration()
      let inputs = try files.map { (name: ($0 as NSString).lastPathComponent, data: try readInput($0)) }
      do {
        let (summary, reviews) = try await withServices(configuration) { services in
          let summary = try await CalpadsImport(services).run(files: inputs, by: .system())
          var reviews: [(year: String, counts: [DataCheck: Int])] = []
          for year in Set(summary.scopes.map(\.academicYear)).sorted() {
            if let year = SchoolYear(parsing: year) {
              reviews.append(
                (year.description, try await CalpadsDataReview(services).counts(year: year, by: .system())))
            }
          }
          return (summary, reviews)
        }
        print("Imported \(summary.files.joined(separator: ", ")): \(summary.records) records.")
        for scope in summary.scopes {
          print(
            "  \(scope.academicYear) LEA \(scope.reportingLea) \(scope.recordType): \(scope.records) records, \(scope.outcome)"
          )
        }
        // The data-quality review of each year imported (of the records on file), as counts per check: a state
        // year's findings run to hundreds of thousands of lines.
        for review in reviews {
          print("Data-quality review of \(review.year): \(review.counts.values.reduce(0, +)) findings.")
          for (check, count) in review.counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            print("  \(check.rawValue): \(count)")
          }
        }
      } catch { throw reportFailure(error) }
    }
  }

  struct SectionStudents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "section-students",
      abstract: "Load who sits in each section from section-students.csv (interchange spec §2).",
      discussion:
        "Credo keeps each section's summary (grade levels, English learners, primary disabilities), not the students. The file replaces the rosters of every school it names for the year. Exit status 2 means the file was rejected."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "Academic year, e.g. 2025-2026 (default: the current school year).")
    var year: String?

    @Argument(help: "The section-students file.")
    var file: String

    func run() async throws {
      let configuration = try options.configuration()
      let data = try readInput(file)
      let schoolYear = try parseYear(year)
      do {
        let summary = try await withServices(configuration) { services in
          try await SectionRosterImport(services).run(
            data: data, fileName: (file as NSString).lastPathComponent, year: schoolYear ?? services.schoolYear,
            by: .system())
        }
        print(
          "Imported \(summary.file) for \(summary.academicYear): \(summary.students) students in \(summary.sections) sections at \(summary.schools) schools."
        )
      } catch { throw reportFailure(error) }
    }
  }
}

/// Reads `--year 2025-2026`; nil when not given.
extension Import {
  struct CTCActionList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ctc-actions",
      abstract: "Load a CTC action list (All Points Bulletin or license match, CSV; docs/INTERCHANGE-EXTENSIONS.md).",
      discussion:
        "Rows matching an educator's SEID are applied to their documents at once; rows matching by name and birth date wait for an analyst to confirm; the rest are kept unmatched. Rows already imported are skipped. A private admonition rejects the file. Exit status 2 means the file was rejected."
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The list file.") var file: String
    @Option(help: "The list's source when the file has no source column: APB or license-match.") var source: String?

    func run() async throws {
      let configuration = try options.configuration()
      var listSource: CTCActionSource?
      if let source {
        guard let parsed = CTCActionSource(text: source) else {
          throw ValidationError("--source must be APB or license-match, not '\(source)'.")
        }
        listSource = parsed
      }
      let data = try readInput(file)
      do {
        let s = try await withServices(configuration) { services in
          try await CTCActions(services).importList(
            data: data, fileName: (file as NSString).lastPathComponent, source: listSource, by: .system())
        }
        print(
          "Imported \(s.file): \(s.rows) rows, \(s.new) new; \(s.applied) applied by SEID, \(s.candidates) with candidates to confirm, \(s.unmatched) unmatched, \(s.rematched) earlier rows matched now; \(s.notices.count) ctc-action notices queued (each sent once)."
        )
        for warning in s.warnings { printError("warning: \(warning)") }
      } catch { throw reportFailure(error) }
    }
  }
}

func parseYear(_ text: String?) throws -> SchoolYear? {
  guard let text else { return nil }
  guard let year = SchoolYear(parsing: text) else {
    throw ValidationError("--year must look like 2025-2026, not '\(text)'.")
  }
  return year
}
