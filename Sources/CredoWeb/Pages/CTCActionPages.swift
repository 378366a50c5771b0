import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// `/ctc-actions`: rows of the CTC's All Points Bulletin and license-match lists, by state (candidates to confirm,
/// unmatched, applied), with a page per row where an analyst confirms a candidate or rejects them (CSRF forms).
enum CTCActionPages {
  static func register(on routes: any RoutesBuilder) {
    routes.get("ctc-actions", use: list)
    routes.get("ctc-actions", ":id", use: show)
    routes.post("ctc-actions", ":id", "confirm", use: confirm)
    routes.post("ctc-actions", ":id", "reject", use: reject)
  }

  static func registerAPI(on api: any RoutesBuilder) {
    api.get("ctc-actions", use: apiList)
    api.get("ctc-actions", ":id", use: apiShow)
  }

  static func path(_ id: UUID) -> String { "/ctc-actions/\(id.uuidString.lowercased())" }

  struct Query {
    var filter: CTCActionFilter
    init(_ req: Request) {
      filter = CTCActionFilter(
        state: req.queryText("state").flatMap(CTCActionState.init(rawValue:)),
        action: req.queryText("action").flatMap(CTCActionKind.init(rawValue:)),
        source: req.queryText("source").flatMap(CTCActionSource.init(rawValue:)), text: req.queryText("q"))
    }
    var items: [(String, String?)] {
      [
        ("state", filter.state?.rawValue), ("action", filter.action?.rawValue), ("source", filter.source?.rawValue),
        ("q", filter.text),
      ]
    }
  }

  static func list(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let query = Query(req)
    let export = req.wantsCSV
    let params = ListParameters(
      req, defaultSort: "effective", allowed: CTCActionRepository.sortColumns, forExport: export)
    let actions = CTCActions(req.services)
    let page = try await actions.list(filter: query.filter, window: params.window, by: viewer, forExport: export)
    if export {
      var csv = CSVWriter(header: CTCActions.csvHeader)
      for a in page.items { csv.append(CTCActions.csvRow(a)) }
      return csvResponse(csv.text, fileName: "ctc-actions.csv")
    }
    let counts = try await actions.counts(by: viewer)
    let content: Node<HTML.BodyContext> = .group(
      .h1("CTC actions"),
      .p(
        .text(
          "Denials, suspensions, revocations and reinstatements from the CTC's All Points Bulletin and the child-support license match (domain guide §5.3). Rows matching an SEID are applied to the educator's documents; rows matching a name and birth date wait for an analyst to confirm; the rest stay here until an educator arrives who matches."
        )),
      .ul(
        .class("tabs"), .id("ctc-states"),
        .li(.a(.href("/ctc-actions"), .text("All"))),
        .forEach(CTCActionState.allCases) { s in
          .li(.a(.href("/ctc-actions".withQuery([("state", s.rawValue)])), .text("\(s.label) (\(counts[s] ?? 0))")))
        }),
      .form(
        .method(.get), .action("/ctc-actions"), .class("filters"), .attribute(named: "role", value: "search"),
        selectField(
          "state", label: "State", options: [("", "Any")] + CTCActionState.allCases.map { ($0.rawValue, $0.label) },
          selected: query.filter.state?.rawValue),
        selectField(
          "action", label: "Action", options: [("", "Any")] + CTCActionKind.allCases.map { ($0.rawValue, $0.label) },
          selected: query.filter.action?.rawValue),
        selectField(
          "source", label: "List", options: [("", "Any")] + CTCActionSource.allCases.map { ($0.rawValue, $0.label) },
          selected: query.filter.source?.rawValue),
        textField("q", label: "Last name or SEID", value: query.filter.text ?? ""),
        .button(.type(.submit), .id("ctc-filter"), .text("Show"))
      ),
      DataTable(
        id: "ctc-actions", caption: "CTC list rows",
        columns: [
          .init(key: "name", label: "Name"), .init(key: "seid", label: "SEID", sortable: false),
          .init(key: "action", label: "Action"), .init(key: "effective", label: "Effective"),
          .init(key: "end", label: "Until", sortable: false), .init(key: "source", label: "List", sortable: false),
          .init(key: "state", label: "State"),
        ],
        rows: page.items.map { a in
          .group(
            .td(.a(.href(path(a.id)), .text(a.entry.sortName))), .td(.text(a.entry.seid?.digits ?? "—")),
            .td(.text(a.entry.action.label)), .td(.text(a.entry.effective.iso)), .td(.text(a.entry.end?.iso ?? "")),
            .td(.text(a.entry.source.label)), .td(.text(a.state.label)))
        }, basePath: "/ctc-actions", filter: query.items, window: params.window, total: page.total,
        pageCount: page.pageCount, exportable: viewer.has(.exportData)
      ).render()
    )
    return Layout(title: "CTC actions", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/ctc-actions")
      .render(content).response()
  }

  static func actionId(_ req: Request) throws -> UUID {
    guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
      throw CoreError.notFound("CTC action")
    }
    return id
  }

  static func show(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let d = try await CTCActions(req.services).detail(id: try actionId(req), by: viewer)
    let a = d.action
    let e = a.entry
    let csrf = req.identity?.csrfToken
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href("/ctc-actions"), .text("CTC actions")), .text(" › "),
        .span(.attribute(named: "aria-current", value: "page"), .text(e.sortName))),
      .h1(.text("\(e.action.label): \(e.sortName)")),
      .dl(
        .class("facts"),
        .dt("State"), .dd(.id("ctc-state"), .text(a.state.label)),
        .dt("List"), .dd(.text("\(e.source.label), line \(e.line)")),
        .dt("SEID"), .dd(.text(e.seid?.digits ?? "—")),
        .dt("Birth date"), .dd(.text(e.birthDate?.iso ?? "—")),
        .dt("Effective"), .dd(.text(e.effective.iso)),
        .dt("Until"), .dd(.text(e.end?.iso ?? "—")),
        .dt("Document"), .dd(.text(e.document.isEmpty ? "All affected documents" : e.document)),
        .dt("Outcome"), .dd(.id("ctc-outcome"), .text(a.outcome.isEmpty ? "—" : a.outcome)),
        .dt("Decided"), .dd(.text(a.decidedBy.map { "\($0), \(a.decidedAt.map(Format.instant) ?? "")" } ?? "—")),
        .dt("Legal basis"), .dd(.text(e.action.citation))
      ),
      .unwrap(d.educator) { s in
        .p(
          .text("Applied to "),
          .a(.id("ctc-educator"), .href(SiteURL.educator(s.educator.id).path), .text(s.educator.sortName)), .text("."))
      },
      .if(
        !d.candidates.isEmpty,
        .section(
          .h2("Candidates (same name and birth date)"),
          .p(
            .text(
              "Confirm the educator this row concerns. Confirming writes new versions of their documents, re-runs their assignment checks and notifies their district's analysts and principals."
            )),
          .table(
            .id("ctc-candidates"), .caption("Educators who may be the person on the list"),
            headerRow("Name", "SEID", "Birth date", "Employment", ""),
            .tbody(
              .forEach(d.candidates) { c in
                .tr(
                  .td(.a(.href(SiteURL.educator(c.educator.id).path), .text(c.educator.sortName))),
                  .td(.text(c.educator.seid?.digits ?? "—")), .td(.text(c.educator.birthDate?.iso ?? "—")),
                  .td(
                    .text(
                      c.employments.map { [$0.districtName, $0.schoolName].compactMap { $0 }.joined(separator: " / ") }
                        .joined(separator: "; "))),
                  .td(
                    .if(
                      d.canDecide,
                      .group(
                        .form(
                          .method(.post), .action(path(a.id) + "/confirm"), .class("inline"), csrfField(csrf),
                          .input(.type(.hidden), .name("educator_id"), .value(c.educator.id.uuidString.lowercased())),
                          .button(
                            .type(.submit), .id("confirm-\(c.educator.id.uuidString.lowercased())"),
                            .text("Confirm \(c.educator.sortName)"))),
                        .form(
                          .method(.post), .action(path(a.id) + "/reject"), .class("inline"), csrfField(csrf),
                          .input(.type(.hidden), .name("educator_id"), .value(c.educator.id.uuidString.lowercased())),
                          .button(.type(.submit), .class("link"), .text("Not this person")))
                      )))
                )
              })
          )
        ))
    )
    return Layout(title: "CTC action", viewer: viewer, csrfToken: csrf, current: "/ctc-actions").render(content)
      .response()
  }

  static func posted(_ req: Request) throws -> UUID {
    let form = try req.content.decode([String: String].self)
    guard let id = form["educator_id"].flatMap(UUID.init(uuidString:)) else {
      throw CoreError.invalid([FieldProblem(field: "educator_id", message: "Choose a candidate.")])
    }
    return id
  }

  static func confirm(_ req: Request) async throws -> Response {
    let id = try actionId(req)
    _ = try await CTCActions(req.services).confirm(actionId: id, educatorId: try posted(req), by: try req.viewer)
    return req.redirect(to: path(id))
  }

  static func reject(_ req: Request) async throws -> Response {
    let id = try actionId(req)
    try await CTCActions(req.services).reject(actionId: id, educatorIds: [try posted(req)], by: try req.viewer)
    return req.redirect(to: path(id))
  }

  /// The educator page's section: actions applied to them and rows naming them as a candidate.
  static func educatorSection(_ actions: [StoredCTCAction]) -> Node<HTML.BodyContext> {
    .if(
      !actions.isEmpty,
      .section(
        .id("ctc-actions"),
        .h2("CTC actions"),
        .table(
          .caption("From the All Points Bulletin and the license match"),
          headerRow("Action", "Effective", "Until", "List", "State"),
          .tbody(
            .forEach(actions) { a in
              .tr(
                .td(.a(.href(path(a.id)), .text(a.entry.action.label))), .td(.text(a.entry.effective.iso)),
                .td(.text(a.entry.end?.iso ?? "")), .td(.text(a.entry.source.label)), .td(.text(a.state.label)))
            })
        )
      ))
  }

  // MARK: JSON

  struct ActionJSON: Content {
    var id: String
    var state: String
    var source: String
    var last_name: String
    var first_name: String
    var seid: String?
    var birth_date: String?
    var action: String
    var effective_date: String
    var end_date: String?
    var document: String
    var educator_id: String?
    var outcome: String

    init(_ a: StoredCTCAction) {
      let e = a.entry
      id = a.id.uuidString.lowercased()
      state = a.state.rawValue
      source = e.source.rawValue
      last_name = e.lastName
      first_name = e.firstName
      seid = e.seid?.digits
      birth_date = e.birthDate?.iso
      action = e.action.rawValue
      effective_date = e.effective.iso
      end_date = e.end?.iso
      document = e.document
      educator_id = a.educatorId?.uuidString.lowercased()
      outcome = a.outcome
    }
  }

  struct ActionPageJSON: Content {
    var total: Int
    var page: Int
    var per_page: Int
    var items: [ActionJSON]
  }

  static func apiList(_ req: Request) async throws -> ActionPageJSON {
    let params = ListParameters(
      req, defaultSort: "effective", allowed: CTCActionRepository.sortColumns, forExport: false)
    let page = try await CTCActions(req.services).list(
      filter: Query(req).filter, window: params.window, by: try req.viewer)
    return ActionPageJSON(
      total: page.total, page: page.page, per_page: page.perPage, items: page.items.map(ActionJSON.init))
  }

  struct ActionDetailJSON: Content {
    var action: ActionJSON
    var candidate_ids: [String]
  }

  static func apiShow(_ req: Request) async throws -> ActionDetailJSON {
    let d = try await CTCActions(req.services).detail(id: try actionId(req), by: try req.viewer)
    return ActionDetailJSON(
      action: ActionJSON(d.action), candidate_ids: d.candidates.map { $0.educator.id.uuidString.lowercased() })
  }
}
