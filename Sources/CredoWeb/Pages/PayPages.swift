import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// `/pay`: pay release (EC 45037). The next payday's holds with their reasons (filter, sort, page, CSV for payroll),
/// the periods with a way to evaluate one, and a chart of holds per period. Analysts and payroll see their district's
/// only (`PayRelease`'s scope).
enum PayPages {
  static func register(on routes: any RoutesBuilder) {
    routes.get("pay", use: index)
    routes.post("pay", "periods", ":id", "run", use: run)
  }

  static func registerAPI(on api: any RoutesBuilder) {
    api.get("pay", "holds", use: apiHolds)
    api.get("pay", "periods", use: apiPeriods)
  }

  struct Query {
    var periodId: UUID?
    var status: PayCoverage.Status?
    var district: DistrictCode?
    var text: String?

    init(_ req: Request) {
      periodId = req.queryText("period").flatMap(UUID.init(uuidString:))
      status = req.queryText("status") == "all" ? nil : PayCoverage.Status(rawValue: req.queryText("status") ?? "held")
      district = req.queryText("district").flatMap { DistrictCode($0) }
      text = req.queryText("q")
    }

    var items: [(String, String?)] {
      [
        ("period", periodId?.uuidString.lowercased()), ("status", status?.rawValue ?? "all"),
        ("district", district?.digits), ("q", text),
      ]
    }
  }

  static func filter(_ query: Query, next: [PayPeriod]) -> PayHoldFilter {
    PayHoldFilter(
      periodIds: query.periodId.map { [$0] } ?? next.map(\.id), status: query.status, district: query.district,
      text: query.text)
  }

  static func index(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let pay = PayRelease(req.services)
    let query = Query(req)
    let export = req.wantsCSV
    let params = ListParameters(req, defaultSort: "name", allowed: PayRepository.sortColumns, forExport: export)
    let next = try await pay.nextPeriods(by: viewer)
    let list = try await pay.holds(
      filter: filter(query, next: next), window: params.window, by: viewer, forExport: export)
    if export {
      var csv = CSVWriter(header: PayRelease.csvHeader)
      for row in list.items { csv.append(PayRelease.csvRow(row)) }
      return csvResponse(csv.text, fileName: "pay-holds.csv")
    }
    let periods = try await pay.periods(by: viewer)
    let counts = try await pay.countsByPeriod(by: viewer)
    let today = req.services.today.date
    let selected = query.periodId.flatMap { id in periods.first { $0.id == id } }
    let csrf = req.identity?.csrfToken
    let due = next.filter { $0.payday.adding(days: -pay.warningDays) <= today }
    let content: Node<HTML.BodyContext> = .group(
      .h1("Pay release"),
      .p(
        .text(
          "EC 45037: no warrant for certificated service without a valid document. Every employee in a certificated employment during a pay period is checked day by day; an uncovered day holds the pay, with the reason. Warnings go to analysts and payroll \(pay.warningDays) days before payday."
        )),
      .section(
        .h2(
          .text(
            selected.map { "Period \($0.start)–\($0.end) (payday \($0.payday), district \($0.district))" }
              ?? "Next payday")),
        .if(
          selected == nil,
          .ul(
            .id("next-paydays"),
            .forEach(next) { p in
              .li(
                .text("District \(p.district): \(p.start)–\(p.end), payday \(p.payday)"),
                .if(
                  p.payday.adding(days: -pay.warningDays) <= today,
                  .strong(.class("due"), .text(" — warnings due")))
              )
            })),
        .p(
          .id("notices-due"),
          .text(
            due.isEmpty
              ? "No pay-hold warnings are due today."
              : "Pay-hold warnings are due for \(due.count) period\(due.count == 1 ? "" : "s") (each held employee once)."
          )),
        .form(
          .method(.get), .action("/pay"), .class("filters"), .attribute(named: "role", value: "search"),
          selectField(
            "period", label: "Period",
            options: [("", "Next payday")]
              + periods.map {
                ($0.id.uuidString.lowercased(), "\($0.district) \($0.start)–\($0.end) (pay \($0.payday))")
              },
            selected: query.periodId?.uuidString.lowercased()),
          selectField(
            "status", label: "Status", options: [("held", "Held"), ("released", "Released"), ("all", "All")],
            selected: query.status?.rawValue ?? "all"),
          textField("district", label: "District code", value: query.district?.digits ?? "", hint: "7 digits"),
          textField("q", label: "Name or SEID", value: query.text ?? ""),
          .button(.type(.submit), .id("pay-filter"), .text("Show"))
        ),
        DataTable(
          id: "pay-holds", caption: "Employees and why their pay is held",
          columns: [
            .init(key: "name", label: "Name"), .init(key: "district", label: "District"),
            .init(key: "payday", label: "Payday"), .init(key: "status", label: "Status", sortable: false),
            .init(key: "days", label: "Uncovered days", numeric: true),
            .init(key: "reasons", label: "Reasons", sortable: false),
          ],
          rows: list.items.map { row -> Node<HTML.TableRowContext> in
            let s = row.stored
            return .group(
              .td(.a(.href(SiteURL.educator(s.educator.id).path), .text(s.educator.sortName))),
              .td(.text(s.period.district.digits)), .td(.text(s.period.payday.iso)),
              .td(.text(s.decision.status.label)),
              .td(.class("num"), .text(String(s.decision.uncoveredDayCount))),
              .td(
                .ul(
                  .forEach(s.decision.reasons) { r in
                    .li(.text("\(r.days): \(r.explanation) (\(r.citation))"))
                  }),
                .if(s.decision.reasons.isEmpty, .text(s.decision.explanation)))
            )
          }, basePath: "/pay", filter: query.items, window: params.window, total: list.total,
          pageCount: list.pageCount, exportable: viewer.has(.exportData)
        ).render()
      ),
      .if(
        !counts.isEmpty,
        .section(
          .h2("Holds per period"),
          BarChart(
            title: "Employees held per pay period",
            bars: counts.map { (label: "\($0.period.district) \($0.period.start.iso.prefix(7))", value: $0.held) },
            valueLabel: "Held", id: "chart-pay-holds"
          ).render()
        )),
      .section(
        .h2("Pay periods"),
        .table(
          .id("pay-periods"), .caption("Pay periods, latest payday first"),
          headerRow("District", "Start", "End", "Payday", ""),
          .tbody(
            .forEach(periods.prefix(60)) { p in
              .tr(
                .td(.text(p.district.digits)), .td(.text(p.start.iso)), .td(.text(p.end.iso)),
                .td(.text(p.payday.iso)),
                .td(
                  .a(
                    .href("/pay".withQuery([("period", p.id.uuidString.lowercased()), ("status", "all")])),
                    .text("Decisions")),
                  .form(
                    .method(.post), .action("/pay/periods/\(p.id.uuidString.lowercased())/run"), .class("inline"),
                    csrfField(csrf),
                    .button(.type(.submit), .class("link"), .text("Evaluate \(p.district) \(p.start.iso.prefix(7))"))))
              )
            })
        )
      )
    )
    return Layout(title: "Pay release", viewer: viewer, csrfToken: csrf, current: "/pay").render(content).response()
  }

  static func run(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
      throw CoreError.notFound("Pay period")
    }
    _ = try await PayRelease(req.services).evaluate(periodId: id, by: viewer)
    return req.redirect(to: "/pay".withQuery([("period", id.uuidString.lowercased()), ("status", "all")]))
  }

  /// The educator page's section: their holds and releases, newest first.
  static func historySection(_ events: [PayEvent]) -> Node<HTML.BodyContext> {
    .if(
      !events.isEmpty,
      .section(
        .id("pay-history"),
        .h2("Pay holds and releases"),
        .table(
          .caption("Each hold, and each release of a hold, with when and why (EC 45037)"),
          headerRow("Period", "Payday", "Decision", "When", "Why"),
          .tbody(
            .forEach(events) { e in
              .tr(
                .td(.text("\(e.period.district) \(e.period.start)–\(e.period.end)")), .td(.text(e.period.payday.iso)),
                .td(
                  .text(
                    e.previousStatus == .held && e.status == .released ? "Released (hold cleared)" : e.status.label)),
                .td(.text(Format.instant(e.at))), .td(.text(e.explanation)))
            })
        )
      ))
  }

  // MARK: JSON

  struct HoldJSON: Content {
    var educator_id: String
    var seid: String?
    var name: String
    var local_staff_id: String
    var district: String
    var period_start: String
    var period_end: String
    var payday: String
    var status: String
    var employed_days: Int
    var uncovered: [String]
    var reasons: [ReasonJSON]
  }

  struct ReasonJSON: Content {
    var rule: String
    var days: String
    var explanation: String
    var citation: String
  }

  struct HoldPageJSON: Content {
    var total: Int
    var page: Int
    var per_page: Int
    var items: [HoldJSON]
  }

  static func apiHolds(_ req: Request) async throws -> HoldPageJSON {
    let viewer = try req.viewer
    let pay = PayRelease(req.services)
    let query = Query(req)
    let params = ListParameters(req, defaultSort: "name", allowed: PayRepository.sortColumns, forExport: false)
    let next = try await pay.nextPeriods(by: viewer)
    let list = try await pay.holds(filter: filter(query, next: next), window: params.window, by: viewer)
    return HoldPageJSON(
      total: list.total, page: list.page, per_page: list.perPage,
      items: list.items.map { row in
        let s = row.stored
        return HoldJSON(
          educator_id: s.educator.id.uuidString.lowercased(), seid: s.educator.seid?.digits, name: s.educator.sortName,
          local_staff_id: row.localStaffId, district: s.period.district.digits, period_start: s.period.start.iso,
          period_end: s.period.end.iso, payday: s.period.payday.iso, status: s.decision.status.rawValue,
          employed_days: s.decision.employedDays, uncovered: s.decision.uncovered.map(\.description),
          reasons: s.decision.reasons.map {
            ReasonJSON(rule: $0.rule, days: $0.days.description, explanation: $0.explanation, citation: $0.citation)
          })
      })
  }

  struct PeriodJSON: Content {
    var id: String
    var district: String
    var start: String
    var end: String
    var payday: String
  }

  static func apiPeriods(_ req: Request) async throws -> [PeriodJSON] {
    let viewer = try req.viewer
    return try await PayRelease(req.services).periods(by: viewer).map {
      PeriodJSON(
        id: $0.id.uuidString.lowercased(), district: $0.district.digits, start: $0.start.iso, end: $0.end.iso,
        payday: $0.payday.iso)
    }
  }
}
