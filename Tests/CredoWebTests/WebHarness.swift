import CredoCore
import CredoStore
import CredoTestSupport
import CredoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// A browser-like client for in-process tests: keeps cookies, reads CSRF tokens from forms.
final class Browser: @unchecked Sendable {
  let app: Application
  var cookies: [String: String] = [:]

  init(_ app: Application) { self.app = app }

  @discardableResult
  func request(
    _ method: HTTPMethod, _ path: String, form: [String: String]? = nil, headers extra: HTTPHeaders = [:]
  )
    async throws -> TestingHTTPResponse
  {
    var headers = extra
    if !cookies.isEmpty {
      headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
    }
    var body: ByteBuffer? = nil
    if let form {
      headers.replaceOrAdd(name: .contentType, value: "application/x-www-form-urlencoded")
      let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
      let text = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(
        separator: "&")
      body = ByteBuffer(string: text)
    }
    let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
    for (name, value) in response.headers.setCookie?.all ?? [:] {
      if value.string.isEmpty { cookies[name] = nil } else { cookies[name] = value.string }
    }
    return response
  }

  /// The value of the first hidden `_csrf` field on the page.
  func csrf(on path: String) async throws -> String {
    let page = try await request(.GET, path).body.string
    return try #require(page.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) })
  }

  func signIn(_ username: String, password: String = DemoLoader.password) async throws -> TestingHTTPResponse {
    let token = try await csrf(on: "/login")
    return try await request(.POST, "/login", form: ["username": username, "password": password, "_csrf": token])
  }
}

/// Runs `body` against the app over a database with the small demo set, on one backend.
func withDemoApp(_ backend: TestBackend, _ body: (Application, CredoServices) async throws -> Void) async throws {
  try await withDemoDatabase(backend) { services, _ in
    let app = try await Application.make(.testing)
    CredoApp.configure(app, services: services, configuration: CredoConfiguration(database: services.database.url))
    do {
      try await body(app, services)
      try await app.asyncShutdown()
    } catch {
      try? await app.asyncShutdown()
      throw error
    }
  }
}
