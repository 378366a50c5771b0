import ArgumentParser
import CredoCore
import CredoDomain
import CredoReference
import Foundation

extension CatalogKind: ExpressibleByArgument {}

/// `credo catalog …`: the reference catalog's table versions.
struct CatalogCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "catalog", abstract: "List and load versions of the CTC/CDE reference tables.",
    discussion: "Kinds: \(CatalogKind.allCases.map(\.rawValue).joined(separator: ", ")).",
    subcommands: [ImportTable.self, List.self, Export.self])

  struct ImportTable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Load a newer version of one table from a file in Credo's catalog format.",
      discussion:
        "The file is tab-separated with '# kind:', '# source:' and '# as_of:' lines before the header row (see `credo catalog export KIND` for an example). The whole file is validated first; a file identical to the current version adds nothing. Exit status 2 means the file was rejected."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The table kind.")
    var kind: CatalogKind

    @Argument(help: "The catalog file.")
    var file: String

    func run() async throws {
      let configuration = try options.configuration()
      let data = try readInput(file)
      do {
        let result = try await withServices(configuration) { services in
          try await Catalog(services).importTable(
            kind: kind, data: data, fileName: (file as NSString).lastPathComponent, by: .system())
        }
        if result.created {
          print(
            "Loaded \(kind.rawValue) version \(result.version): \(result.rows) rows, source \(result.info.source), as of \(result.info.asOf)."
          )
        } else {
          print("Unchanged: \(kind.rawValue) version \(result.version) already has this content (\(result.rows) rows).")
        }
      } catch { throw reportFailure(error) }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List every version of every table (the current one first within each kind).")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
      let configuration = try options.configuration()
      do {
        let versions = try await withServices(configuration) { services in try await Catalog(services).versions() }
        var current: Set<CatalogKind> = []
        print(["kind", "version", "current", "as_of", "rows", "loaded_by", "source"].joined(separator: "\t"))
        for info in versions {
          let isCurrent = current.insert(info.kind).inserted
          print(
            [
              info.kind.rawValue, String(info.version), isCurrent ? "yes" : "", info.asOf.iso, String(info.rowCount),
              info.importedBy ?? "bundled", info.source,
            ].joined(separator: "\t"))
        }
      } catch { throw reportFailure(error) }
    }
  }

  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the current version of one table to standard output, in Credo's catalog format.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The table kind.")
    var kind: CatalogKind

    func run() async throws {
      let configuration = try options.configuration()
      do {
        let text = try await withServices(configuration) { services in try await Catalog(services).export(kind) }
        FileHandle.standardOutput.write(Data(text.utf8))
      } catch { throw reportFailure(error) }
    }
  }
}
