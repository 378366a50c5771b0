import CredoDomain
import Foundation
import SQLKit

struct UserRow: Codable, Sendable {
  var id: UUID
  var username: String
  var displayName: String
  var email: String
  var passwordHash: String
  var isActive: Bool
  var createdAt: Date
  var updatedAt: Date
  var lastLoginAt: Date?
}

/// Accounts and their role assignments.
public struct UserRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  public func insert(_ user: UserAccount, passwordHash: String, now: Date) async throws {
    let row = UserRow(
      id: user.id, username: user.username, displayName: user.displayName, email: user.email,
      passwordHash: passwordHash, isActive: user.isActive, createdAt: now, updatedAt: now, lastLoginAt: nil)
    do {
      try await db.insert(into: "users").model(row, with: Coding.encoder).run()
    } catch { throw StoreError.from(error, what: "A user named '\(user.username)'") }
  }

  public func setPassword(userId: UUID, passwordHash: String, now: Date) async throws {
    try await db.update("users").set("password_hash", to: passwordHash).set("updated_at", to: now)
      .where("id", .equal, userId).run()
  }

  public func setActive(userId: UUID, active: Bool, now: Date) async throws {
    try await db.update("users").set("is_active", to: active).set("updated_at", to: now)
      .where("id", .equal, userId).run()
  }

  public func recordLogin(userId: UUID, at: Date) async throws {
    try await db.update("users").set("last_login_at", to: at).where("id", .equal, userId).run()
  }

  /// The account and its password hash, by user name.
  public func credentials(username: String) async throws -> (UserAccount, passwordHash: String)? {
    guard
      let row = try await db.select().column("*").from("users").where("username", .equal, username)
        .first(decoding: UserRow.self, with: Coding.decoder)
    else { return nil }
    return (try await account(row), row.passwordHash)
  }

  public func find(id: UUID) async throws -> UserAccount? {
    guard
      let row = try await db.select().column("*").from("users").where("id", .equal, id)
        .first(decoding: UserRow.self, with: Coding.decoder)
    else { return nil }
    return try await account(row)
  }

  public func find(username: String) async throws -> UserAccount? {
    try await credentials(username: username)?.0
  }

  public func all() async throws -> [UserAccount] {
    let rows = try await db.select().column("*").from("users").orderBy("username")
      .all(decoding: UserRow.self, with: Coding.decoder)
    var result: [UserAccount] = []
    for row in rows { result.append(try await account(row)) }
    return result
  }

  public func count() async throws -> Int {
    try await db.raw("SELECT COUNT(*) AS n FROM users").first(decodingColumn: "n", as: Int.self) ?? 0
  }

  public func grant(userId: UUID, role: Role, organizationId: UUID, now: Date) async throws {
    struct Row: Codable {
      var id: UUID
      var userId: UUID
      var role: String
      var organizationId: UUID
      var createdAt: Date
    }
    do {
      try await db.insert(into: "role_assignments")
        .model(
          Row(id: UUID(), userId: userId, role: role.rawValue, organizationId: organizationId, createdAt: now),
          with: Coding.encoder
        ).run()
    } catch { throw StoreError.from(error, what: "That role at that organization") }
  }

  public func revoke(userId: UUID, role: Role, organizationId: UUID) async throws {
    try await db.delete(from: "role_assignments").where("user_id", .equal, userId)
      .where("role", .equal, role.rawValue).where("organization_id", .equal, organizationId).run()
  }

  private func account(_ row: UserRow) async throws -> UserAccount {
    struct Joined: Decodable {
      var role: String
      var organizationId: UUID
      var kind: String
      var cdsCode: String
      var name: String
    }
    let roles = try await db.raw(
      """
      SELECT r.role, r.organization_id, o.kind, o.cds_code, o.name FROM role_assignments r
      JOIN organizations o ON o.id = r.organization_id WHERE r.user_id = \(bind: row.id) ORDER BY r.role, o.cds_code
      """
    ).all(decoding: Joined.self, with: Coding.decoder)
    return UserAccount(
      id: row.id, username: row.username, displayName: row.displayName, email: row.email, isActive: row.isActive,
      lastLoginAt: row.lastLoginAt,
      roles: roles.compactMap { joined in
        guard let role = Role(rawValue: joined.role), let code = CDSCode(joined.cdsCode),
          let kind = OrganizationKind(rawValue: joined.kind)
        else { return nil }
        return RoleAssignment(
          role: role, organizationId: joined.organizationId, place: OrganizationPlace(code), organizationKind: kind,
          organizationName: joined.name)
      })
  }
}
