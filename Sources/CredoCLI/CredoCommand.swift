import ArgumentParser
import CredoCore
import CredoDomain
import CredoStore
import CredoWeb
import Foundation
import Logging

/// `credo`: one executable for the web app and every batch job.
public struct CredoCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "credo",
    abstract: "Credential records and assignment monitoring for California K-12 educators.",
    subcommands: [
      Serve.self, Migrate.self, Import.self, MonitorCommand.self, CycleCommand.self, Report.self, CatalogCommand.self,
      UserCommand.self, NotifyCommand.self, Demo.self, PayCommand.self, CTCCommand.self,
      Bench.self,
    ])

  public init() {}
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
  @Option(
    help:
      "Database URL: sqlite:///path/file.sqlite, sqlite::memory: or postgres://user:pass@host/db (default: $CREDO_DATABASE_URL, else ./credo.sqlite)."
  )
  var database: String?

  @Option(
    help: "Log level: trace, debug, info, notice, warning, error, critical (default: $CREDO_LOG_LEVEL, else info).")
  var logLevel: String?

  @Option(help: "Log format: text or json (default: $CREDO_LOG_FORMAT, else text).")
  var logFormat: String?

  func configuration(
    host: String? = nil, port: Int? = nil, publicURL: String? = nil, demo: Bool = false
  ) throws
    -> CredoConfiguration
  {
    do {
      return try CredoConfiguration.resolve(
        flags: .init(
          database: database, host: host, port: port, publicURL: publicURL, logLevel: logLevel, logFormat: logFormat,
          demo: demo))
    } catch {
      printError(error.description)
      throw ExitCode(78)  // EX_CONFIG
    }
  }
}

/// Opens the database, applies migrations and hands the services to `body`; shuts the database down after.
func withServices<T: Sendable>(
  _ configuration: CredoConfiguration, migrate: Bool = true, _ body: (CredoServices) async throws -> T
) async throws -> T {
  LoggingSystemOnce.bootstrap(configuration)
  let logger = Logger(label: "credo")
  let database: CredoDatabase
  do {
    database = try await CredoDatabase.open(configuration.database, logger: logger)
  } catch {
    printError("Cannot open the database \(configuration.database): \(error)")
    throw ExitCode(69)  // EX_UNAVAILABLE
  }
  do {
    if migrate { try await database.migrate() }
    let services = CredoServices(
      database: database, passwords: .bcrypt, logger: logger, sessionLifetime: configuration.sessionLifetime)
    let result = try await body(services)
    await database.shutdown()
    return result
  } catch {
    await database.shutdown()
    throw error
  }
}

enum LoggingSystemOnce {
  nonisolated(unsafe) private static var done = false
  private static let lock = NSLock()

  static func bootstrap(_ configuration: CredoConfiguration) {
    lock.lock()
    defer { lock.unlock() }
    guard !done else { return }
    done = true
    LoggingSystem.bootstrapCredo(format: configuration.logFormat, level: configuration.logLevel)
  }
}

/// The bytes of an input file, or exit status 66 (EX_NOINPUT) naming the file.
func readInput(_ path: String) throws -> Data {
  guard let data = FileManager.default.contents(atPath: path) else {
    printError("Cannot read \(path): no such file, or not readable.")
    throw ExitCode(66)
  }
  return data
}

func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Turns a use-case error into a message and an exit status: 2 for bad input, 1 for anything else.
func reportFailure(_ error: any Error) -> ExitCode {
  switch error {
  case let exit as ExitCode: return exit
  case let core as CoreError:
    printError(core.description)
    switch core {
    case .importRejected, .invalid: return ExitCode(2)
    default: return ExitCode(1)
    }
  default:
    printError("\(error)")
    return ExitCode(1)
  }
}

extension CredoCommand {
  /// Parses the process arguments and runs the chosen command, asynchronously when it is async.
  public static func runFromCommandLine() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      exit(withError: error)
    }
  }
}
