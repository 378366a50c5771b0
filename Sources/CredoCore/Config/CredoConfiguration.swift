import CredoStore
import Foundation
import Logging

/// Every setting Credo runs with, built once from flags, then environment, then defaults, and checked as a
/// whole: a bad setting stops start-up with a list of everything wrong, rather than a failure later.
public struct CredoConfiguration: Sendable {
  public var database: DatabaseURL
  public var host: String
  public var port: Int
  /// The address users reach Credo at (for links in mail, and whether cookies are `Secure`).
  public var publicURL: String
  public var secureCookies: Bool
  public var sessionLifetime: TimeInterval
  public var logLevel: Logger.Level
  public var logFormat: LogFormat
  public var demo: Bool

  public enum LogFormat: String, Sendable, CaseIterable {
    case text, json
  }

  /// One problem with one setting, naming where it came from and what is accepted.
  public struct Problem: Sendable, Hashable, CustomStringConvertible {
    public var setting: String
    public var source: String
    public var message: String
    public var description: String { "\(setting) (\(source)): \(message)" }
  }

  public struct Invalid: Error, Sendable, CustomStringConvertible {
    public var problems: [Problem]
    public var description: String {
      "Credo cannot start; fix these settings:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
  }

  /// Values given on the command line; nil means "not given".
  public struct Flags: Sendable {
    public var database: String?
    public var host: String?
    public var port: Int?
    public var publicURL: String?
    public var logLevel: String?
    public var logFormat: String?
    public var demo: Bool

    public init(
      database: String? = nil, host: String? = nil, port: Int? = nil, publicURL: String? = nil, logLevel: String? = nil,
      logFormat: String? = nil, demo: Bool = false
    ) {
      self.database = database
      self.host = host
      self.port = port
      self.publicURL = publicURL
      self.logLevel = logLevel
      self.logFormat = logFormat
      self.demo = demo
    }
  }

  public init(
    database: DatabaseURL, host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil,
    secureCookies: Bool? = nil, sessionLifetime: TimeInterval = 8 * 3600, logLevel: Logger.Level = .info,
    logFormat: LogFormat = .text, demo: Bool = false
  ) {
    self.database = database
    self.host = host
    self.port = port
    self.publicURL = publicURL ?? "http://\(host):\(port)"
    self.secureCookies = secureCookies ?? self.publicURL.hasPrefix("https://")
    self.sessionLifetime = sessionLifetime
    self.logLevel = logLevel
    self.logFormat = logFormat
    self.demo = demo
  }

  /// Builds the configuration: flags win over `CREDO_*` environment variables, which win over defaults.
  public static func resolve(
    flags: Flags, environment: [String: String] = ProcessInfo.processInfo.environment,
    workingDirectory: String = FileManager.default.currentDirectoryPath
  ) throws(Invalid) -> CredoConfiguration {
    var problems: [Problem] = []
    func pick(_ flag: String?, _ flagName: String, _ env: String) -> (String, String)? {
      if let flag { return (flag, flagName) }
      if let value = environment[env], !value.isEmpty { return (value, env) }
      return nil
    }

    var database = DatabaseURL.defaultSQLite(in: workingDirectory)
    if let (value, source) = pick(flags.database, "--database", "CREDO_DATABASE_URL") {
      do { database = try DatabaseURL(parsing: value) } catch {
        problems.append(Problem(setting: "database", source: source, message: error.description))
      }
    }

    var host = "127.0.0.1"
    if let (value, source) = pick(flags.host, "--host", "CREDO_HOST") {
      if value.isEmpty || value.contains(" ") || value.contains("/") {
        problems.append(Problem(setting: "host", source: source, message: "'\(value)' is not a host name or address."))
      } else {
        host = value
      }
    }

    var port = 8080
    if let flagPort = flags.port {
      if (1...65535).contains(flagPort) {
        port = flagPort
      } else {
        problems.append(Problem(setting: "port", source: "--port", message: "\(flagPort) is not a TCP port (1-65535)."))
      }
    } else if let value = environment["CREDO_PORT"], !value.isEmpty {
      if let number = Int(value), (1...65535).contains(number) {
        port = number
      } else {
        problems.append(
          Problem(setting: "port", source: "CREDO_PORT", message: "'\(value)' is not a TCP port (1-65535)."))
      }
    }

    var publicURL: String?
    if let (value, source) = pick(flags.publicURL, "--public-url", "CREDO_PUBLIC_URL") {
      if let url = URL(string: value), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {
        publicURL = value.hasSuffix("/") ? String(value.dropLast()) : value
      } else {
        problems.append(
          Problem(setting: "public URL", source: source, message: "'\(value)' is not an http:// or https:// address."))
      }
    }

    var secureCookies: Bool?
    if let value = environment["CREDO_SECURE_COOKIES"], !value.isEmpty {
      switch value.lowercased() {
      case "1", "true", "yes": secureCookies = true
      case "0", "false", "no": secureCookies = false
      default:
        problems.append(
          Problem(
            setting: "secure cookies", source: "CREDO_SECURE_COOKIES", message: "'\(value)' is not true or false."))
      }
    }

    var sessionLifetime: TimeInterval = 8 * 3600
    if let value = environment["CREDO_SESSION_HOURS"], !value.isEmpty {
      if let hours = Double(value), hours > 0, hours <= 24 * 30 {
        sessionLifetime = hours * 3600
      } else {
        problems.append(
          Problem(
            setting: "session lifetime", source: "CREDO_SESSION_HOURS",
            message: "'\(value)' is not a number of hours between 0 and 720."))
      }
    }

    // Read where it is used (`PayRelease`); checked here so a bad value stops start-up like any other setting.
    if (try? PayRelease.configuredWarningDays(environment)) == nil {
      problems.append(
        Problem(
          setting: "pay-hold warning days", source: "CREDO_PAY_WARNING_DAYS",
          message: "'\(environment["CREDO_PAY_WARNING_DAYS"] ?? "")' is not a number of days from 0 to 60."))
    }

    var logLevel = Logger.Level.info
    if let (value, source) = pick(flags.logLevel, "--log-level", "CREDO_LOG_LEVEL") {
      if let level = Logger.Level(rawValue: value.lowercased()) {
        logLevel = level
      } else {
        problems.append(
          Problem(
            setting: "log level", source: source,
            message: "'\(value)' is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))."))
      }
    }

    var logFormat = LogFormat.text
    if let (value, source) = pick(flags.logFormat, "--log-format", "CREDO_LOG_FORMAT") {
      if let format = LogFormat(rawValue: value.lowercased()) {
        logFormat = format
      } else {
        problems.append(Problem(setting: "log format", source: source, message: "'\(value)' is not text or json."))
      }
    }

    guard problems.isEmpty else { throw Invalid(problems: problems) }
    return CredoConfiguration(
      database: database, host: host, port: port, publicURL: publicURL, secureCookies: secureCookies,
      sessionLifetime: sessionLifetime, logLevel: logLevel, logFormat: logFormat, demo: flags.demo)
  }
}
