import CredoDomain
import CredoStore
import Crypto
import Foundation

/// A new browser session: the cookie token (shown once, stored only as a hash) and its CSRF token.
public struct SessionGrant: Sendable {
  public var token: String
  public var csrfToken: String
  public var expiresAt: Date
  public var account: UserAccount
}

/// Accounts, sign-in, sessions and API tokens.
public struct Accounts: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  private var users: UserRepository { UserRepository(services.database.sql) }
  private var sessions: SessionRepository { SessionRepository(services.database.sql) }

  // MARK: Managing accounts

  /// Creates an account. `actor` is the administrator (or the command line) doing it.
  @discardableResult
  public func createUser(
    username: String, displayName: String, email: String, password: String, by viewer: Viewer
  ) async throws -> UserAccount {
    try requireManage(viewer)
    let name = UserAccount.normalize(username: username)
    var problems: [FieldProblem] = []
    if !UserAccount.isValid(username: name) {
      problems.append(
        FieldProblem(field: "username", message: "Use 3-64 letters, digits, dots, dashes, underscores or @."))
    }
    problems += PasswordPolicy.check(password, username: name).map {
      FieldProblem(field: "password", message: $0.description)
    }
    if !email.isEmpty, !email.contains("@") {
      problems.append(FieldProblem(field: "email", message: "'\(email)' is not an e-mail address."))
    }
    guard problems.isEmpty else { throw CoreError.invalid(problems) }
    let account = UserAccount(
      id: UUID(), username: name, displayName: displayName.isEmpty ? name : displayName, email: email)
    let hash = try services.passwords.hash(password)
    let now = services.now
    do {
      try await services.database.transaction { db in
        try await UserRepository(db).insert(account, passwordHash: hash, now: now)
        try await AuditRepository(db).record(
          [
            AuditChange(field: "username", oldValue: nil, newValue: name),
            AuditChange(field: "display_name", oldValue: nil, newValue: account.displayName),
            AuditChange(field: "email", oldValue: nil, newValue: email.nilIfEmpty),
          ], entityType: "user", entityId: account.id, action: .create, actor: viewer.actor, at: now)
      }
    } catch StoreError.duplicate {
      throw CoreError.conflict("A user named '\(name)' already exists.")
    }
    return account
  }

  public func setPassword(username: String, password: String, by viewer: Viewer) async throws {
    let name = UserAccount.normalize(username: username)
    // Users may change their own password; administrators anyone's.
    if viewer.account?.username != name { try requireManage(viewer) }
    guard let account = try await users.find(username: name) else { throw CoreError.notFound("User '\(name)'") }
    let problems = PasswordPolicy.check(password, username: name)
    guard problems.isEmpty else {
      throw CoreError.invalid(problems.map { FieldProblem(field: "password", message: $0.description) })
    }
    let hash = try services.passwords.hash(password)
    let now = services.now
    try await services.database.transaction { db in
      try await UserRepository(db).setPassword(userId: account.id, passwordHash: hash, now: now)
      // A new password ends every other session, so a stolen cookie stops working.
      try await SessionRepository(db).deleteAll(userId: account.id)
      try await AuditRepository(db).record(
        [AuditChange(field: "password", oldValue: "(set)", newValue: "(changed)")], entityType: "user",
        entityId: account.id, action: .update, actor: viewer.actor, at: now)
    }
  }

  /// A signed-in user changing their own password must give the current one, so a session left open (or a
  /// stolen cookie) cannot take the account over.
  public func changeOwnPassword(current: String, new password: String, by viewer: Viewer) async throws {
    guard let account = viewer.account,
      let (_, hash) = try await users.credentials(username: account.username)
    else { throw CoreError.forbidden("changing a password without an account") }
    guard (try? services.passwords.verify(current, hash)) == true else {
      throw CoreError.invalid([FieldProblem(field: "current_password", message: "The current password is not correct.")]
      )
    }
    try await setPassword(username: account.username, password: password, by: viewer)
  }

  /// Grants `role` at the organization with `cds` code to `username`.
  public func grant(username: String, role: Role, organization cds: CDSCode, by viewer: Viewer) async throws {
    try requireManage(viewer)
    let name = UserAccount.normalize(username: username)
    guard let account = try await users.find(username: name) else { throw CoreError.notFound("User '\(name)'") }
    guard let organization = try await OrganizationRepository(services.database.sql).find(cds: cds) else {
      throw CoreError.notFound("Organization \(cds)")
    }
    do { try role.validateGrant(at: organization.kind) } catch {
      throw CoreError.invalid([
        FieldProblem(
          field: "organization",
          message:
            "\(role.label) is granted at a \(role.grantableAt.sorted().map(\.rawValue).joined(separator: " or ")), but \(cds) is a \(organization.kind.rawValue)."
        )
      ])
    }
    let now = services.now
    do {
      try await services.database.transaction { db in
        try await UserRepository(db).grant(userId: account.id, role: role, organizationId: organization.id, now: now)
        try await AuditRepository(db).record(
          [AuditChange(field: "role", oldValue: nil, newValue: "\(role.rawValue) at \(cds) \(organization.name)")],
          entityType: "user", entityId: account.id, action: .update, actor: viewer.actor, at: now)
      }
    } catch StoreError.duplicate {
      throw CoreError.conflict("'\(name)' already holds \(role.label) at \(organization.name).")
    }
  }

  public func revoke(username: String, role: Role, organization cds: CDSCode, by viewer: Viewer) async throws {
    try requireManage(viewer)
    let name = UserAccount.normalize(username: username)
    guard let account = try await users.find(username: name) else { throw CoreError.notFound("User '\(name)'") }
    guard let organization = try await OrganizationRepository(services.database.sql).find(cds: cds) else {
      throw CoreError.notFound("Organization \(cds)")
    }
    guard account.roles.contains(where: { $0.role == role && $0.organizationId == organization.id }) else {
      throw CoreError.notFound("\(role.label) at \(organization.name) for '\(name)'")
    }
    let now = services.now
    try await services.database.transaction { db in
      try await UserRepository(db).revoke(userId: account.id, role: role, organizationId: organization.id)
      try await AuditRepository(db).record(
        [AuditChange(field: "role", oldValue: "\(role.rawValue) at \(cds) \(organization.name)", newValue: nil)],
        entityType: "user", entityId: account.id, action: .update, actor: viewer.actor, at: now)
    }
  }

  public func listUsers(by viewer: Viewer) async throws -> [UserAccount] {
    try requireManage(viewer)
    return try await users.all()
  }

  private func requireManage(_ viewer: Viewer) throws(CoreError) {
    guard viewer.isSystem || viewer.has(.manageUsers) else { throw .forbidden("managing user accounts") }
  }

  // MARK: Signing in

  /// Checks a user name and password, applying the login throttle, and opens a session.
  public func signIn(
    username: String, password: String, address: String, userAgent: String
  ) async throws -> SessionGrant {
    let name = UserAccount.normalize(username: username)
    let now = services.now
    let recent = try await sessions.attempts(
      usernameKey: name, address: address, since: now.addingTimeInterval(-services.throttle.window))
    if case .locked(let until) = services.throttle.decide(
      accountAttempts: recent.account, addressAttempts: recent.address, now: now)
    {
      throw CoreError.locked(until: until)
    }
    let found = try await users.credentials(username: name)
    // For an unknown user, hash the password anyway: the same bcrypt work as a real check, so response time
    // does not reveal which user names exist.
    let matches: Bool
    if let found {
      matches = (try? services.passwords.verify(password, found.passwordHash)) ?? false
    } else {
      _ = try? services.passwords.hash(password)
      matches = false
    }
    guard let (account, _) = found, matches, account.isActive else {
      try await sessions.recordAttempt(usernameKey: name, address: address, at: now, succeeded: false)
      throw CoreError.invalidCredentials
    }
    try await sessions.recordAttempt(usernameKey: name, address: address, at: now, succeeded: true)
    try await users.recordLogin(userId: account.id, at: now)
    let token = Self.randomToken()
    let csrf = Self.randomToken()
    let expires = now.addingTimeInterval(services.sessionLifetime)
    try await sessions.insert(
      StoredSession(
        tokenHash: Self.sha256(token), userId: account.id, csrfToken: csrf, createdAt: now, expiresAt: expires,
        lastSeenAt: now, address: address, userAgent: String(userAgent.prefix(200))))
    return SessionGrant(token: token, csrfToken: csrf, expiresAt: expires, account: account)
  }

  /// The account and CSRF token behind a session cookie, sliding its expiry; nil when unknown or expired.
  public func session(token: String) async throws -> (UserAccount, csrfToken: String)? {
    let hash = Self.sha256(token)
    guard let stored = try await sessions.find(tokenHash: hash) else { return nil }
    let now = services.now
    guard stored.expiresAt > now else {
      try await sessions.delete(tokenHash: hash)
      return nil
    }
    guard let account = try await users.find(id: stored.userId), account.isActive else { return nil }
    // Slide the expiry at most once a minute, not on every request.
    if now.timeIntervalSince(stored.lastSeenAt) > 60 {
      try await sessions.touch(tokenHash: hash, at: now, expiresAt: now.addingTimeInterval(services.sessionLifetime))
    }
    return (account, stored.csrfToken)
  }

  public func signOut(token: String) async throws {
    try await sessions.delete(tokenHash: Self.sha256(token))
  }

  // MARK: API tokens

  /// Creates an API token for the viewer's own account; the token is returned once and never stored.
  public func createAPIToken(
    name: String, for username: String, by viewer: Viewer, expiresInDays: Int? = nil
  ) async throws -> (
    token: String, record: StoredAPIToken
  ) {
    let user = UserAccount.normalize(username: username)
    if viewer.account?.username != user { try requireManage(viewer) }
    guard let account = try await users.find(username: user) else { throw CoreError.notFound("User '\(user)'") }
    let label = name.trimmingCharacters(in: .whitespaces)
    guard !label.isEmpty, label.count <= 100 else {
      throw CoreError.invalid([FieldProblem(field: "name", message: "Give the token a name of 1-100 characters.")])
    }
    let token = "credo_" + Self.randomToken()
    let now = services.now
    let record = StoredAPIToken(
      id: UUID(), userId: account.id, name: label, tokenHash: Self.sha256(token), tokenPrefix: String(token.prefix(12)),
      createdAt: now, expiresAt: expiresInDays.map { now.addingTimeInterval(Double($0) * 86400) })
    try await services.database.transaction { db in
      try await SessionRepository(db).insert(record)
      try await AuditRepository(db).record(
        [AuditChange(field: "api_token", oldValue: nil, newValue: "\(label) (\(record.tokenPrefix)…)")],
        entityType: "user", entityId: account.id, action: .update, actor: viewer.actor, at: now)
    }
    return (token, record)
  }

  public func apiTokens(for viewer: Viewer) async throws -> [StoredAPIToken] {
    guard let account = viewer.account else { return [] }
    return try await sessions.tokens(userId: account.id)
  }

  public func revokeAPIToken(id: UUID, by viewer: Viewer) async throws {
    guard let account = viewer.account else { throw CoreError.forbidden("revoking tokens without an account") }
    try await sessions.revokeToken(id: id, userId: account.id, at: services.now)
  }

  /// The account behind an API token; nil when unknown, revoked or expired.
  public func account(apiToken: String) async throws -> UserAccount? {
    guard let stored = try await sessions.findToken(hash: Self.sha256(apiToken)), stored.revokedAt == nil else {
      return nil
    }
    let now = services.now
    if let expires = stored.expiresAt, expires <= now { return nil }
    guard let account = try await users.find(id: stored.userId), account.isActive else { return nil }
    if stored.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
      try await sessions.markTokenUsed(id: stored.id, at: now)
    }
    return account
  }

  // MARK: Tokens

  /// 256 random bits, URL-safe base64.
  public static func randomToken() -> String {
    let key = SymmetricKey(size: .bits256)
    let data = key.withUnsafeBytes { Data($0) }
    return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  public static func sha256(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
  }
}
