import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// Notices: the signed-in user's list (`/notices`, unread count in the header), one notice, its print-ready letter,
/// and the template editor with a preview (`/notices/templates`). JSON: `GET /api/v1/notices`.
enum NoticePages {
  static let root = "/notices"
  static let templatesPath = "/notices/templates"
  static func noticePath(_ id: UUID) -> String { "/notices/\(id.uuidString.lowercased())" }
  static func letterPath(_ id: UUID) -> String { "/notices/\(id.uuidString.lowercased())/letter" }
  static func templatePath(_ key: String) -> String { "/notices/templates/\(attributeText(key))" }

  static func register(on routes: any RoutesBuilder) {
    routes.get("notices", use: list)
    routes.post("notices", "read", use: markAllRead)
    routes.get("notices", "templates", use: templates)
    routes.get("notices", "templates", ":key", use: editTemplate)
    routes.post("notices", "templates", ":key", use: saveTemplate)
    routes.get("notices", ":id", use: show)
    routes.get("notices", ":id", "letter", use: letter)
  }

  static func registerAPI(on routes: any RoutesBuilder) {
    routes.get("notices", use: apiList)
  }

  static func layout(
    _ req: Request, _ title: String, _ content: Node<HTML.BodyContext>, status: HTTPResponseStatus = .ok
  ) throws -> Response {
    Layout(title: title, viewer: try req.viewer, csrfToken: req.identity?.csrfToken, current: root)
      .render(content).response(status: status)
  }

  static func noticeId(_ req: Request) throws -> UUID {
    guard let text = req.parameters.get("id"), let id = UUID(uuidString: text) else {
      throw CoreError.notFound("Notice")
    }
    return id
  }

  static func deliveryText(_ item: NoticeItem) -> String {
    guard let delivery = item.delivery else {
      return item.notice.recipientEmail.isEmpty ? "in-app only (no e-mail on file)" : "in-app only"
    }
    switch delivery.status {
    case .sent: return "e-mailed \(delivery.deliveredAt.map(Format.instant) ?? "")"
    case .queued:
      return delivery.attempts == 0
        ? "e-mail queued" : "e-mail retrying (\(delivery.attempts) attempts: \(delivery.lastError ?? ""))"
    case .sending: return "e-mail being sent"
    case .failed: return "e-mail failed: \(delivery.lastError ?? "")"
    }
  }

  // MARK: The user's notices

  static func list(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let unreadOnly = req.query[String.self, at: "unread"] == "1"
    let page = req.query[Int.self, at: "page"] ?? 1
    let inbox = NoticeInbox(req.services)
    let notices = try await inbox.received(unreadOnly: unreadOnly, page: page, by: viewer)
    let unread = try await inbox.unreadCount(by: viewer)
    let content: Node<HTML.BodyContext> = .group(
      .h1("Notices"),
      .p(
        .class("lede"),
        .text(
          "Notices Credo sent you: expiration alerts for educators at your schools and districts, misassignment notices, pay holds. \(unread) unread."
        )),
      .p(
        .a(.href(unreadOnly ? root : root + "?unread=1"), .text(unreadOnly ? "Show all" : "Show unread only")),
        .if(
          NoticeTemplates.mayEdit(viewer),
          .group(
            .text(" · "), .a(.href(templatesPath), .text("Edit notice templates")), .text(" · "),
            .a(.href(AlertRulePages.root), .id("alert-rules-link"), .text("Alert rules"))))
      ),
      .if(
        unread > 0,
        .form(
          .method(.post), .action(root + "/read"), .class("inline"), csrfField(req.identity?.csrfToken),
          .button(.type(.submit), .class("secondary"), .text("Mark all read"))
        )),
      .if(notices.items.isEmpty, .p(.id("no-notices"), .text("No notices."))),
      .if(
        !notices.items.isEmpty,
        .table(
          .id("notices"),
          .caption("Your notices, newest first"),
          .thead(.tr(.th("Received"), .th("Subject"), .th("As"), .th("Delivery"), .th("Status"))),
          .tbody(
            .forEach(notices.items) { item in
              .tr(
                .if(item.notice.readAt == nil, .class("unread")),
                .td(.text(Format.instant(item.notice.createdAt))),
                .td(.a(.href(noticePath(item.notice.id)), .text(item.notice.subject))),
                .td(.text(NoticeAudience(rawValue: item.notice.audience)?.label ?? item.notice.audience)),
                .td(.text(deliveryText(item))),
                .td(.text(item.notice.readAt == nil ? "Unread" : "Read"))
              )
            })
        )),
      .if(
        notices.pageCount > 1,
        .nav(
          .class("pagination"), .attribute(named: "aria-label", value: "Pages"),
          .if(
            notices.hasPrevious,
            .a(.href("\(root)?page=\(page - 1)\(unreadOnly ? "&unread=1" : "")"), .text("Previous"))),
          .text(" Page \(notices.page) of \(notices.pageCount) "),
          .if(notices.hasNext, .a(.href("\(root)?page=\(page + 1)\(unreadOnly ? "&unread=1" : "")"), .text("Next")))
        ))
    )
    return try layout(req, "Notices", content)
  }

  static func markAllRead(_ req: Request) async throws -> Response {
    try await NoticeInbox(req.services).markRead(noticeId: nil, by: try req.viewer)
    return req.redirect(to: root)
  }

  static func show(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let item = try await NoticeInbox(req.services).notice(id: try noticeId(req), by: viewer)
    let n = item.notice
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href(root), .text("Notices")), .text(" › "),
        .span(.attribute(named: "aria-current", value: "page"), .text(n.subject))),
      .h1(.text(n.subject)),
      .dl(
        .class("facts"),
        .dt("To"), .dd(.text("\(n.recipientName)\(n.recipientEmail.isEmpty ? "" : " <\(n.recipientEmail)>")")),
        .dt("As"), .dd(.text(NoticeAudience(rawValue: n.audience)?.label ?? n.audience)),
        .dt("Made"), .dd(.text(Format.instant(n.createdAt))),
        .dt("Due"), .dd(.text(n.dueOn)),
        .dt("Delivery"), .dd(.id("delivery"), .text(deliveryText(item))),
        .unwrap(n.educatorId) { id in
          .group(.dt("Educator"), .dd(.a(.href(SiteURL.educator(id).path), .text("Educator record"))))
        }
      ),
      .p(.a(.class("button"), .href(letterPath(n.id)), .text("Print letter"))),
      .h2("E-mail"),
      .pre(.id("email-body"), .class("mail"), .text(n.emailBody))
    )
    return try layout(req, n.subject, content)
  }

  /// The print-ready letter: a page of its own, no navigation, letter-size margins.
  static func letter(_ req: Request) async throws -> Response {
    let item = try await NoticeInbox(req.services).notice(id: try noticeId(req), by: try req.viewer)
    let html = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>\(attributeText(item.notice.subject)) · Letter</title>
      <style>
      @page { size: letter; margin: 1in; }
      body { font-family: Georgia, "Times New Roman", serif; font-size: 12pt; line-height: 1.45; max-width: 6.5in; margin: 1in auto; color: #000; }
      .letterhead { border-bottom: 2px solid #000; margin-bottom: 1.5em; }
      .letterhead .org { font-size: 16pt; font-weight: bold; margin: 0; }
      .letterhead p { margin: 0.1em 0; }
      .letter-date { margin: 1em 0; }
      address { font-style: normal; margin-bottom: 1.5em; }
      .signature { margin-top: 2.5em; }
      .screen-only { font-family: system-ui, sans-serif; font-size: 10pt; }
      @media print { .screen-only { display: none; } }
      </style></head>
      <body><p class="screen-only"><a href="\(noticePath(item.notice.id))">Back to the notice</a> · Use your browser's Print command.</p>
      <article class="letter">\(item.notice.letterBody)</article></body></html>
      """
    let response = Response(status: .ok, body: .init(string: html))
    response.headers.contentType = .html
    return response
  }

  // MARK: Templates

  static func templates(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let list = try await NoticeTemplates(req.services).list(by: viewer)
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href(root), .text("Notices")), .text(" › "),
        .span(.attribute(named: "aria-current", value: "page"), .text("Templates"))),
      .h1("Notice templates"),
      .p(
        .class("lede"),
        .text(
          "Each notice has a subject, an e-mail body and a print-ready letter, written in Mustache: {{name}} inserts a value, {{#escalated}}…{{/escalated}} shows text only when it applies. Edits apply to notices made from then on; notices already sent keep their text."
        )),
      .table(
        .id("templates"),
        .caption("Templates"),
        .thead(.tr(.th("Template"), .th("Used for"), .th("Version"), .th("Last edited"))),
        .tbody(
          .forEach(list) { template in
            .tr(
              .td(
                .a(.href(templatePath(template.templateKey)), .text(template.name)), .br(),
                .code(.text(template.templateKey))),
              .td(.text(template.description)),
              .td(.text(String(template.version))),
              .td(.text("\(template.updatedBy), \(Format.instant(template.updatedAt))"))
            )
          })
      )
    )
    return try layout(req, "Notice templates", content)
  }

  static func editTemplate(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let key = req.parameters.get("key") ?? ""
    let use = NoticeTemplates(req.services)
    let template = try await use.template(key: key, by: viewer)
    return try templatePage(
      req, template, preview: use.preview(template), saved: req.query[String.self, at: "saved"] == "1")
  }

  static func saveTemplate(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let key = req.parameters.get("key") ?? ""
    let posted = try req.content.decode([String: String].self)
    let use = NoticeTemplates(req.services)
    var edited = try await use.template(key: key, by: viewer)
    let expectedVersion = Int(posted["version"] ?? "") ?? -1
    edited.subject = posted["subject"] ?? ""
    edited.emailBody = (posted["email_body"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
    edited.letterBody = (posted["letter_body"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
    if posted["action"] == "preview" {
      var shown = edited
      shown.version = expectedVersion
      return try templatePage(req, shown, preview: use.preview(edited), saved: false)
    }
    do {
      _ = try await use.save(
        key: key, subject: edited.subject, emailBody: edited.emailBody, letterBody: edited.letterBody,
        expectedVersion: expectedVersion, by: viewer)
      return req.redirect(to: templatePath(key) + "?saved=1")
    } catch let error as CoreError {
      switch error {
      case .invalid, .conflict:
        var shown = edited
        shown.version = expectedVersion
        return try templatePage(
          req, shown, preview: .failure(error), saved: false,
          status: { if case .conflict = error { return .conflict } else { return .unprocessableEntity } }())
      default: throw error
      }
    }
  }

  static func templatePage(
    _ req: Request, _ template: NoticeTemplateRecord, preview: Result<RenderedNotice, CoreError>, saved: Bool,
    status: HTTPResponseStatus = .ok
  ) throws -> Response {
    var errors: [String: String] = [:]
    var general: String?
    if case .failure(let error) = preview {
      switch error {
      case .invalid(let problems):
        errors = Dictionary(grouping: problems, by: \.field).mapValues { $0.map(\.message).joined(separator: " ") }
      default: general = error.description
      }
    }
    func fieldError(_ field: String) -> Node<HTML.FormContext> {
      .unwrap(errors[field]) { message in
        .p(.class("field-error"), .id("\(field)-error"), .attribute(named: "role", value: "alert"), .text(message))
      }
    }
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href(root), .text("Notices")), .text(" › "), .a(.href(templatesPath), .text("Templates")), .text(" › "),
        .span(.attribute(named: "aria-current", value: "page"), .text(template.name))),
      .h1(.text(template.name)),
      .p(.class("lede"), .text(template.description)),
      .if(
        saved, .p(.class("notice success"), .id("saved"), .attribute(named: "role", value: "status"), .text("Saved."))),
      .unwrap(general) { .p(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
      .if(
        !errors.isEmpty,
        .p(
          .class("notice error"), .id("template-errors"), .attribute(named: "role", value: "alert"),
          .text("The template was not saved: fix the marked fields.")
        )),
      .form(
        .method(.post), .action(templatePath(template.templateKey)), .id("template-form"),
        csrfField(req.identity?.csrfToken),
        .input(.type(.hidden), .name("version"), .value(String(template.version))),
        .label(.for("subject"), .text("Subject")),
        .input(.type(.text), .id("subject"), .name("subject"), .value(template.subject), .class("wide")),
        fieldError("subject"),
        .label(.for("email_body"), .text("E-mail body (plain text)")),
        .textarea(
          .id("email_body"), .name("email_body"), .attribute(named: "rows", value: "14"), .class("code"),
          .text(template.emailBody)),
        fieldError("email_body"),
        .label(.for("letter_body"), .text("Letter body (HTML; values are escaped)")),
        .textarea(
          .id("letter_body"), .name("letter_body"), .attribute(named: "rows", value: "14"), .class("code"),
          .text(template.letterBody)),
        fieldError("letter_body"),
        .p(
          .class("note"),
          .text(
            "Values: name, first_name, last_name, document, document_number, term, expires, days_left, days_expired, renewal_items (each {{text}}), has_renewal, escalated, recipient_name, recipient_role, organization_name, organization_address, date; misassignment: seid, course, school, academic_year, rule, determined_on, correct_by; CTC action: action, effective, until; pay hold: period, payday, reason."
          )),
        .div(
          .class("actions"),
          .button(.type(.submit), .name("action"), .value("preview"), .class("secondary"), .text("Preview")),
          .button(.type(.submit), .name("action"), .value("save"), .text("Save template"))
        )
      ),
      .section(
        .id("preview"),
        .h2("Preview with sample values"),
        .unwrap(try? preview.get()) { rendered in
          .group(
            .h3("Subject"), .p(.id("preview-subject"), .text(rendered.subject)),
            .h3("E-mail"), .pre(.id("preview-email"), .class("mail"), .text(rendered.emailBody)),
            .h3("Letter"), .div(.id("preview-letter"), .class("letter-preview"), .raw(rendered.letterBody))
          )
        },
        .if((try? preview.get()) == nil, .p(.text("No preview until the template's syntax is fixed.")))
      )
    )
    return try layout(req, template.name, content, status: status)
  }

  // MARK: API

  struct NoticeJSON: Content {
    var id: UUID
    var template: String
    var subject: String
    var audience: String
    var educatorId: UUID?
    var organizationId: UUID?
    var trigger: String
    var dueOn: String
    /// ISO 8601, UTC.
    var createdAt: String
    var read: Bool
    var delivery: String
  }

  struct NoticeListJSON: Content {
    var total: Int
    var unread: Int
    var page: Int
    var items: [NoticeJSON]
  }

  static func apiList(_ req: Request) async throws -> NoticeListJSON {
    let viewer = try req.viewer
    let inbox = NoticeInbox(req.services)
    let page = req.query[Int.self, at: "page"] ?? 1
    let notices = try await inbox.received(
      unreadOnly: req.query[Bool.self, at: "unread"] ?? false, page: page, perPage: 100, by: viewer)
    return NoticeListJSON(
      total: notices.total, unread: try await inbox.unreadCount(by: viewer), page: notices.page,
      items: notices.items.map { item in
        NoticeJSON(
          id: item.notice.id, template: item.notice.templateKey, subject: item.notice.subject,
          audience: item.notice.audience, educatorId: item.notice.educatorId,
          organizationId: item.notice.organizationId, trigger: item.notice.trigger, dueOn: item.notice.dueOn,
          createdAt: ISO8601DateFormatter().string(from: item.notice.createdAt), read: item.notice.readAt != nil,
          delivery: item.delivery?.status.rawValue ?? "in_app")
      })
  }

  // MARK: Educator page

  /// The educator page's "Correspondence" section: every notice about them, with the letter printable.
  static func correspondenceSection(_ items: [NoticeItem]) -> Node<HTML.BodyContext> {
    .section(
      .id("correspondence"),
      .h2("Correspondence"),
      .if(items.isEmpty, .p(.text("No notices have been sent about this educator."))),
      .if(
        !items.isEmpty,
        .table(
          .caption("Every notice sent about this educator, newest first"),
          .thead(.tr(.th("Made"), .th("Subject"), .th("To"), .th("Delivery"), .th("Letter"))),
          .tbody(
            .forEach(items) { item in
              .tr(
                .td(.text(Format.instant(item.notice.createdAt))),
                .td(.a(.href(noticePath(item.notice.id)), .text(item.notice.subject))),
                .td(
                  .text(
                    "\(item.notice.recipientName) (\(NoticeAudience(rawValue: item.notice.audience)?.label ?? item.notice.audience))"
                  )),
                .td(.text(deliveryText(item))),
                .td(.a(.href(letterPath(item.notice.id)), .text("Print")))
              )
            })
        ))
    )
  }
}

/// The signed-in user's unread notice count, set per request by `NoticeCountMiddleware` and shown in the header.
enum NoticeBadge {
  @TaskLocal static var unread: Int?
}

/// Counts the signed-in user's unread notices for the header (one indexed COUNT per page).
struct NoticeCountMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard request.identity != nil, !request.isAPI, request.method == .GET, let viewer = try? request.viewer else {
      return try await next.respond(to: request)
    }
    let count = try? await NoticeInbox(request.services).unreadCount(by: viewer)
    return try await NoticeBadge.$unread.withValue(count) { try await next.respond(to: request) }
  }
}
