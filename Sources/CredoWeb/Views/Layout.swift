import CredoCore
import CredoDomain
import Foundation
import Plot
import Vapor

/// The page shell every page shares: skip link, header with navigation, main landmark, footer. Pages work
/// without JavaScript (there is none) and print without navigation (see the stylesheet's print rules).
struct Layout {
  var title: String
  var viewer: Viewer?
  var csrfToken: String?
  var current: String

  func render(_ content: Node<HTML.BodyContext>) -> HTML {
    HTML(
      .lang(.english),
      .head(
        .meta(.charset(.utf8)),
        .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
        .element(named: "title", text: "\(title) · Credo"),
        .stylesheet(SiteURL.stylesheet.path)
      ),
      .body(
        .a(.class("skip-link"), .href("#main"), .text("Skip to main content")),
        .header(
          .class("site-header"),
          .a(.class("brand"), .href(SiteURL.home.path), .text("Credo")),
          .unwrap(viewer?.account) { account in
            .group(
              .nav(
                .attribute(named: "aria-label", value: "Main"),
                .ul(
                  navItem("Dashboard", SiteURL.home.path),
                  navItem("Educators", SiteURL.educators.path),
                  navItem("Organizations", SiteURL.organizations.path),
                  navItem("Credentials", "/credentials"),
                  navItem("Monitoring", SiteURL.monitoring.path),
                  navItem("Pay", "/pay"),
                  navItem("CTC actions", "/ctc-actions"),
                  navItem("Catalog", "/catalog"),
                  noticesItem(),
                  .if(viewer?.canManageUsers == true, navItem("Users", SiteURL.users.path)),
                  navItem("API", SiteURL.apiDocs.path)
                )
              ),
              .div(
                .class("account"),
                .a(.href(SiteURL.account.path), .text(account.displayName)),
                .form(
                  .method(.post), .action(SiteURL.logout.path), .class("inline"),
                  csrfField(csrfToken),
                  .button(.type(.submit), .class("link"), .text("Sign out"))
                )
              )
            )
          }
        ),
        .main(.id("main"), .attribute(named: "tabindex", value: "-1"), content),
        .footer(
          .class("site-footer"),
          .p(.text("Credo — credential and assignment records for California K-12 educators."))
        )
      )
    )
  }

  /// "Notices", with the unread count when there are unread ones.
  private func noticesItem() -> Node<HTML.ListContext> {
    let unread = NoticeBadge.unread ?? 0
    let isCurrent = current.hasPrefix("/notices")
    return .li(
      .a(
        .href("/notices"), .id("notices-link"), .text("Notices"),
        .if(
          unread > 0,
          .span(
            .class("badge"), .id("unread-count"),
            .attribute(named: "aria-label", value: "\(unread) unread"), .text(String(unread)))),
        .if(isCurrent, .attribute(named: "aria-current", value: "page"))
      ))
  }

  private func navItem(_ label: String, _ path: String) -> Node<HTML.ListContext> {
    let isCurrent = current == path || (path != "/" && current.hasPrefix(path))
    return .li(
      .a(
        .href(path), .text(label),
        .if(isCurrent, .attribute(named: "aria-current", value: "page"))
      ))
  }
}

/// The hidden field every form carries (see `CSRFMiddleware`).
func csrfField(_ token: String?) -> Node<HTML.FormContext> {
  .input(.type(.hidden), .name(CSRFMiddleware.field), .value(token ?? ""))
}

extension HTML {
  /// The page as an HTTP response.
  func response(status: HTTPResponseStatus = .ok) -> Response {
    let response = Response(status: status, body: .init(string: render()))
    response.headers.contentType = .html
    return response
  }
}

/// Formats for dates and numbers on pages.
enum Format {
  static func number(_ n: Int) -> String { n.formatted(.number) }

  static func instant(_ date: Date) -> String {
    var style = Date.FormatStyle(date: .abbreviated, time: .shortened)
    style.timeZone = .california
    return date.formatted(style)
  }
}
