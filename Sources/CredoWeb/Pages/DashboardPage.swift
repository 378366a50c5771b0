import CredoCore
import CredoDomain
import Plot
import Vapor

/// The home page: what is in the viewer's scope at a glance.
enum DashboardPage {
  static func show(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let summary = try await Dashboard(req.services).summary(by: viewer)
    let roles = viewer.roles
    let content: Node<HTML.BodyContext> = .group(
      .h1("Dashboard"),
      .p(
        .class("lede"),
        .text(
          roles.isEmpty
            ? "Your account has no roles yet; ask an administrator to grant one."
            : "Signed in as " + roles.map { "\($0.role.label), \($0.organizationName)" }.joined(separator: "; ") + ".")
      ),
      .div(
        .class("cards"),
        card("Educators", summary.educators, SiteURL.educators.path),
        card(
          "Districts / LEAs", summary.organizationsByKind[.district] ?? 0,
          SiteURL.organizations.path.withQuery([("kind", "district")])),
        card(
          "Schools", summary.organizationsByKind[.school] ?? 0,
          SiteURL.organizations.path.withQuery([("kind", "school")]))
      ),
      .section(
        .h2("Employment by status"),
        BarChart(
          title: "Employment records by status",
          bars: EmploymentStatus.allCases.map { ($0.label, summary.employmentsByStatus[$0] ?? 0) }
        ).render()
      ),
      .if(
        !summary.recentImports.isEmpty,
        .section(
          .h2("Recent imports"),
          .table(
            .thead(
              .tr(.th("File"), .th("Kind"), .th("Rows"), .th("Added"), .th("Changed"), .th("Unchanged"), .th("When"))),
            .tbody(
              .forEach(summary.recentImports) { run in
                .tr(
                  .td(.text(run.fileName)), .td(.text(run.kind)), .td(.text(Format.number(run.rows))),
                  .td(.text(Format.number(run.inserted))), .td(.text(Format.number(run.updated))),
                  .td(.text(Format.number(run.unchanged))), .td(.text(Format.instant(run.finishedAt))))
              })
          )
        )
      ),
      .if(
        !summary.recentChanges.isEmpty,
        .section(
          .h2("Recent changes"),
          .ul(
            .class("changes"),
            .forEach(summary.recentChanges) { entry in
              .li(
                .text(
                  "\(Format.instant(entry.at)) · \(entry.actorName) (\(entry.source)) · \(entry.action) \(entry.entityType): "
                    + entry.changes.prefix(4).map(\.field).joined(separator: ", ")))
            }
          )
        )
      )
    )
    return Layout(title: "Dashboard", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/").render(content)
      .response()
  }

  private static func card(_ label: String, _ value: Int, _ href: String) -> Node<HTML.BodyContext> {
    .a(.class("card"), .href(href), .strong(.text(Format.number(value))), .span(.text(label)))
  }
}
