import CredoDomain
import Foundation
import SQLKit

/// A signed-in browser session as stored (the cookie holds the token; the table holds its hash).
public struct StoredSession: Sendable, Hashable, Codable {
  public var tokenHash: String
  public var userId: UUID
  public var csrfToken: String
  public var createdAt: Date
  public var expiresAt: Date
  public var lastSeenAt: Date
  public var address: String
  public var userAgent: String

  public init(
    tokenHash: String, userId: UUID, csrfToken: String, createdAt: Date, expiresAt: Date, lastSeenAt: Date,
    address: String, userAgent: String
  ) {
    self.tokenHash = tokenHash
    self.userId = userId
    self.csrfToken = csrfToken
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.lastSeenAt = lastSeenAt
    self.address = address
    self.userAgent = userAgent
  }
}

/// An API token as stored.
public struct StoredAPIToken: Sendable, Hashable, Codable {
  public var id: UUID
  public var userId: UUID
  public var name: String
  public var tokenHash: String
  public var tokenPrefix: String
  public var createdAt: Date
  public var lastUsedAt: Date?
  public var expiresAt: Date?
  public var revokedAt: Date?

  public init(
    id: UUID, userId: UUID, name: String, tokenHash: String, tokenPrefix: String, createdAt: Date,
    lastUsedAt: Date? = nil, expiresAt: Date? = nil, revokedAt: Date? = nil
  ) {
    self.id = id
    self.userId = userId
    self.name = name
    self.tokenHash = tokenHash
    self.tokenPrefix = tokenPrefix
    self.createdAt = createdAt
    self.lastUsedAt = lastUsedAt
    self.expiresAt = expiresAt
    self.revokedAt = revokedAt
  }
}

/// Sessions, API tokens and login attempts.
public struct SessionRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  public func insert(_ session: StoredSession) async throws {
    try await db.insert(into: "sessions").model(session, with: Coding.encoder).run()
  }

  public func find(tokenHash: String) async throws -> StoredSession? {
    try await db.select().column("*").from("sessions").where("token_hash", .equal, tokenHash)
      .first(decoding: StoredSession.self, with: Coding.decoder)
  }

  public func touch(tokenHash: String, at: Date, expiresAt: Date) async throws {
    try await db.update("sessions").set("last_seen_at", to: at).set("expires_at", to: expiresAt)
      .where("token_hash", .equal, tokenHash).run()
  }

  public func delete(tokenHash: String) async throws {
    try await db.delete(from: "sessions").where("token_hash", .equal, tokenHash).run()
  }

  public func deleteAll(userId: UUID) async throws {
    try await db.delete(from: "sessions").where("user_id", .equal, userId).run()
  }

  public func deleteExpired(before: Date) async throws {
    try await db.delete(from: "sessions").where("expires_at", .lessThan, before).run()
  }

  public func insert(_ token: StoredAPIToken) async throws {
    try await db.insert(into: "api_tokens").model(token, with: Coding.encoder).run()
  }

  public func findToken(hash: String) async throws -> StoredAPIToken? {
    try await db.select().column("*").from("api_tokens").where("token_hash", .equal, hash)
      .first(decoding: StoredAPIToken.self, with: Coding.decoder)
  }

  public func tokens(userId: UUID) async throws -> [StoredAPIToken] {
    try await db.select().column("*").from("api_tokens").where("user_id", .equal, userId)
      .orderBy("created_at", .descending).all(decoding: StoredAPIToken.self, with: Coding.decoder)
  }

  public func markTokenUsed(id: UUID, at: Date) async throws {
    try await db.update("api_tokens").set("last_used_at", to: at).where("id", .equal, id).run()
  }

  public func revokeToken(id: UUID, userId: UUID, at: Date) async throws {
    try await db.update("api_tokens").set("revoked_at", to: at).where("id", .equal, id)
      .where("user_id", .equal, userId).run()
  }

  // MARK: Login attempts

  public func recordAttempt(usernameKey: String, address: String, at: Date, succeeded: Bool) async throws {
    struct Row: Codable {
      var id: UUID
      var usernameKey: String
      var address: String
      var at: Date
      var succeeded: Bool
    }
    try await db.insert(into: "login_attempts")
      .model(
        Row(id: UUID(), usernameKey: usernameKey, address: address, at: at, succeeded: succeeded), with: Coding.encoder
      )
      .run()
  }

  /// Attempts on an account and from an address since `since`.
  public func attempts(
    usernameKey: String, address: String, since: Date
  ) async throws -> (
    account: [LoginThrottle.Attempt], address: [LoginThrottle.Attempt]
  ) {
    struct Row: Decodable {
      var at: Date
      var succeeded: Bool
    }
    let account = try await db.select().columns("at", "succeeded").from("login_attempts")
      .where("username_key", .equal, usernameKey).where("at", .greaterThanOrEqual, since)
      .all(decoding: Row.self, with: Coding.decoder)
    let byAddress = try await db.select().columns("at", "succeeded").from("login_attempts")
      .where("address", .equal, address).where("at", .greaterThanOrEqual, since)
      .all(decoding: Row.self, with: Coding.decoder)
    return (
      account.map { LoginThrottle.Attempt(at: $0.at, succeeded: $0.succeeded) },
      byAddress.map { LoginThrottle.Attempt(at: $0.at, succeeded: $0.succeeded) }
    )
  }
}
