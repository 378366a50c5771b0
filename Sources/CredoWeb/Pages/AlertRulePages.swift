import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// The alert chain's rules (`/notices/rules`): the list with a CSV export, a form to edit, add, switch off or delete
/// a rule. JSON: `GET /api/v1/alert-rules`.
enum AlertRulePages {
  static let root = "/notices/rules"
  static let newPath = "/notices/rules/new"
  static func rulePath(_ id: String) -> String { "/notices/rules/\(attributeText(id))" }

  static func register(on routes: any RoutesBuilder) {
    routes.get("notices", "rules", use: list)
    routes.get("notices", "rules.csv", use: export)
    routes.get("notices", "rules", "new", use: newRule)
    routes.post("notices", "rules", "new", use: create)
    routes.get("notices", "rules", ":rule", use: edit)
    routes.post("notices", "rules", ":rule", use: save)
    routes.post("notices", "rules", ":rule", "delete", use: delete)
  }

  static func registerAPI(on routes: any RoutesBuilder) {
    routes.get("alert-rules", use: apiList)
  }

  static let audienceLabels: [(NoticeAudience, String)] = [
    (.holder, "The document holder"),
    (.siteAdministrators, "Site administrators of the schools where the educator is assigned"),
    (.districtAnalysts, "Credential analysts of the employing district"),
    (.countyAnalysts, "County office credential analysts"),
    (.payroll, "Payroll of the employing district"),
  ]

  static func audienceText(_ audience: [NoticeAudience]) -> String {
    audience.map { a in audienceLabels.first { $0.0 == a }?.1 ?? a.rawValue }.joined(separator: "; ")
  }

  static func channelText(_ channels: [NoticeChannel]) -> String {
    channels.map { $0 == .email ? "e-mail" : "in-app" }.joined(separator: ", ")
  }

  static func breadcrumbs(_ current: String?) -> Node<HTML.BodyContext> {
    .nav(
      .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
      .a(.href(NoticePages.root), .text("Notices")), .text(" › "),
      current == nil
        ? .span(.attribute(named: "aria-current", value: "page"), .text("Alert rules"))
        : .group(
          .a(.href(root), .text("Alert rules")), .text(" › "),
          .span(.attribute(named: "aria-current", value: "page"), .text(current!))))
  }

  static func list(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let rules = try await AlertRules(req.services).list(by: viewer)
    let mayEdit = AlertRules.mayEdit(viewer)
    let content: Node<HTML.BodyContext> = .group(
      breadcrumbs(nil),
      .h1("Alert rules"),
      .p(
        .class("lede"),
        .text(
          "Each rule is one step of the expiration alert chain: when it fires (days before or after a document's expiration date), the template it uses, who receives it and how. Within a chain only the latest step whose day has passed is sent, once per document and expiration date; a renewal starts a new chain. Steps on or after expiration go out only while the educator is still assigned with no valid document (EC 44830). Changes apply to notices made from then on."
        )),
      .p(
        .class("actions"),
        .if(mayEdit, .a(.href(newPath), .class("button"), .id("new-rule"), .text("Add a rule"))),
        .a(.href("/notices/rules.csv"), .class("button secondary"), .text("Download CSV")),
        .a(.href(NoticePages.templatesPath), .class("button secondary"), .text("Templates"))),
      .table(
        .id("alert-rules"), .class("sortable"),
        .caption("\(rules.count) rules, \(rules.filter(\.rule.enabled).count) switched on"),
        .thead(
          .tr(
            .th("Rule"), .th("Chain"), .th("When"), .th("Template"), .th("Audience"), .th("Channels"),
            .th("Escalation"), .th("State"), .th("Last changed"))),
        .tbody(
          .forEach(rules) { stored in
            let rule = stored.rule
            return .tr(
              .class(rule.enabled ? "" : "muted"),
              .td(mayEdit ? .a(.href(rulePath(rule.id)), .code(.text(rule.id))) : .code(.text(rule.id))),
              .td(.text(rule.chain)),
              .td(.attribute(named: "data-sort", value: String(rule.offsetDays)), .text(rule.whenText)),
              .td(.a(.href(NoticePages.templatePath(rule.template)), .text(rule.template))),
              .td(.text(audienceText(rule.audience))),
              .td(.text(channelText(rule.channels))),
              .td(.text(rule.escalation ? "yes" : "")),
              .td(.text(rule.enabled ? "on" : "off")),
              .td(.text("\(stored.updatedBy), \(Format.instant(stored.updatedAt))"))
            )
          })
      ),
      .p(
        .class("note"),
        .text(
          "Offices may load the whole set from a file: credo notify rules export > rules.csv, edit, then credo notify rules import rules.csv (a file with any problem is rejected whole)."
        ))
    )
    return try NoticePages.layout(req, "Alert rules", content)
  }

  static func export(_ req: Request) async throws -> Response {
    csvResponse(try await AlertRules(req.services).export(by: try req.viewer), fileName: "alert-rules.csv")
  }

  static func newRule(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    guard AlertRules.mayEdit(viewer) else {
      throw CoreError.forbidden("changing alert rules (county credential analysts and system administrators)")
    }
    let blank = AlertRule(
      id: "", chain: "warning", offsetDays: -14, template: "expiration-warning", audience: [.holder])
    return try await form(req, blank, version: nil, problems: [])
  }

  static func edit(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let stored = try await AlertRules(req.services).rule(id: req.parameters.get("rule") ?? "", by: viewer)
    return try await form(
      req, stored.rule, version: stored.version, problems: [], saved: req.query[String.self, at: "saved"] == "1")
  }

  /// The rule as the form posted it.
  static func posted(_ req: Request, id: String) throws -> (AlertRule, [FieldProblem]) {
    let form = try req.content.decode([String: String].self)
    var problems: [FieldProblem] = []
    let days = Int(form["days"]?.trimmingCharacters(in: .whitespaces) ?? "")
    if days == nil || days! < 0 {
      problems.append(FieldProblem(field: "days", message: "Write a whole number of days, 0 or more."))
    }
    let offset = (days ?? 0) * (form["direction"] == "before" ? -1 : 1)
    let rule = AlertRule(
      id: id.trimmingCharacters(in: .whitespaces).lowercased(),
      chain: (form["chain"] ?? "").trimmingCharacters(in: .whitespaces).lowercased(), offsetDays: offset,
      template: form["template"] ?? "",
      audience: NoticeAudience.allCases.filter { form["audience_\($0.rawValue)"] != nil },
      channels: NoticeChannel.allCases.filter { form["channel_\($0.rawValue)"] != nil },
      needsRenewalCodes: form["renewal_codes_only"] != nil, escalation: form["escalation"] != nil,
      enabled: form["enabled"] != nil)
    return (rule, problems)
  }

  static func create(_ req: Request) async throws -> Response {
    let form = try req.content.decode([String: String].self)
    let (rule, problems) = try posted(req, id: form["id"] ?? "")
    return try await store(req, rule, version: nil, problems: problems)
  }

  static func save(_ req: Request) async throws -> Response {
    let form = try req.content.decode([String: String].self)
    let (rule, problems) = try posted(req, id: req.parameters.get("rule") ?? "")
    return try await store(req, rule, version: Int(form["version"] ?? "") ?? -1, problems: problems)
  }

  static func store(
    _ req: Request, _ rule: AlertRule, version: Int?, problems: [FieldProblem]
  ) async throws
    -> Response
  {
    guard problems.isEmpty else {
      return try await form(req, rule, version: version, problems: problems, status: .unprocessableEntity)
    }
    do {
      try await AlertRules(req.services).save(rule, expectedVersion: version, by: try req.viewer)
      return req.redirect(to: rulePath(rule.id) + "?saved=1")
    } catch CoreError.invalid(let found) {
      return try await form(req, rule, version: version, problems: found, status: .unprocessableEntity)
    } catch CoreError.conflict(let message) {
      return try await form(
        req, rule, version: version, problems: [FieldProblem(field: "form", message: message)], status: .conflict)
    }
  }

  static func delete(_ req: Request) async throws -> Response {
    let form = try req.content.decode([String: String].self)
    try await AlertRules(req.services).delete(
      id: req.parameters.get("rule") ?? "", expectedVersion: Int(form["version"] ?? "") ?? -1, by: try req.viewer)
    return req.redirect(to: root)
  }

  static func checkbox(_ name: String, _ label: String, checked: Bool) -> Node<HTML.FormContext> {
    .div(
      .class("field checkbox"),
      .selfClosedElement(
        named: "input",
        attributes: [.type(.checkbox), .name(name), .value("1"), .id(name)]
          + (checked ? [.attribute(named: "checked", value: "checked")] : [])),
      .label(.for(name), .text(label)))
  }

  static func form(
    _ req: Request, _ rule: AlertRule, version: Int?, problems: [FieldProblem], saved: Bool = false,
    status: HTTPResponseStatus = .ok
  ) async throws -> Response {
    let templates = try await AlertRules(req.services).templateKeys()
    let errors = Dictionary(grouping: problems, by: \.field).mapValues { $0.map(\.message).joined(separator: " ") }
    func fieldError(_ field: String) -> Node<HTML.FormContext> {
      .unwrap(errors[field]) { message in
        .p(.class("field-error"), .id("\(field)-error"), .attribute(named: "role", value: "alert"), .text(message))
      }
    }
    let isNew = version == nil
    let title = isNew ? "New alert rule" : "Alert rule \(rule.id)"
    let action = isNew ? newPath : rulePath(rule.id)
    let content: Node<HTML.BodyContext> = .group(
      breadcrumbs(isNew ? "New rule" : rule.id),
      .h1(.text(title)),
      .if(
        saved,
        .p(
          .class("notice success"), .id("saved"), .attribute(named: "role", value: "status"),
          .text("Saved. It applies from the next notice run."))),
      .if(
        !problems.isEmpty,
        .p(
          .class("notice error"), .id("rule-errors"), .attribute(named: "role", value: "alert"),
          .text(
            errors["form"]
              ?? "The rule was not saved: fix the marked fields."))),
      .form(
        .method(.post), .action(action), .id("rule-form"),
        csrfField(req.identity?.csrfToken),
        .unwrap(version) { .input(.type(.hidden), .name("version"), .value(String($0))) },
        isNew
          ? textField(
            "id", label: "Rule id", value: rule.id, error: errors["id"], required: true,
            hint: "Lower-case letters, digits and hyphens, e.g. warning-14. It is part of each notice's dedupe key.")
          : .p(.text("Rule id: "), .code(.text(rule.id))),
        textField(
          "chain", label: "Chain", value: rule.chain, error: errors["chain"], required: true,
          hint:
            "Steps of one chain replace each other when the job catches up; a chain holds steps either before or on/after expiration."
        ),
        textField(
          "days", label: "Days", value: String(abs(rule.offsetDays)), error: errors["days"] ?? errors["offset_days"],
          type: .number, required: true),
        selectField(
          "direction", label: "Before or after the expiration date",
          options: [("before", "before expiration"), ("after", "on or after expiration (0 = the day itself)")],
          selected: rule.offsetDays < 0 ? "before" : "after"),
        selectField("template", label: "Template", options: templates.map { ($0, $0) }, selected: rule.template),
        fieldError("template"),
        .fieldset(
          .element(named: "legend", text: "Audience"),
          .forEach(audienceLabels) { audience, label in
            checkbox("audience_\(audience.rawValue)", label, checked: rule.audience.contains(audience))
          },
          fieldError("audience")),
        .fieldset(
          .element(named: "legend", text: "Channels"),
          checkbox("channel_email", "E-mail (through the outbox)", checked: rule.channels.contains(.email)),
          checkbox("channel_in_app", "In-app notice list", checked: rule.channels.contains(.inApp)),
          fieldError("channels")),
        checkbox(
          "renewal_codes_only", "Only for documents with renewal requirements (renewal codes)",
          checked: rule.needsRenewalCodes),
        checkbox("escalation", "Escalation: the template says nobody acted", checked: rule.escalation),
        checkbox("enabled", "Switched on", checked: rule.enabled),
        .div(.class("actions"), .button(.type(.submit), .id("save-rule"), .text(isNew ? "Add rule" : "Save rule")))
      ),
      .unwrap(version) { version in
        .form(
          .method(.post), .action(rulePath(rule.id) + "/delete"), .id("delete-rule"),
          csrfField(req.identity?.csrfToken),
          .input(.type(.hidden), .name("version"), .value(String(version))),
          .p(
            .class("note"),
            .text(
              "Deleting removes the rule; notices it already sent stay in the correspondence. Switching it off keeps it for later."
            )),
          .button(.type(.submit), .class("danger"), .text("Delete rule")))
      }
    )
    return try NoticePages.layout(req, title, content, status: status)
  }

  // MARK: API

  struct AlertRuleJSON: Content {
    var id: String
    var chain: String
    var offsetDays: Int
    var template: String
    var audience: [String]
    var channels: [String]
    var renewalCodesOnly: Bool
    var escalation: Bool
    var enabled: Bool
    var version: Int
  }

  static func apiList(_ req: Request) async throws -> [AlertRuleJSON] {
    try await AlertRules(req.services).list(by: try req.viewer).map { stored in
      let rule = stored.rule
      return AlertRuleJSON(
        id: rule.id, chain: rule.chain, offsetDays: rule.offsetDays, template: rule.template,
        audience: rule.audience.map(\.rawValue), channels: rule.channels.map(\.rawValue),
        renewalCodesOnly: rule.needsRenewalCodes, escalation: rule.escalation, enabled: rule.enabled,
        version: stored.version)
    }
  }
}
