import ArgumentParser
import CredoCore
import CredoWeb
import Foundation

/// `credo serve [--port N] [--demo]`: the web application and JSON API.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Run the web application and JSON API.")

  @OptionGroup var options: GlobalOptions

  @Option(help: "Address to listen on (default: $CREDO_HOST, else 127.0.0.1).")
  var host: String?

  @Option(help: "Port to listen on (default: $CREDO_PORT, else 8080).")
  var port: Int?

  @Option(help: "The address users reach Credo at, e.g. https://credo.example.org ($CREDO_PUBLIC_URL).")
  var publicURL: String?

  @Flag(help: "Load the demo county into an empty database first, and print the demo sign-in.")
  var demo = false

  func run() async throws {
    let configuration = try options.configuration(host: host, port: port, publicURL: publicURL, demo: demo)
    do {
      try await withServices(configuration) { services in
        if demo {
          let loader = DemoLoader(services)
          if try await loader.isEmpty() {
            print("Loading the demo county (first start only)…")
            let result = try await loader.load(size: .county) { print($0) }
            print(
              "Loaded \(result.organizations) organizations and \(result.educators) educators in \(String(format: "%.1f", result.seconds)) s."
            )
            // The demo's notices (in-app and correspondence; nothing is e-mailed here).
            let notices = try await NotifyRun(services).run(mail: nil, deliver: false)
            print("Notices due today: \(notices.enqueue.notices) made (see /notices).")
          }
        }
        try await CredoApp.serve(services: services, configuration: configuration) {
          print(
            "Credo is running at http://\(configuration.host):\(configuration.port)  (database: \(configuration.database))"
          )
          if demo {
            print(
              "Demo sign-in: user county.analyst (or admin, district.a, district.b, principal, payroll, custodian, auditor), password \(DemoLoader.password)"
            )
          }
        }
      }
    } catch { throw reportFailure(error) }
  }
}

/// `credo migrate`: bring the schema up to date.
struct Migrate: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date.")

  @OptionGroup var options: GlobalOptions

  @Flag(help: "Only list the migrations that would be applied.")
  var dryRun = false

  func run() async throws {
    let configuration = try options.configuration()
    do {
      try await withServices(configuration, migrate: false) { services in
        if dryRun {
          let pending = try await services.database.pendingMigrations()
          print(
            pending.isEmpty
              ? "The schema is up to date." : "Pending:\n" + pending.map { "  \($0)" }.joined(separator: "\n"))
        } else {
          let applied = try await services.database.migrate()
          print(
            applied.isEmpty
              ? "The schema is up to date."
              : "Applied \(applied.count) migrations:\n" + applied.map { "  \($0)" }.joined(separator: "\n"))
        }
      }
    } catch { throw reportFailure(error) }
  }
}
