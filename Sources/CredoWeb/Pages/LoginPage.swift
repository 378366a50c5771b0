import CredoCore
import CredoDomain
import Foundation
import Plot
import Vapor

/// Sign in and sign out. The login form has no session yet, so it is protected from cross-site posting by a
/// double-submitted token: a random value in a cookie that must match the form's hidden field.
enum LoginPage {
  static let csrfCookie = "credo_csrf"

  static func show(_ req: Request) async throws -> Response {
    if req.identity != nil { return req.redirect(to: SiteURL.home.path) }
    let token = Accounts.randomToken()
    let response = render(req, token: token, username: "", error: nil, status: .ok)
    response.cookies[csrfCookie] = cookie(req, value: token, expires: 3600)
    return response
  }

  static func submit(_ req: Request) async throws -> Response {
    struct Form: Content {
      var username: String?
      var password: String?
      var _csrf: String?
    }
    let form = try req.content.decode(Form.self)
    guard let cookie = req.cookies[csrfCookie]?.string, let sent = form._csrf,
      CSRFMiddleware.constantTimeEqual(cookie, sent)
    else {
      throw Abort(
        .forbidden, reason: "The sign-in form expired. Reload the page and try again (cookies must be enabled).")
    }
    let username = form.username ?? ""
    do {
      let grant = try await Accounts(req.services).signIn(
        username: username, password: form.password ?? "", address: req.clientAddress,
        userAgent: req.headers.first(name: .userAgent) ?? "")
      let next = safeReturnPath(try? req.query.get(String.self, at: "next"))
      let response = req.redirect(to: next ?? SiteURL.home.path, redirectType: .normal)
      response.cookies[AuthenticationMiddleware.sessionCookie] = Self.cookie(
        req, value: grant.token, expires: Int(req.services.sessionLifetime))
      response.cookies[csrfCookie] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), path: "/")
      return response
    } catch let error as CoreError {
      let message: String
      let status: HTTPResponseStatus
      switch error {
      case .locked:
        message = error.description
        status = .tooManyRequests
      default:
        message = CoreError.invalidCredentials.description
        status = .unauthorized
      }
      let token = Accounts.randomToken()
      let response = render(req, token: token, username: username, error: message, status: status)
      response.cookies[csrfCookie] = Self.cookie(req, value: token, expires: 3600)
      return response
    }
  }

  static func signOut(_ req: Request) async throws -> Response {
    if let token = req.cookies[AuthenticationMiddleware.sessionCookie]?.string {
      try await Accounts(req.services).signOut(token: token)
    }
    let response = req.redirect(to: SiteURL.login(next: nil).path)
    response.cookies[AuthenticationMiddleware.sessionCookie] = HTTPCookies.Value(
      string: "", expires: Date(timeIntervalSince1970: 0), path: "/", isHTTPOnly: true)
    return response
  }

  static func cookie(_ req: Request, value: String, expires: Int) -> HTTPCookies.Value {
    HTTPCookies.Value(
      string: value, expires: Date().addingTimeInterval(Double(expires)), maxAge: expires, path: "/",
      isSecure: req.application.credoConfiguration.secureCookies, isHTTPOnly: true, sameSite: .lax)
  }

  static func render(
    _ req: Request, token: String, username: String, error: String?, status: HTTPResponseStatus
  ) -> Response {
    let action = SiteURL.login(next: (try? req.query.get(String.self, at: "next"))).path
    return Layout(title: "Sign in", viewer: nil, csrfToken: nil, current: "/login").render(
      .div(
        .class("narrow"),
        .h1("Sign in to Credo"),
        .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
        .form(
          .method(.post), .action(action),
          .input(.type(.hidden), .name(CSRFMiddleware.field), .value(token)),
          textField("username", label: "User name", value: username, autocomplete: "username", required: true),
          textField(
            "password", label: "Password", value: "", type: .password, autocomplete: "current-password", required: true),
          .button(.type(.submit), .id("login-submit"), .text("Sign in"))
        )
      )
    ).response(status: status)
  }
}
