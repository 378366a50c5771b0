import CredoCore
import CredoDomain
import Plot
import Vapor

/// The home page: what is in the viewer's scope at a glance.
enum DashboardPage {
  static func show(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let summary = try await Dashboard(req.services).summary(by: viewer)
    let compliance = try await Dashboard(req.services).compliance(by: viewer)
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
      complianceSection(compliance),
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

  private static func card(_ label: String, _ value: Int, _ href: String, id: String? = nil) -> Node<HTML.BodyContext> {
    .a(
      .class("card"), .href(href), .unwrap(id) { .id($0) }, .strong(.text(Format.number(value))),
      .span(.text(label)))
  }

  /// Expirations, employees who may not report to work, pay holds, CTC actions and undelivered notices: the daily
  /// work of the job descriptions, each card linking to its list.
  static func complianceSection(_ c: ComplianceSummary) -> Node<HTML.BodyContext> {
    .section(
      .id("compliance"),
      .h2("Credentials, pay and CTC actions"),
      .div(
        .class("cards"),
        .forEach(c.expiring) { window in
          card(
            "Expiring in \(window.days) days", window.documents, "/credentials/expiring?days=\(window.days)",
            id: "expiring-\(window.days)")
        },
        card(
          "Expired, still assigned (may not report to work)", c.expiredStillAssigned, "/credentials/employment-status",
          id: "expired-assigned"),
        .unwrap(c.payHolds) { card("Pay holds for the next payday", $0, "/pay", id: "pay-holds") },
        .unwrap(c.ctcWaiting) { waiting in
          .group(
            card(
              "CTC actions to confirm", waiting[.candidates] ?? 0, "/ctc-actions?state=candidates",
              id: "ctc-candidates"),
            card("CTC actions unmatched", waiting[.unmatched] ?? 0, "/ctc-actions?state=unmatched", id: "ctc-unmatched")
          )
        },
        .unwrap(c.failedDeliveries) { card("Notices that failed to deliver", $0, "/notices", id: "notices-failed") }
      ),
      BarChart(
        title: "Current documents expiring per month", bars: c.byMonth.map { ($0.month, $0.documents) },
        valueLabel: "Documents", id: "chart-expirations"
      ).render(),
      .unwrap(c.nextPaydays.flatMap { $0.isEmpty ? nil : $0 }) { paydays in
        .table(
          .id("next-paydays"),
          .caption("Next payday of each district"),
          .thead(.tr(.th("District"), .th("Period"), .th("Payday"), .th("Held"), .th("Released"))),
          .tbody(
            .forEach(paydays.prefix(20)) { p in
              .tr(
                .td(.text(p.period.district.digits)),
                .td(.text("\(p.period.start.iso) – \(p.period.end.iso)")), .td(.text(p.period.payday.iso)),
                .td(.text(Format.number(p.held))), .td(.text(Format.number(p.released))))
            })
        )
      }
    )
  }
}
