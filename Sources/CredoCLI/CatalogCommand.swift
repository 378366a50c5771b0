import ArgumentParser

/// `credo catalog …`: the reference catalog's table versions.
struct CatalogCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "catalog", abstract: "List and load versions of the CTC/CDE reference tables.", subcommands: [])
}
