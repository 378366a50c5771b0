import Foundation

/// Why a message was not delivered: worth retrying (a 4xx reply, a refused or dropped connection) or not (a 5xx
/// reply: the server will refuse it again).
public enum MailDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
  case transient(String)
  case permanent(String)

  public var description: String {
    switch self {
    case .transient(let reason): reason
    case .permanent(let reason): reason
    }
  }

  public var isPermanent: Bool {
    if case .permanent = self { return true }
    return false
  }
}

/// Hands a message to the mail system.
public protocol MailTransport: Sendable {
  /// Delivers one message to its `To` address.
  func send(_ message: MailMessage) async throws(MailDeliveryError)
  /// Where messages go, for logs (`smtp://mail.example.org:587 (STARTTLS)`), without credentials.
  var summary: String { get }
}

/// How `credo` sends mail: an SMTP server or the local `sendmail`.
public struct MailSettings: Sendable, Hashable {
  public enum Transport: Sendable, Hashable {
    case smtp(SMTPSettings)
    case sendmail(path: String)
  }

  public var transport: Transport
  public var from: MailAddress

  public init(transport: Transport, from: MailAddress) {
    self.transport = transport
    self.from = from
  }

  public func makeTransport() -> any MailTransport {
    switch transport {
    case .smtp(let settings): SMTPTransport(settings)
    case .sendmail(let path): SendmailTransport(path: path)
    }
  }
}

/// An SMTP server: `smtp://[user:password@]host[:port][?starttls=required|optional|off][&ca_file=PATH]` or
/// `smtps://…` (TLS from the first byte, port 465).
public struct SMTPSettings: Sendable, Hashable {
  public enum Security: String, Sendable, Hashable {
    /// Plain text (a relay on the same host or network).
    case none = "off"
    /// STARTTLS when the server offers it.
    case startTLSOptional = "optional"
    /// STARTTLS or no delivery.
    case startTLSRequired = "required"
    /// TLS from the start (smtps).
    case tls
  }

  public var host: String
  public var port: Int
  public var username: String?
  public var password: String?
  public var security: Security
  /// A PEM file of certificates to trust instead of the system's (a private CA, or a test server's own).
  public var caFile: String?
  /// The name this client gives in EHLO.
  public var heloName: String

  public init(
    host: String, port: Int, username: String? = nil, password: String? = nil, security: Security,
    caFile: String? = nil, heloName: String = "localhost"
  ) {
    self.host = host
    self.port = port
    self.username = username
    self.password = password
    self.security = security
    self.caFile = caFile
    self.heloName = heloName
  }

  /// Parses `CREDO_SMTP_URL`; the message says what is wrong.
  public init(url text: String) throws(SettingProblem) {
    guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
      ["smtp", "smtps"].contains(scheme), let host = components.host, !host.isEmpty
    else {
      throw SettingProblem(
        "'\(Self.redacted(text))' is not an smtp:// or smtps:// address (smtp://user:password@host:587?starttls=required)."
      )
    }
    var security: Security = scheme == "smtps" ? .tls : .startTLSOptional
    var caFile: String?
    for item in components.queryItems ?? [] {
      switch item.name {
      case "starttls":
        guard scheme == "smtp", let value = item.value.flatMap({ Security(rawValue: $0.lowercased()) }),
          value != .tls
        else { throw SettingProblem("starttls must be required, optional or off (on smtp:// only).") }
        security = value
      case "ca_file":
        guard let path = item.value, FileManager.default.isReadableFile(atPath: path) else {
          throw SettingProblem("ca_file '\(item.value ?? "")' is not a readable PEM file.")
        }
        caFile = path
      default:
        throw SettingProblem("unknown option '\(item.name)' (starttls, ca_file).")
      }
    }
    if let port = components.port, !(1...65535).contains(port) {
      throw SettingProblem("\(port) is not a TCP port (1-65535).")
    }
    let username = components.user.flatMap { $0.removingPercentEncoding ?? $0 }
    let password = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
    if username != nil, password == nil {
      throw SettingProblem("a user name is given without a password (smtp://user:password@host).")
    }
    if username != nil, security == .none {
      throw SettingProblem("refusing to send the password in plain text: use starttls=required or smtps://.")
    }
    self.init(
      host: host, port: components.port ?? (scheme == "smtps" ? 465 : 587), username: username, password: password,
      security: security, caFile: caFile)
  }

  /// The URL with its password replaced, for messages and logs.
  static func redacted(_ text: String) -> String {
    guard var components = URLComponents(string: text), components.password != nil else { return text }
    components.password = "***"
    return components.string ?? "(address)"
  }

  public var summary: String {
    let mode =
      switch security {
      case .none: "plain"
      case .startTLSOptional: "STARTTLS if offered"
      case .startTLSRequired: "STARTTLS"
      case .tls: "TLS"
      }
    return "smtp://\(host):\(port) (\(mode)\(username.map { ", as \($0)" } ?? ""))"
  }
}

/// A setting's value that is not usable, and why.
public struct SettingProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The local `sendmail` (`sendmail -t -i`: recipients from the headers, a lone dot is not the end).
public struct SendmailTransport: MailTransport {
  public var path: String

  public init(path: String = "/usr/sbin/sendmail") { self.path = path }

  public var summary: String { "\(path) -t -i" }

  public func send(_ message: MailMessage) async throws(MailDeliveryError) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["-t", "-i"]
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    do { try process.run() } catch {
      throw .transient("could not run \(path): \(error.localizedDescription)")
    }
    // The local convention is LF line ends; sendmail converts them.
    let text = message.rendered.replacingOccurrences(of: "\r\n", with: "\n") + "\n"
    let handle = input.fileHandleForWriting
    do {
      try handle.write(contentsOf: Data(text.utf8))
      try handle.close()
    } catch {
      throw .transient("could not write to \(path): \(error.localizedDescription)")
    }
    let status: Int32 = await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        process.waitUntilExit()
        continuation.resume(returning: process.terminationStatus)
      }
    }
    guard status == 0 else {
      let detail = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
      // sysexits: 75 EX_TEMPFAIL is worth retrying; 64-78 otherwise say the message or setup is wrong.
      let reason = "\(path) exited with status \(status)\(detail.isEmpty ? "" : ": \(detail)")"
      throw status == 75 || status > 78 || status < 64 ? .transient(reason) : .permanent(reason)
    }
  }
}
