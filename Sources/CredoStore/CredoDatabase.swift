import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SQLKit

/// The open database: one object the whole process shares, whichever backend the URL chose.
///
/// SQLite allows one writer at a time. Rather than let two connections collide with `SQLITE_BUSY`, every
/// SQLite query runs on one event loop whose pool holds one connection, so statements queue in the process;
/// a busy timeout covers a second process (an import run beside the server). PostgreSQL gets a pool on every
/// event loop.
public final class CredoDatabase: Sendable {
  public let url: DatabaseURL
  public let logger: Logger
  private let databases: Databases
  private let id: DatabaseID
  private let group: any EventLoopGroup
  /// SQLite's single loop; nil for PostgreSQL.
  private let pinnedLoop: (any EventLoop)?

  private init(url: DatabaseURL, logger: Logger, databases: Databases, id: DatabaseID, group: any EventLoopGroup) {
    self.url = url
    self.logger = logger
    self.databases = databases
    self.id = id
    self.group = group
    self.pinnedLoop = url.isSQLite ? group.next() : nil
  }

  /// Opens (and for SQLite, creates) the database. Call `migrate()` before use.
  public static func open(
    _ url: DatabaseURL, logger: Logger = Logger(label: "credo.store"), poolSize: Int = 4
  )
    async throws -> CredoDatabase
  {
    let group = MultiThreadedEventLoopGroup.singleton
    let databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
    let id: DatabaseID
    switch url {
    case .sqliteFile(let path):
      let directory = (path as NSString).deletingLastPathComponent
      if !directory.isEmpty {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      }
      id = .sqlite
      databases.use(
        .sqlite(
          .init(storage: .file(path: path), enableForeignKeys: true), maxConnectionsPerEventLoop: 1,
          connectionPoolTimeout: .seconds(120), sqlLogLevel: nil), as: id)
    case .sqliteMemory(let identifier):
      id = .sqlite
      databases.use(
        .sqlite(
          .init(storage: .memory(identifier: identifier), enableForeignKeys: true), maxConnectionsPerEventLoop: 1,
          connectionPoolTimeout: .seconds(120), sqlLogLevel: nil), as: id)
    case .postgres(let host, let port, let username, let password, let database, let tls):
      id = .psql
      let tlsMode: PostgresConnection.Configuration.TLS =
        tls ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
      let configuration = SQLPostgresConfiguration(
        hostname: host, port: port, username: username, password: password, database: database, tls: tlsMode)
      databases.use(
        .postgres(
          configuration: configuration, maxConnectionsPerEventLoop: poolSize, connectionPoolTimeout: .seconds(30),
          encodingContext: .default, decodingContext: .default, sqlLogLevel: .trace), as: id)
    }
    let store = CredoDatabase(url: url, logger: logger, databases: databases, id: id, group: group)
    do {
      if url.isSQLite {
        // WAL lets readers proceed while a writer works; the busy timeout makes a second process wait rather
        // than fail. NORMAL synchronous is durable in WAL mode except for the last transactions on power loss.
        try await store.sql.raw("PRAGMA journal_mode = WAL").run()
        try await store.sql.raw("PRAGMA busy_timeout = 30000").run()
        try await store.sql.raw("PRAGMA synchronous = NORMAL").run()
        // Statement journals (one per multi-row insert inside a transaction) in memory rather than temp files.
        try await store.sql.raw("PRAGMA temp_store = MEMORY").run()
      } else {
        try await store.sql.raw("SELECT 1").run()
      }
    } catch {
      await databases.shutdownAsync()
      throw StoreError.unavailable(reason: "\(url): \(String(reflecting: error))")
    }
    return store
  }

  /// A FluentKit handle, for migrations and transactions.
  public var fluent: any Database {
    databases.database(id, logger: logger, on: pinnedLoop ?? group.any())!
  }

  /// A SQLKit handle: every query Credo writes goes through one of these.
  public var sql: any SQLDatabase { fluent as! any SQLDatabase }

  public var isSQLite: Bool { url.isSQLite }

  /// Whether the database answers a trivial query (for `/healthz`).
  public func ping() async throws {
    _ = try await sql.raw("SELECT 1 AS one").first()
  }

  /// Runs `body` in one transaction: all of it is written, or none of it.
  ///
  /// `bulk` is for transactions that write hundreds of thousands of rows (an import, the demo load): on SQLite
  /// the page cache is raised from the default 2 MiB to 256 MiB for its duration, so that index pages stay in
  /// memory instead of being spilled to the WAL and read back for every batch (the state credentials import spent
  /// most of its write time there).
  public func transaction<T: Sendable>(
    bulk: Bool = false, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
  ) async throws -> T {
    guard bulk, isSQLite else {
      return try await fluent.transaction { db in try await body(db as! any SQLDatabase) }
    }
    try await sql.raw("PRAGMA cache_size = -262144").run()
    do {
      let result = try await fluent.transaction { db in try await body(db as! any SQLDatabase) }
      try await sql.raw("PRAGMA cache_size = -2000").run()
      return result
    } catch {
      try? await sql.raw("PRAGMA cache_size = -2000").run()
      throw error
    }
  }

  // MARK: Migrations

  private func migrator() -> Migrator {
    let migrations = Migrations()
    migrations.add(CredoMigrations.all, to: id)
    return Migrator(
      databases: databases, migrations: migrations, logger: logger, on: pinnedLoop ?? group.any(),
      migrationLogLevel: .debug)
  }

  /// Applies every migration not yet applied, in order. Returns the names applied.
  @discardableResult
  public func migrate() async throws -> [String] {
    let migrator = migrator()
    try await migrator.setupIfNeeded().get()
    let pending = try await migrator.previewPrepareBatch().get().map { $0.0.name }
    if !pending.isEmpty { try await migrator.prepareBatch().get() }
    return pending
  }

  /// Names of migrations not yet applied.
  public func pendingMigrations() async throws -> [String] {
    let migrator = migrator()
    try await migrator.setupIfNeeded().get()
    return try await migrator.previewPrepareBatch().get().map { $0.0.name }
  }

  /// Reverts every applied migration (tests prove each `revert` works).
  public func revertAll() async throws {
    let migrator = migrator()
    try await migrator.setupIfNeeded().get()
    try await migrator.revertAllBatches().get()
  }

  public func shutdown() async {
    await databases.shutdownAsync()
  }
}
