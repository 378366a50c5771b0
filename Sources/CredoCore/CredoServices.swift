import CredoDomain
import CredoStore
import Foundation
import Logging

/// How passwords are hashed. The web layer supplies bcrypt (Vapor's); tests may supply another real hash.
/// A struct of closures rather than a protocol, so a caller can be given exactly the behaviour it needs.
public struct PasswordHashing: Sendable {
  public var hash: @Sendable (String) throws -> String
  public var verify: @Sendable (_ password: String, _ hash: String) throws -> Bool

  public init(
    hash: @escaping @Sendable (String) throws -> String,
    verify: @escaping @Sendable (_ password: String, _ hash: String) throws -> Bool
  ) {
    self.hash = hash
    self.verify = verify
  }
}

/// What every use case runs with: the database, today's date, password hashing, the log. Built once by the
/// web app or the command line and passed down.
public struct CredoServices: Sendable {
  public let database: CredoDatabase
  public let today: Today
  public let passwords: PasswordHashing
  public let logger: Logger
  public let throttle: LoginThrottle
  public let sessionLifetime: TimeInterval

  public init(
    database: CredoDatabase, today: Today = Today(), passwords: PasswordHashing, logger: Logger,
    throttle: LoginThrottle = LoginThrottle(), sessionLifetime: TimeInterval = 8 * 3600
  ) {
    self.database = database
    self.today = today
    self.passwords = passwords
    self.logger = logger
    self.throttle = throttle
    self.sessionLifetime = sessionLifetime
  }

  public var now: Date { today.now() }

  /// The school year today falls in (a new one starts 1 July).
  public var schoolYear: SchoolYear { SchoolYear(containing: today.date) }
}

/// Why a use case refused or failed, with what the caller needs to tell the user.
public enum CoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The user may not do this here (or the record is outside their scope, for writes).
  case forbidden(String)
  /// The record does not exist, or is outside the user's scope (the two look the same, on purpose).
  case notFound(String)
  /// Form or argument values that fail validation, field by field.
  case invalid([FieldProblem])
  /// A unique value is taken.
  case conflict(String)
  case invalidCredentials
  case locked(until: Date)
  /// A file was rejected whole; nothing was written.
  case importRejected(file: String, problems: [ImportProblem], truncated: Bool)

  public var description: String {
    switch self {
    case .forbidden(let what): "Not allowed: \(what)"
    case .notFound(let what): "\(what) was not found."
    case .invalid(let problems): problems.map(\.description).joined(separator: "\n")
    case .conflict(let what): what
    case .invalidCredentials: "The user name or password is not correct."
    case .locked(let until):
      "Too many failed sign-ins. Try again after \(until.formatted(Date.FormatStyle(date: .omitted, time: .shortened, timeZone: .california))) (California time)."
    case .importRejected(let file, let problems, let truncated):
      "\(file) was rejected; nothing was imported. Fix these problems and import it again:\n"
        + problems.map { "  \($0)" }.joined(separator: "\n")
        + (truncated ? "\n  (more problems not listed; fix these first)" : "")
    }
  }
}

/// One field's validation problem, for forms and command-line arguments.
public struct FieldProblem: Sendable, Hashable, Codable, CustomStringConvertible {
  public var field: String
  public var message: String

  public init(field: String, message: String) {
    self.field = field
    self.message = message
  }

  public var description: String { "\(field): \(message)" }
}

/// The person (or process) a use case runs for, with their scopes already worked out.
public struct Viewer: Sendable {
  public var account: UserAccount?
  /// Client address, for the access log and login throttling.
  public var address: String
  /// "web", "api" or "cli".
  public var channel: String

  public init(account: UserAccount?, address: String, channel: String) {
    self.account = account
    self.address = address
    self.channel = channel
  }

  /// The command line acting as the system: unlimited scope. Only reachable by someone with the database.
  public static func system(channel: String = "cli") -> Viewer {
    Viewer(account: nil, address: "local", channel: channel)
  }

  public var isSystem: Bool { account == nil }

  public func scope(for permission: Permission) -> AccessScope {
    guard let account else { return .everything }
    return account.scope(for: permission)
  }

  public func has(_ permission: Permission) -> Bool { !scope(for: permission).isEmpty }

  public var actor: Actor {
    Actor(userId: account?.id, name: account?.username ?? "system", source: channel)
  }

  public var roles: [RoleAssignment] { account?.roles ?? [] }

  /// The scope in which this viewer may read `category` notes.
  public func scope(for category: ConfidentialCategory) -> AccessScope {
    guard let account else { return .nothing }  // The system reads no confidential notes on anyone's behalf.
    return category.scope(for: account.roles)
  }

  /// Requires `permission` somewhere; throws `forbidden` otherwise.
  public func require(_ permission: Permission, _ what: String) throws(CoreError) -> AccessScope {
    let scope = scope(for: permission)
    guard !scope.isEmpty else { throw .forbidden(what) }
    return scope
  }
}
