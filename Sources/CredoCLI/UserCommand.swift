import ArgumentParser
import CredoCore
import CredoDomain
import Foundation

/// `credo user add|passwd|grant|revoke|list|token`: account administration from the server's shell. These run
/// as the system (whoever can run them can already read the database).
struct UserCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user", abstract: "Manage user accounts and their roles.",
    subcommands: [Add.self, Passwd.self, Grant.self, Revoke.self, List.self, Token.self])

  /// Reads a password from `--password-stdin` or the CREDO_PASSWORD environment variable, never from an
  /// argument (which would be visible in the process list and shell history).
  static func readPassword(stdin: Bool) throws -> String {
    if stdin {
      guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        printError("No password on standard input.")
        throw ExitCode(2)
      }
      return line
    }
    if let value = ProcessInfo.processInfo.environment["CREDO_PASSWORD"], !value.isEmpty { return value }
    printError("Give the password on standard input with --password-stdin, or in CREDO_PASSWORD.")
    throw ExitCode(2)
  }

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an account.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "User name (letters, digits, . _ - @).") var username: String
    @Option(help: "Full name shown on pages.") var name: String = ""
    @Option(help: "E-mail address.") var email: String = ""
    @Flag(help: "Read the password from standard input.") var passwordStdin = false

    func run() async throws {
      let configuration = try options.configuration()
      let password = try UserCommand.readPassword(stdin: passwordStdin)
      do {
        let account = try await withServices(configuration) { services in
          try await Accounts(services).createUser(
            username: username, displayName: name, email: email, password: password, by: .system())
        }
        print("Created user \(account.username). Grant a role with: credo user grant \(account.username) ROLE CDS_CODE")
      } catch { throw reportFailure(error) }
    }
  }

  struct Passwd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Set a user's password (ends their sessions).")
    @OptionGroup var options: GlobalOptions
    @Argument var username: String
    @Flag(help: "Read the password from standard input.") var passwordStdin = false

    func run() async throws {
      let configuration = try options.configuration()
      let password = try UserCommand.readPassword(stdin: passwordStdin)
      do {
        try await withServices(configuration) { services in
          try await Accounts(services).setPassword(username: username, password: password, by: .system())
        }
        print("Password changed for \(username).")
      } catch { throw reportFailure(error) }
    }
  }

  struct Grant: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Grant a role at an organization.",
      discussion:
        "Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). The organization is a 14-digit CDS code (a county's is CC000000000000)."
    )
    @OptionGroup var options: GlobalOptions
    @Argument var username: String
    @Argument(help: "The role.") var role: String
    @Argument(help: "The organization's CDS code.") var cds: String

    func validate() throws {
      guard Role(rawValue: role) != nil else {
        throw ValidationError(
          "'\(role)' is not a role; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
      }
      guard CDSCode(cds) != nil else { throw ValidationError("'\(cds)' is not a 14-digit CDS code.") }
    }

    func run() async throws {
      let configuration = try options.configuration()
      do {
        try await withServices(configuration) { services in
          try await Accounts(services).grant(
            username: username, role: Role(rawValue: role)!, organization: CDSCode(cds)!, by: .system())
        }
        print("Granted \(role) at \(cds) to \(username).")
      } catch { throw reportFailure(error) }
    }
  }

  struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove a role from a user.")
    @OptionGroup var options: GlobalOptions
    @Argument var username: String
    @Argument var role: String
    @Argument var cds: String

    func validate() throws {
      guard Role(rawValue: role) != nil else { throw ValidationError("'\(role)' is not a role.") }
      guard CDSCode(cds) != nil else { throw ValidationError("'\(cds)' is not a 14-digit CDS code.") }
    }

    func run() async throws {
      let configuration = try options.configuration()
      do {
        try await withServices(configuration) { services in
          try await Accounts(services).revoke(
            username: username, role: Role(rawValue: role)!, organization: CDSCode(cds)!, by: .system())
        }
        print("Revoked \(role) at \(cds) from \(username).")
      } catch { throw reportFailure(error) }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List accounts and roles.")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
      let configuration = try options.configuration()
      do {
        let users = try await withServices(configuration) { services in
          try await Accounts(services).listUsers(by: .system())
        }
        for user in users {
          let roles = user.roles.map { "\($0.role.rawValue)@\($0.organizationCode.digits)" }.joined(separator: ", ")
          print("\(user.username)\t\(user.isActive ? "active" : "disabled")\t\(roles)")
        }
      } catch { throw reportFailure(error) }
    }
  }

  struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an API token for a user; it is printed once.")
    @OptionGroup var options: GlobalOptions
    @Argument var username: String
    @Option(help: "What the token is for.") var name: String = "script"
    @Option(help: "Days until it expires (default: never).") var expiresInDays: Int?

    func run() async throws {
      let configuration = try options.configuration()
      do {
        let token = try await withServices(configuration) { services in
          try await Accounts(services).createAPIToken(
            name: name, for: username, by: .system(), expiresInDays: expiresInDays
          ).token
        }
        print(token)
      } catch { throw reportFailure(error) }
    }
  }
}
