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
  /// How notices are e-mailed; nil keeps them in the outbox (and in-app) until mail is configured.
  public var mail: MailSettings?
  /// When `credo serve` runs the daily notice job; nil: never (run `credo notify run` from cron instead).
  public var notifySchedule: NotifySchedule?

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
    logFormat: LogFormat = .text, demo: Bool = false, mail: MailSettings? = nil, notifySchedule: NotifySchedule? = nil
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
    self.mail = mail
    self.notifySchedule = notifySchedule
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

    var mailProblems: [Problem] = []
    let mail = MailSettings.resolve(environment: environment, problems: &mailProblems)
    problems += mailProblems
    var notifySchedule: NotifySchedule?
    if let value = environment["CREDO_NOTIFY_AT"], !value.isEmpty {
      if let schedule = NotifySchedule(dailyAt: value) {
        notifySchedule = schedule
      } else {
        problems.append(
          Problem(
            setting: "notice schedule", source: "CREDO_NOTIFY_AT",
            message: "'\(value)' is not a time of day HH:MM (24-hour, California time), or 'off'."))
      }
    }
    if let value = environment["CREDO_NOTIFY_EVERY"], !value.isEmpty {
      if let minutes = Int(value), (1...1440).contains(minutes) {
        notifySchedule = .every(minutes: minutes)
      } else {
        problems.append(
          Problem(
            setting: "notice schedule", source: "CREDO_NOTIFY_EVERY",
            message: "'\(value)' is not a number of minutes between 1 and 1440."))
      }
    }

    guard problems.isEmpty else { throw Invalid(problems: problems) }
    return CredoConfiguration(
      database: database, host: host, port: port, publicURL: publicURL, secureCookies: secureCookies,
      sessionLifetime: sessionLifetime, logLevel: logLevel, logFormat: logFormat, demo: flags.demo, mail: mail,
      notifySchedule: notifySchedule)
  }
}

/// When `credo serve` runs the notice job by itself.
public enum NotifySchedule: Sendable, Hashable {
  /// Once a day at this California time (`CREDO_NOTIFY_AT=06:00`).
  case daily(hour: Int, minute: Int)
  /// Every N minutes (`CREDO_NOTIFY_EVERY=60`).
  case every(minutes: Int)

  init?(dailyAt text: String) {
    if text.lowercased() == "off" { return nil }
    let parts = text.split(separator: ":")
    guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour),
      (0...59).contains(minute), parts[1].count == 2
    else { return nil }
    self = .daily(hour: hour, minute: minute)
  }

  /// Seconds from `now` to the next run.
  public func delay(from now: Date) -> TimeInterval {
    switch self {
    case .every(let minutes): return TimeInterval(minutes * 60)
    case .daily(let hour, let minute):
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = .california
      let next =
        calendar.nextDate(
          after: now, matching: DateComponents(hour: hour, minute: minute, second: 0), matchingPolicy: .nextTime)
        ?? now.addingTimeInterval(86_400)
      return max(1, next.timeIntervalSince(now))
    }
  }
}

extension MailSettings {
  /// Reads `CREDO_SMTP_URL` or `CREDO_MAIL_TRANSPORT=sendmail` (with `CREDO_SENDMAIL_PATH`), and `CREDO_MAIL_FROM`.
  /// Neither: nil (notices wait in the outbox and show in-app).
  static func resolve(
    environment: [String: String], problems: inout [CredoConfiguration.Problem]
  ) -> MailSettings? {
    func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    var transport: Transport?
    let mode = value("CREDO_MAIL_TRANSPORT")?.lowercased()
    switch mode {
    case nil, "smtp":
      if let url = value("CREDO_SMTP_URL") {
        do { transport = .smtp(try SMTPSettings(url: url)) } catch {
          problems.append(.init(setting: "mail", source: "CREDO_SMTP_URL", message: error.description))
        }
      } else if mode == "smtp" {
        problems.append(
          .init(
            setting: "mail", source: "CREDO_MAIL_TRANSPORT",
            message: "smtp needs CREDO_SMTP_URL (smtp://user:password@host:587?starttls=required)."))
      }
    case "sendmail":
      let path = value("CREDO_SENDMAIL_PATH") ?? "/usr/sbin/sendmail"
      if FileManager.default.isExecutableFile(atPath: path) {
        transport = .sendmail(path: path)
      } else {
        problems.append(
          .init(
            setting: "mail", source: "CREDO_MAIL_TRANSPORT",
            message: "sendmail was chosen but \(path) is not an executable; install one or set CREDO_SENDMAIL_PATH."))
      }
    case "none", "off":
      return nil
    default:
      problems.append(
        .init(setting: "mail", source: "CREDO_MAIL_TRANSPORT", message: "'\(mode!)' is not smtp, sendmail or none."))
    }
    guard let transport else { return nil }
    guard let from = value("CREDO_MAIL_FROM") else {
      problems.append(
        .init(
          setting: "mail sender", source: "CREDO_MAIL_FROM",
          message: "set the address notices come from (credentials@district.example.org) when mail is configured."))
      return nil
    }
    let address = MailAddress(name: value("CREDO_MAIL_FROM_NAME") ?? "Credo", address: from)
    guard address.isValid else {
      problems.append(
        .init(setting: "mail sender", source: "CREDO_MAIL_FROM", message: "'\(from)' is not an e-mail address."))
      return nil
    }
    return MailSettings(transport: transport, from: address)
  }
}
