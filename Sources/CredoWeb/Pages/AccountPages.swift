import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// The signed-in user's own account: roles, password, API tokens. And the administrators' user list.
enum AccountPages {
  static func show(_ req: Request) async throws -> Response {
    try await page(req, message: nil, newToken: nil, errors: [:], status: .ok)
  }

  static func page(
    _ req: Request, message: String?, newToken: String?, errors: [String: String], status: HTTPResponseStatus
  ) async throws -> Response {
    let viewer = try req.viewer
    let tokens = try await Accounts(req.services).apiTokens(for: viewer)
    let csrf = req.identity?.csrfToken
    let content: Node<HTML.BodyContext> = .group(
      .h1("Your account"),
      .unwrap(message) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
      .section(
        .h2("Roles"),
        .ul(.forEach(viewer.roles) { .li(.text("\($0.role.label) at \($0.organizationName)")) })
      ),
      .section(
        .h2("Change password"),
        .form(
          .method(.post), .action(SiteURL.accountPassword.path),
          csrfField(csrf),
          textField(
            "current_password", label: "Current password", value: "", error: errors["current_password"],
            type: .password, autocomplete: "current-password", required: true),
          textField(
            "new_password", label: "New password", value: "", error: errors["password"], type: .password,
            autocomplete: "new-password", required: true, hint: "At least \(PasswordPolicy.minimumLength) characters."),
          .button(.type(.submit), .text("Change password"))
        )
      ),
      .section(
        .h2("API tokens"),
        .p(.text("Scripts send a token as “Authorization: Bearer TOKEN” to the JSON API; it acts with your roles.")),
        .unwrap(newToken) {
          .p(
            .class("notice"), .id("new-token"), .text("New token (copy it now; it is not shown again): "),
            .element(named: "code", text: $0))
        },
        .table(
          .thead(.tr(.th("Name"), .th("Starts with"), .th("Created"), .th("Last used"), .th("Status"), .th(""))),
          .tbody(
            .forEach(tokens) { token in
              .tr(
                .td(.text(token.name)), .td(.text(token.tokenPrefix + "…")),
                .td(.text(Format.instant(token.createdAt))),
                .td(.text(token.lastUsedAt.map(Format.instant) ?? "never")),
                .td(.text(token.revokedAt == nil ? "active" : "revoked")),
                .td(
                  .if(
                    token.revokedAt == nil,
                    .form(
                      .method(.post),
                      .action(SiteURL.accountTokens.path + "/\(token.id.uuidString.lowercased())/revoke"),
                      csrfField(csrf), .button(.type(.submit), .class("link"), .text("Revoke \(token.name)"))))))
            })
        ),
        .form(
          .method(.post), .action(SiteURL.accountTokens.path),
          csrfField(csrf),
          textField(
            "name", label: "Token name", value: "", error: errors["name"], required: true,
            hint: "What the script is, e.g. “nightly HR sync”."),
          .button(.type(.submit), .text("Create token"))
        )
      )
    )
    return Layout(title: "Your account", viewer: viewer, csrfToken: csrf, current: "/account").render(content)
      .response(status: status)
  }

  static func changePassword(_ req: Request) async throws -> Response {
    struct Form: Content {
      var current_password: String?
      var new_password: String?
    }
    let viewer = try req.viewer
    let form = try req.content.decode(Form.self)
    do {
      try await Accounts(req.services).changeOwnPassword(
        current: form.current_password ?? "", new: form.new_password ?? "", by: viewer)
    } catch CoreError.invalid(let problems) {
      return try await page(
        req, message: nil, newToken: nil,
        errors: Dictionary(grouping: problems, by: \.field).mapValues { $0.map(\.message).joined(separator: " ") },
        status: .unprocessableEntity)
    }
    // Changing the password ended every session, this one included.
    return req.redirect(to: SiteURL.login(next: nil).path)
  }

  static func createToken(_ req: Request) async throws -> Response {
    struct Form: Content { var name: String? }
    let viewer = try req.viewer
    let form = try req.content.decode(Form.self)
    do {
      let (token, _) = try await Accounts(req.services).createAPIToken(
        name: form.name ?? "", for: viewer.account?.username ?? "", by: viewer)
      return try await page(req, message: "Token created.", newToken: token, errors: [:], status: .ok)
    } catch CoreError.invalid(let problems) {
      return try await page(
        req, message: nil, newToken: nil, errors: ["name": problems.map(\.message).joined(separator: " ")],
        status: .unprocessableEntity)
    }
  }

  static func revokeToken(_ req: Request) async throws -> Response {
    guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
    try await Accounts(req.services).revokeAPIToken(id: id, by: try req.viewer)
    return req.redirect(to: SiteURL.account.path)
  }

  // MARK: Administration

  static func users(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let users = try await Accounts(req.services).listUsers(by: viewer)
    if req.wantsCSV {
      var csv = CSVWriter(header: ["username", "display_name", "email", "active", "roles", "last_login"])
      for user in users {
        csv.append([
          user.username, user.displayName, user.email, user.isActive ? "yes" : "no",
          user.roles.map { "\($0.role.rawValue)@\($0.organizationName)" }.joined(separator: ";"),
          user.lastLoginAt.map(Format.instant) ?? "",
        ])
      }
      return csvResponse(csv.text, fileName: "users.csv")
    }
    let content: Node<HTML.BodyContext> = .group(
      .h1("Users"),
      .p(
        .text("Create accounts and grant roles from the command line: "),
        .element(named: "code", text: "credo user add|grant|passwd"), .text(".")),
      .a(
        .id("export-csv"), .class("button secondary"), .href(SiteURL.users.path.withQuery([("format", "csv")])),
        .text("Export CSV")),
      .table(
        .id("users"),
        .caption("Accounts and their roles"),
        .thead(.tr(.th("User name"), .th("Name"), .th("E-mail"), .th("Roles"), .th("Active"), .th("Last sign-in"))),
        .tbody(
          .forEach(users) { user in
            .tr(
              .td(.text(user.username)), .td(.text(user.displayName)), .td(.text(user.email)),
              .td(.text(user.roles.map { "\($0.role.label), \($0.organizationName)" }.joined(separator: "; "))),
              .td(.text(user.isActive ? "yes" : "no")), .td(.text(user.lastLoginAt.map(Format.instant) ?? "never")))
          })
      )
    )
    return Layout(title: "Users", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/admin/users")
      .render(content).response()
  }
}
