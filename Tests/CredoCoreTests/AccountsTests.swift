import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

@Suite("Accounts, sign-in, sessions and tokens")
struct AccountsTests {
  @Test("Create, grant, sign in, read the session, sign out", arguments: TestBackend.available)
  func lifecycle(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let accounts = Accounts(services)
      try await accounts.createUser(
        username: "Ana.Lopez", displayName: "Ana Lopez", email: "ana@x.org", password: "a long passphrase",
        by: .system())
      try await accounts.grant(
        username: "ana.lopez", role: .countyCredentialAnalyst, organization: CDSCode("34000000000000")!, by: .system())
      let grant = try await accounts.signIn(
        username: "ANA.LOPEZ ", password: "a long passphrase", address: "10.0.0.1", userAgent: "test")
      #expect(grant.account.username == "ana.lopez")
      let (account, csrf) = try #require(try await accounts.session(token: grant.token))
      #expect(account.roles.map(\.role) == [.countyCredentialAnalyst])
      #expect(csrf == grant.csrfToken)
      try await accounts.signOut(token: grant.token)
      #expect(try await accounts.session(token: grant.token) == nil)
    }
  }

  @Test("Bad input is refused with the field named", arguments: TestBackend.available)
  func validation(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let accounts = Accounts(services)
      await #expect(
        throws: CoreError.invalid([
          FieldProblem(field: "password", message: PasswordPolicy.Problem.tooShort(minimum: 10).description)
        ])
      ) {
        try await accounts.createUser(username: "bob", displayName: "", email: "", password: "short", by: .system())
      }
      await #expect(throws: CoreError.conflict("A user named 'admin' already exists.")) {
        try await accounts.createUser(
          username: "admin", displayName: "", email: "", password: "another long one", by: .system())
      }
      // A site administrator is granted at a school, not a county.
      await #expect(throws: CoreError.self) {
        try await accounts.grant(
          username: "admin", role: .siteAdministrator, organization: CDSCode("34000000000000")!, by: .system())
      }
      // Only administrators manage accounts.
      let analyst = try await demoViewer(services, "district.a")
      await #expect(throws: CoreError.forbidden("managing user accounts")) {
        try await accounts.createUser(
          username: "eve", displayName: "", email: "", password: "a long passphrase", by: analyst)
      }
    }
  }

  @Test("Five wrong passwords lock the account; the right one is then refused too", arguments: TestBackend.available)
  func throttling(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let accounts = Accounts(services)
      for _ in 1...5 {
        await #expect(throws: CoreError.invalidCredentials) {
          _ = try await accounts.signIn(
            username: "payroll", password: "wrong password!", address: "10.0.0.2", userAgent: "")
        }
      }
      do {
        _ = try await accounts.signIn(
          username: "payroll", password: DemoLoader.password, address: "10.0.0.2", userAgent: "")
        Issue.record("signed in while locked")
      } catch CoreError.locked(let until) {
        #expect(until > services.now)
      }
    }
  }

  @Test("API tokens identify their user until revoked; only the hash is stored", arguments: TestBackend.available)
  func apiTokens(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let accounts = Accounts(services)
      let viewer = try await demoViewer(services, "district.a")
      let (token, record) = try await accounts.createAPIToken(name: "HR sync", for: "district.a", by: viewer)
      #expect(token.hasPrefix("credo_") && record.tokenHash != token && record.tokenHash == Accounts.sha256(token))
      #expect(try await accounts.account(apiToken: token)?.username == "district.a")
      #expect(try await accounts.account(apiToken: token + "x") == nil)
      try await accounts.revokeAPIToken(id: record.id, by: viewer)
      #expect(try await accounts.account(apiToken: token) == nil)
    }
  }
}
