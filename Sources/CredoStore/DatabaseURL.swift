import Foundation

/// Where Credo's data lives, from one URL: `sqlite:///absolute/path.sqlite`, `sqlite://relative.sqlite`,
/// `sqlite::memory:` or `postgres://user:password@host:port/database` (`postgresql://` too).
public enum DatabaseURL: Sendable, Hashable, CustomStringConvertible {
  case sqliteFile(path: String)
  case sqliteMemory(identifier: String)
  case postgres(host: String, port: Int, username: String, password: String?, database: String, tls: Bool)

  /// The embedded default: `credo.sqlite` in the working directory.
  public static func defaultSQLite(in directory: String = FileManager.default.currentDirectoryPath) -> DatabaseURL {
    .sqliteFile(path: (directory as NSString).appendingPathComponent("credo.sqlite"))
  }

  public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedScheme(String)
    case missingPath(String)
    case malformed(String, reason: String)

    public var description: String {
      switch self {
      case .unsupportedScheme(let url):
        "'\(url)' is not a database URL Credo understands; use sqlite:///path/to/file.sqlite, sqlite::memory: or postgres://user:password@host:5432/database."
      case .missingPath(let url): "'\(url)' names no file; use sqlite:///path/to/file.sqlite."
      case .malformed(let url, let reason): "'\(url)' is not a valid database URL: \(reason)."
      }
    }
  }

  public init(parsing text: String) throws(ParseError) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed == "sqlite::memory:" || trimmed == "sqlite://:memory:" {
      self = .sqliteMemory(identifier: UUID().uuidString)
      return
    }
    if trimmed.hasPrefix("sqlite:") {
      var path = String(trimmed.dropFirst("sqlite:".count))
      if path.hasPrefix("//") { path.removeFirst(2) }
      guard !path.isEmpty else { throw .missingPath(text) }
      if !path.hasPrefix("/") {
        path = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
      }
      self = .sqliteFile(path: path)
      return
    }
    guard trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") else {
      throw .unsupportedScheme(text)
    }
    guard let components = URLComponents(string: trimmed) else { throw .malformed(text, reason: "it cannot be parsed") }
    guard let host = components.host, !host.isEmpty else { throw .malformed(text, reason: "it names no host") }
    let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    guard !database.isEmpty else { throw .malformed(text, reason: "it names no database (…/DATABASE at the end)") }
    guard let user = components.user, !user.isEmpty else {
      throw .malformed(text, reason: "it names no user (postgres://USER@host/database)")
    }
    let sslmode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
    self = .postgres(
      host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
      password: components.password?.removingPercentEncoding, database: database,
      tls: ["require", "verify-full", "verify-ca"].contains(sslmode))
  }

  public var isSQLite: Bool {
    switch self {
    case .sqliteFile, .sqliteMemory: true
    case .postgres: false
    }
  }

  /// The backend's name, for logs and `/healthz`.
  public var backend: String { isSQLite ? "sqlite" : "postgresql" }

  /// The URL with any password masked, safe to log.
  public var description: String {
    switch self {
    case .sqliteFile(let path): "sqlite://\(path)"
    case .sqliteMemory: "sqlite::memory:"
    case .postgres(let host, let port, let username, let password, let database, _):
      "postgres://\(username)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
    }
  }
}
