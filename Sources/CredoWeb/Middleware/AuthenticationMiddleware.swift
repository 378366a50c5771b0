import CredoCore
import CredoDomain
import Vapor

/// Identifies the caller from the session cookie or an `Authorization: Bearer` API token. It never refuses
/// a request itself; `RequireSignIn` does that for the routes that need it.
struct AuthenticationMiddleware: AsyncMiddleware {
  static let sessionCookie = "credo_session"

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let accounts = Accounts(request.services)
    // API tokens open the JSON API only: a leaked script token cannot change passwords, mint tokens or use forms.
    if request.isAPI, let header = request.headers.bearerAuthorization?.token {
      if let account = try await accounts.account(apiToken: header) {
        request.identity = RequestIdentity(
          viewer: Viewer(account: account, address: request.clientAddress, channel: "api"), csrfToken: nil)
      } else {
        throw Abort(.unauthorized, reason: "The API token is unknown, revoked or expired.")
      }
    } else if let token = request.cookies[Self.sessionCookie]?.string,
      let (account, csrf) = try await accounts.session(token: token)
    {
      request.identity = RequestIdentity(
        viewer: Viewer(account: account, address: request.clientAddress, channel: request.isAPI ? "api" : "web"),
        csrfToken: csrf)
    }
    return try await next.respond(to: request)
  }
}

/// Sends anyone not signed in to the login page (pages) or answers 401 (API).
struct RequireSignIn: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard request.identity != nil else {
      if request.isAPI {
        throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Sign in or send an API token.")
      }
      let target = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
      return request.redirect(to: SiteURL.login(next: target).path)
    }
    return try await next.respond(to: request)
  }
}

/// Refuses state-changing requests made with a session cookie unless they carry the session's CSRF token
/// (synchronizer-token pattern, OWASP CSRF Prevention Cheat Sheet). API-token requests are exempt: a browser
/// never attaches a bearer token by itself. The login form, which has no session yet, uses a
/// double-submitted cookie instead (see `LoginController`).
struct CSRFMiddleware: AsyncMiddleware {
  static let field = "_csrf"

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
    if !safe.contains(request.method), let identity = request.identity, let expected = identity.csrfToken {
      // A body that did not arrive whole (an upload) is collected here so its token can be read; upload routes
      // allow more than forms do.
      if request.body.data == nil, request.headers.first(name: "X-CSRF-Token") == nil {
        let limit =
          request.url.path.hasSuffix("/evidence")
          ? ExceptionReview.maxEvidenceBytes + 256 * 1024 : request.application.routes.defaultMaxBodySize.value
        _ = try await request.body.collect(max: limit).get()
      }
      let sent =
        request.headers.first(name: "X-CSRF-Token")
        ?? (try? request.content.get(String.self, at: Self.field))
      guard let sent, Self.constantTimeEqual(sent, expected) else {
        throw Abort(
          .forbidden, reason: "This form has expired or did not come from Credo. Reload the page and try again.")
      }
    }
    return try await next.respond(to: request)
  }

  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in 0..<x.count { difference |= x[i] ^ y[i] }
    return difference == 0
  }
}

/// Headers every response carries: no framing (clickjacking), no MIME sniffing, a strict content policy
/// (Credo serves no scripts), and no caching of pages that hold personal data.
struct SecurityHeadersMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let response = try await next.respond(to: request)
    response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
    response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
    response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
    response.headers.replaceOrAdd(
      name: "Content-Security-Policy",
      value: "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'")
    if response.headers.first(name: .cacheControl) == nil {
      response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    }
    return response
  }
}
