import CredoCore
import CredoDomain
import Foundation
import Plot
import Vapor

/// The web application's composition root: middleware, then routes. The CLI's `serve` and the tests both
/// build the app through `configure`, so they run the same thing.
public enum CredoApp {
  public static func configure(_ app: Application, services: CredoServices, configuration: CredoConfiguration) {
    app.credo = services
    app.credoConfiguration = configuration
    app.http.server.configuration.hostname = configuration.host
    app.http.server.configuration.port = configuration.port
    app.http.server.configuration.serverName = "Credo"
    // Forms; the one upload route (exception evidence) sets its own larger limit.
    app.routes.defaultMaxBodySize = "1mb"

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorMapping())
    app.middleware.use(AuthenticationMiddleware())
    app.middleware.use(CSRFMiddleware())
    routes(app)
  }

  /// Runs the server until SIGINT or SIGTERM, then finishes in-flight requests and returns (graceful shutdown).
  /// `started` runs once the listener is up.
  public static func serve(
    services: CredoServices, configuration: CredoConfiguration, started: @Sendable () -> Void
  ) async throws {
    let app = try await Application.make(Environment(name: "production", arguments: ["credo", "serve"]))
    configure(app, services: services, configuration: configuration)
    do {
      // The serve command (chosen by the environment's arguments) starts the listener and stops it on
      // SIGINT/SIGTERM after in-flight requests finish.
      try await app.startup()
      started()
      let scheduler = configuration.notifySchedule.map { schedule in
        Task { await NotifyScheduler(services, schedule: schedule, mail: configuration.mail).run() }
      }
      try await app.running?.onStop.get()
      scheduler?.cancel()
      try await app.asyncShutdown()
    } catch {
      try? await app.asyncShutdown()
      throw error
    }
  }

  static func routes(_ app: Application) {
    app.get("healthz") { req async -> Response in
      let health = await Dashboard(req.services).health()
      let body = #"{"status":"\#(health.ok ? "ok" : "unavailable")","database":"\#(health.backend)"}"#
      let response = Response(status: health.ok ? .ok : .serviceUnavailable, body: .init(string: body))
      response.headers.contentType = .json
      return response
    }
    app.get("static", "credo.css") { _ -> Response in
      let response = Response(status: .ok, body: .init(string: Stylesheet.css))
      response.headers.replaceOrAdd(name: .contentType, value: "text/css; charset=utf-8")
      response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
      return response
    }
    app.get("login", use: LoginPage.show)
    app.post("login", use: LoginPage.submit)
    app.post("logout", use: LoginPage.signOut)
    app.get("api", "v1", "openapi.json") { _ -> Response in
      let response = Response(status: .ok, body: .init(string: OpenAPIDocument.json))
      response.headers.contentType = .json
      return response
    }

    let signedIn = app.grouped(RequireSignIn()).grouped(NoticeCountMiddleware())
    signedIn.get(use: DashboardPage.show)
    signedIn.get("educators", use: EducatorPages.list)
    signedIn.get("educators", ":id", use: EducatorPages.show)
    signedIn.get("educators", ":id", "edit", use: EducatorPages.edit)
    signedIn.post("educators", ":id", "edit", use: EducatorPages.update)
    signedIn.post("educators", ":id", "notes", use: EducatorPages.addNote)
    signedIn.get("organizations", use: OrganizationPages.list)
    signedIn.get("organizations", ":cds", use: OrganizationPages.show)
    signedIn.get("account", use: AccountPages.show)
    signedIn.post("account", "password", use: AccountPages.changePassword)
    signedIn.post("account", "tokens", use: AccountPages.createToken)
    signedIn.post("account", "tokens", ":id", "revoke", use: AccountPages.revokeToken)
    signedIn.get("admin", "users", use: AccountPages.users)
    signedIn.get("api", use: apiIndex)
    CatalogPages.register(on: signedIn)
    CredentialPages.register(on: signedIn)
    ExceptionPages.register(on: signedIn)
    MonitoringPages.register(on: signedIn)
    AlertRulePages.register(on: signedIn)
    NoticePages.register(on: signedIn)
    PayPages.register(on: signedIn)
    CTCActionPages.register(on: signedIn)

    let api = signedIn.grouped("api", "v1")
    api.get("me", use: API.me)
    api.get("organizations", use: API.organizations)
    api.get("organizations", ":cds", use: API.organization)
    api.get("educators", use: API.educators)
    api.get("educators", ":id", use: API.educator)
    CatalogPages.registerAPI(on: api)
    CredentialPages.registerAPI(on: api)
    ExceptionPages.registerAPI(on: api)
    MonitoringPages.registerAPI(on: api)
    NoticePages.registerAPI(on: api)
    AlertRulePages.registerAPI(on: api)
    PayPages.registerAPI(on: api)
    CTCActionPages.registerAPI(on: api)
  }

  /// A short page for people: what the API offers and where its description is.
  static func apiIndex(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    return Layout(title: "API", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/api").render(
      .group(
        .h1("JSON API"),
        .p(
          .text(
            "Every page's data is also available as JSON under /api/v1, limited to your scope. The OpenAPI description is at "
          ),
          .a(.href(SiteURL.openAPI.path), .text(SiteURL.openAPI.path)), .text(".")),
        .p(
          .text("Scripts authenticate with an API token from "), .a(.href(SiteURL.account.path), .text("your account")),
          .text(".")),
        .ul(
          .li(.element(named: "code", text: "GET /api/v1/me")),
          .li(.element(named: "code", text: "GET /api/v1/organizations?kind=district&q=…")),
          .li(.element(named: "code", text: "GET /api/v1/organizations/{cds}")),
          .li(.element(named: "code", text: "GET /api/v1/educators?q=…&district=…")),
          .li(.element(named: "code", text: "GET /api/v1/educators/{id}")),
          .li(.element(named: "code", text: "GET /api/v1/monitoring/reports/williams?year=2025-2026&district=…")),
          .li(.element(named: "code", text: "GET /api/v1/monitoring/reports/exceptions?level=district")),
          .li(.element(named: "code", text: "GET /api/v1/monitoring/schools/{cds}/schedule")),
          .li(.element(named: "code", text: "GET /api/v1/notices?unread=true"))
        )
      )
    ).response()
  }
}
