import CredoCore
import CredoDomain
import CredoStore
import Crypto
import Foundation
import Logging
import SQLKit

/// The databases every store test runs on: SQLite always, PostgreSQL whenever `CREDO_TEST_POSTGRES_URL` names
/// a server (`scripts/test` starts one). Under CI the PostgreSQL run is required, so a missing server fails
/// the suite instead of silently testing one backend.
public enum TestBackend: String, Sendable, CaseIterable, CustomStringConvertible {
  case sqlite
  case postgres

  public var description: String { rawValue }

  public static var postgresURL: String? {
    let value = ProcessInfo.processInfo.environment["CREDO_TEST_POSTGRES_URL"]
    return value?.isEmpty == false ? value : nil
  }

  /// The backends to run: both when PostgreSQL is configured or required (CI), else SQLite alone.
  public static var available: [TestBackend] {
    postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" ? [.sqlite, .postgres] : [.sqlite]
  }
}

public enum TestDatabaseError: Error, CustomStringConvertible {
  case postgresNotConfigured
  case unsafeHost(String)

  public var description: String {
    switch self {
    case .postgresNotConfigured:
      "CREDO_TEST_POSTGRES_URL is not set; run the tests through scripts/test, which starts a throwaway PostgreSQL."
    case .unsafeHost(let host): "Refusing to run destructive tests against non-local host \(host)."
    }
  }
}

/// A fresh, migrated, empty database for one test, dropped afterwards.
public func withTestDatabase<T>(
  _ backend: TestBackend, _ body: (CredoDatabase) async throws -> T
) async throws -> T {
  let logger = Logger(label: "credo.test")
  switch backend {
  case .sqlite:
    let database = try await CredoDatabase.open(.sqliteMemory(identifier: UUID().uuidString), logger: logger)
    do {
      try await database.migrate()
      let result = try await body(database)
      await database.shutdown()
      return result
    } catch {
      await database.shutdown()
      throw error
    }
  case .postgres:
    guard let text = TestBackend.postgresURL else { throw TestDatabaseError.postgresNotConfigured }
    guard case .postgres(let host, let port, let user, let password, let base, let tls) = try DatabaseURL(parsing: text)
    else { throw TestDatabaseError.postgresNotConfigured }
    guard ["127.0.0.1", "localhost", "::1"].contains(host) else { throw TestDatabaseError.unsafeHost(host) }
    let name = "credo_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let admin = try await CredoDatabase.open(
      .postgres(host: host, port: port, username: user, password: password, database: base, tls: tls), logger: logger,
      poolSize: 1)
    try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: String(name))").run()
    let database = try await CredoDatabase.open(
      .postgres(host: host, port: port, username: user, password: password, database: String(name), tls: tls),
      logger: logger, poolSize: 2)
    func cleanUp() async {
      await database.shutdown()
      try? await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name))").run()
      await admin.shutdown()
    }
    do {
      try await database.migrate()
      let result = try await body(database)
      await cleanUp()
      return result
    } catch {
      await cleanUp()
      throw error
    }
  }
}

extension PasswordHashing {
  /// A real salted hash (SHA-256, one round) that is fast enough for tests; production uses bcrypt.
  public static let testing = PasswordHashing(
    hash: { password in
      let salt = UUID().uuidString
      let digest = SHA256.hash(data: Data((salt + password).utf8)).map { String(format: "%02x", $0) }.joined()
      return "test$\(salt)$\(digest)"
    },
    verify: { password, hash in
      let parts = hash.split(separator: "$")
      guard parts.count == 3 else { return false }
      let digest = SHA256.hash(data: Data((String(parts[1]) + password).utf8)).map { String(format: "%02x", $0) }
        .joined()
      return digest == parts[2]
    })
}

/// A fixed instant for tests: 2026-09-15 17:00 UTC (10:00 in California).
public let testNow = Date(timeIntervalSince1970: 1_789_491_600)

/// Services over `database` with a pinned clock and test hashing.
public func testServices(_ database: CredoDatabase, now: Date = testNow) -> CredoServices {
  CredoServices(
    database: database, today: .fixed(now), passwords: .testing, logger: Logger(label: "credo.test"))
}

/// A database holding the small demo set (2 districts, 6 schools, 60 educators, demo accounts).
public func withDemoDatabase<T>(
  _ backend: TestBackend, _ body: (CredoServices, DemoLoader.Result) async throws -> T
)
  async throws -> T
{
  try await withTestDatabase(backend) { database in
    let services = testServices(database)
    let result = try await DemoLoader(services).load(size: .small)
    return try await body(services, result)
  }
}

/// Signs in a demo account and returns the viewer, as the web layer would build it.
public func demoViewer(_ services: CredoServices, _ username: String) async throws -> Viewer {
  guard let account = try await UserRepository(services.database.sql).find(username: username) else {
    throw CoreError.notFound("demo user \(username)")
  }
  return Viewer(account: account, address: "127.0.0.1", channel: "web")
}
