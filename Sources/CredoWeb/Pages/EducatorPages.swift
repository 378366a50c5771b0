import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// The educator list (search by name, SEID or local ID; filter; sort; page; CSV) and the educator page.
enum EducatorPages {
  static let csvHeader = [
    "seid", "last_name", "first_name", "middle_name", "birth_date", "email", "local_staff_ids", "districts", "schools",
    "statuses",
  ]

  struct Query {
    var filter: EducatorFilter
    var items: [(String, String?)]

    init(_ req: Request) {
      let text = req.queryText("q")
      let district = req.queryText("district").flatMap(DistrictCode.init)
      let school = req.queryText("school").flatMap(CDSCode.init)
      let status = req.queryText("status").flatMap(EmploymentStatus.init(rawValue:))
      filter = EducatorFilter(text: text, district: district, school: school, status: status)
      items = [("q", text), ("district", district?.digits), ("school", school?.digits), ("status", status?.rawValue)]
    }
  }

  static func list(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let query = Query(req)
    let export = req.wantsCSV
    let params = ListParameters(req, defaultSort: "name", allowed: EducatorRepository.sortColumns, forExport: export)
    let page = try await EducatorRecords(req.services).list(
      query.filter, window: params.window, by: viewer, forExport: export)
    if export {
      var csv = CSVWriter(header: csvHeader)
      for row in page.items { csv.append(csvRow(row)) }
      return csvResponse(csv.text, fileName: "educators.csv")
    }
    let table = DataTable(
      id: "educators", caption: "Educators",
      columns: [
        .init(key: "name", label: "Name"), .init(key: "seid", label: "SEID"),
        .init(key: "local", label: "Local ID", sortable: false),
        .init(key: "district", label: "District", sortable: false),
        .init(key: "school", label: "School", sortable: false), .init(key: "status", label: "Status", sortable: false),
        .init(key: "birth", label: "Birth date"),
      ],
      rows: page.items.map(row), basePath: SiteURL.educators.path, filter: query.items, window: params.window,
      total: page.total, pageCount: page.pageCount, exportable: viewer.has(.exportData))
    let content: Node<HTML.BodyContext> = .group(
      .h1("Educators"),
      .form(
        .method(.get), .action(SiteURL.educators.path), .class("filters"), .attribute(named: "role", value: "search"),
        textField(
          "q", label: "Name, SEID or local ID", value: query.filter.text ?? "",
          hint: "“Garcia”, “Garcia, Mar”, “Maria Garcia”, a 10-digit SEID or a district staff ID"),
        selectField(
          "status", label: "Employment status",
          options: [("", "Any")] + EmploymentStatus.allCases.map { ($0.rawValue, $0.label) },
          selected: query.filter.status?.rawValue),
        .input(.type(.hidden), .name("district"), .value(query.filter.district?.digits ?? "")),
        .input(.type(.hidden), .name("school"), .value(query.filter.school?.digits ?? "")),
        .button(.type(.submit), .id("search-submit"), .text("Search"))
      ),
      table.render()
    )
    return Layout(title: "Educators", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/educators")
      .render(content).response()
  }

  static func row(_ summary: EducatorSummary) -> Node<HTML.TableRowContext> {
    let e = summary.educator
    // Open-ended employments describe where the educator works now; ended ones only when there is nothing else.
    let open = summary.employments.filter { $0.record.endDate == nil }
    let current = open.isEmpty ? summary.employments : open
    return .group(
      .td(.a(.class("educator-link"), .href(SiteURL.educator(e.id).path), .text(e.sortName))),
      .td(.text(e.seid?.digits ?? "—")),
      .td(.text(unique(current.map(\.record.localStaffId)).joined(separator: ", "))),
      .td(.text(unique(current.map(\.districtName)).joined(separator: "; "))),
      .td(.text(unique(current.compactMap(\.schoolName)).joined(separator: "; "))),
      .td(.text(unique(current.map(\.record.status.label)).joined(separator: ", "))),
      .td(.text(e.birthDate?.iso ?? ""))
    )
  }

  static func csvRow(_ summary: EducatorSummary) -> [String] {
    let e = summary.educator
    return [
      e.seid?.digits ?? "", e.lastName, e.firstName, e.middleName, e.birthDate?.iso ?? "", e.email,
      unique(summary.employments.map(\.record.localStaffId)).joined(separator: ";"),
      unique(summary.employments.map(\.districtName)).joined(separator: ";"),
      unique(summary.employments.compactMap(\.schoolName)).joined(separator: ";"),
      unique(summary.employments.map(\.record.status.rawValue)).joined(separator: ";"),
    ]
  }

  static func unique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { !$0.isEmpty && seen.insert($0).inserted }
  }

  static func educatorId(_ req: Request) throws -> UUID {
    guard let text = req.parameters.get("id"), let id = UUID(uuidString: text) else {
      throw Abort(.notFound, reason: "There is no educator at this address.")
    }
    return id
  }

  // MARK: The educator page

  static func show(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let id = try educatorId(req)
    let detail = try await EducatorRecords(req.services).detail(id: id, by: viewer)
    let catalog = try await Catalog(req.services).current()
    let teachable = try await CredentialLists(req.services).teachable(educatorId: id, catalog: catalog, by: viewer)
    let correspondence = try await NoticeInbox(req.services).correspondence(educatorId: id, by: viewer)
    var meanings: [String: String] = [:]
    for code in Set(detail.documents.flatMap(\.document.renewalCodes)) {
      meanings[code] = catalog.renewalCode(code)?.description
    }
    let pay = try await PayRelease(req.services).history(educatorId: id, by: viewer)
    let ctc = try await CTCActions(req.services).forEducator(id, by: viewer)
    return page(
      req, viewer: viewer, detail: detail, noteError: nil, teachable: teachable, correspondence: correspondence,
      renewalMeanings: meanings, pay: pay, ctc: ctc)
  }

  static func page(
    _ req: Request, viewer: Viewer, detail: EducatorDetail, noteError: String?, status: HTTPResponseStatus = .ok,
    teachable: [TeachableCourses.Entry] = [], correspondence: [NoticeItem] = [],
    renewalMeanings: [String: String] = [:],
    pay: [PayEvent] = [], ctc: [StoredCTCAction] = []
  ) -> Response {
    let e = detail.educator
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href(SiteURL.educators.path), .text("Educators")), .text(" › "),
        .span(.attribute(named: "aria-current", value: "page"), .text(e.sortName))),
      .h1(.text(e.sortName)),
      .dl(
        .class("facts"),
        .dt("SEID"), .dd(.id("seid"), .text(e.seid?.digits ?? "Not yet assigned")),
        .dt("Birth date"), .dd(.text(e.birthDate?.iso ?? "—")),
        .dt("E-mail"), .dd(.text(e.email.isEmpty ? "—" : e.email))
      ),
      .if(detail.canEdit, .p(.a(.class("button"), .href(SiteURL.educatorEdit(e.id).path), .text("Edit")))),
      .section(
        .h2("Employment"),
        .table(
          .caption("Employment records, newest first"),
          .thead(
            .tr(
              .th("District"), .th("School"), .th("Local ID"), .th("Status"), .th("Title"), .th("Start"), .th("End"),
              .th("Unit"))),
          .tbody(
            .forEach(detail.employments) { item in
              .tr(
                .td(
                  .unwrap(item.record.place.district) {
                    .a(.href(SiteURL.organization(CDSCode(district: $0)).path), .text(item.districtName))
                  }
                ),
                .td(
                  .unwrap(item.record.place.school) { code in
                    .a(.href(SiteURL.organization(code).path), .text(item.schoolName ?? code.digits))
                  }),
                .td(.text(item.record.localStaffId)), .td(.text(item.record.status.label)),
                .td(.text(item.record.jobTitle)),
                .td(.text(item.record.startDate.iso)), .td(.text(item.record.endDate?.iso ?? "")),
                .td(.text(item.record.bargainingUnit))
              )
            })
        )
      ),
      documentsSection(detail, renewalMeanings: renewalMeanings),
      CTCActionPages.educatorSection(ctc),
      PayPages.historySection(pay),
      teachableSection(teachable, asOf: detail.asOf),
      NoticePages.correspondenceSection(correspondence),
      notesSection(e, detail: detail, csrf: req.identity?.csrfToken, error: noteError),
      historySection(detail.history),
      .if(
        !detail.accessLog.isEmpty,
        .section(
          .h2("Access log of confidential notes"),
          .table(
            .thead(.tr(.th("When"), .th("Who"), .th("Category"), .th("Purpose"), .th("From"))),
            .tbody(
              .forEach(detail.accessLog) { entry in
                .tr(
                  .td(.text(Format.instant(entry.at))), .td(.text(entry.username)),
                  .td(.text(NoteCategory(rawValue: entry.category)?.label ?? entry.category)),
                  .td(.text(entry.purpose)), .td(.text(entry.address)))
              })
          )
        )
      )
    )
    return Layout(title: e.sortName, viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/educators")
      .render(content).response(status: status)
  }

  /// "What this educator may teach": courses grouped by content area, with the authorizing document and any
  /// restriction.
  static func teachableSection(_ entries: [TeachableCourses.Entry], asOf: CalendarDate) -> Node<HTML.BodyContext> {
    let groups = Dictionary(grouping: entries) { $0.course?.contentArea.name ?? "Other" }.sorted { $0.key < $1.key }
    return .section(
      .h2("What this educator may teach"),
      .if(entries.isEmpty, .p(.text("No course in the catalog is authorized by a document valid on \(asOf)."))),
      .if(
        !entries.isEmpty,
        .p(
          .id("teachable-count"),
          .text("\(Set(entries.map(\.rule.courseCode)).count) state course codes, by documents valid on \(asOf).")
        )),
      .forEach(groups) { area, items in
        .details(
          .summary(.text("\(area) (\(Set(items.map(\.rule.courseCode)).count) courses)")),
          .table(
            .class("teachable"),
            .thead(.tr(.th("Course"), .th("Document"), .th("Authorization"), .th("Restriction"))),
            .tbody(
              .forEach(items) { entry in
                .tr(
                  .td(
                    .a(
                      .href("/catalog/courses/\(entry.rule.courseCode)"),
                      .text("\(entry.rule.courseCode) \(entry.course?.name ?? "")"))),
                  .td(.text("\(entry.document.documentCode) \(entry.document.documentNumber)")),
                  .td(
                    .text(
                      [
                        entry.rule.authorizationCode.isEmpty ? entry.rule.documentTitle : entry.rule.authorizationCode,
                        entry.rule.subjectName,
                      ]
                      .filter { !$0.isEmpty }.joined(separator: " "))),
                  .td(.text(entry.rule.coverage == .full ? "Full" : entry.rule.restrictions.joined(separator: "; "))))
              })
          )
        )
      }
    )
  }

  static func documentsSection(
    _ detail: EducatorDetail, renewalMeanings: [String: String] = [:]
  ) -> Node<
    HTML.BodyContext
  > {
    .section(
      .h2("Credential documents"),
      .if(
        detail.canEdit,
        .p(
          .a(
            .class("button secondary"), .href("/educators/\(detail.educator.id.uuidString.lowercased())/documents/new"),
            .text("Add a document")))),
      .if(detail.documents.isEmpty, .p(.text("No CTC documents on file."))),
      .if(
        !detail.documents.isEmpty,
        .table(
          .id("documents"),
          .caption(.text("Current documents; validity as of \(detail.asOf)")),
          .thead(
            .tr(
              .th("Document"), .th("Term"), .th("Issued"), .th("Expires"), .th("Status"), .th("Authorizations"),
              .th("Renewal"), .th("Registered"), .th("Valid \(detail.asOf)"))),
          .tbody(
            .forEach(detail.documents) { item in
              let d = item.document
              return .tr(
                .td(.text("\(d.title.isEmpty ? d.documentCode : d.title) (\(d.documentCode)) \(d.documentNumber)")),
                .td(.text(d.term.rawValue)), .td(.text(d.issueDate.iso)), .td(.text(d.expirationDate?.iso ?? "—")),
                .td(
                  .text(
                    d.status.label
                      + ([d.statusFrom.map { " from \($0)" }, d.statusUntil.map { " until \($0)" }].compactMap { $0 }
                        .joined())
                  )),
                .td(.text(d.authorizations.map(\.summary).joined(separator: "; "))),
                .td(
                  .class("renewal"),
                  .forEach(d.renewalCodes) { code in
                    .group(
                      .abbr(.title(renewalMeanings[code] ?? "Renewal code \(code)"), .text(code)),
                      .unwrap(renewalMeanings[code]) { .small(.text(": \($0)")) }, .br())
                  }),
                .td(.text(d.registeredOn?.iso ?? "not registered")),
                .td(
                  .class(item.validity.valid ? "valid" : "invalid"),
                  .strong(.text(item.validity.valid ? "Valid" : "Not valid")),
                  .text(" — \(item.validity.explanation) "),
                  .small(.text("(\(item.validity.citation))")),
                  .if(
                    detail.canEdit,
                    .a(
                      .href(
                        "/educators/\(detail.educator.id.uuidString.lowercased())/documents/\(attributeText(d.documentNumber))/edit"
                      ),
                      .text(" Edit \(d.documentNumber)"))))
              )
            })
        )
      ),
      .if(
        detail.documentHistory.count > detail.documents.count,
        .details(
          .summary(.text("Document history (\(detail.documentHistory.count) versions)")),
          .table(
            .id("document-history"),
            .thead(
              .tr(
                .th("Document"), .th("Version"), .th("Status"), .th("Issued"), .th("Expires"), .th("Recorded"),
                .th("By"))),
            .tbody(
              .forEach(detail.documentHistory) { version in
                .tr(
                  .td(.text(version.document.documentNumber)),
                  .td(.text("\(version.document.version)\(version.isCurrent ? " (current)" : "")")),
                  .td(.text(version.document.status.label)), .td(.text(version.document.issueDate.iso)),
                  .td(.text(version.document.expirationDate?.iso ?? "—")),
                  .td(.text(Format.instant(version.recordedAt))),
                  .td(.text("\(version.recordedBy), \(version.source)")))
              })
          )
        )
      )
    )
  }

  static func notesSection(
    _ e: Educator, detail: EducatorDetail, csrf: String?, error: String?
  ) -> Node<HTML.BodyContext> {
    .section(
      .h2("Notes"),
      .if(detail.notes.isEmpty, .p(.text("No notes you may read."))),
      .ul(
        .class("notes"),
        .forEach(detail.notes) { note in
          .li(
            .class(note.category.confidential == nil ? "note" : "note confidential"),
            .strong(.text(note.category.label)), .text(" · \(note.authorName) · \(Format.instant(note.createdAt))"),
            .p(.text(note.body)))
        }),
      .forEach(detail.restrictedNoteCounts.sorted { $0.key.rawValue < $1.key.rawValue }) { category, count in
        .p(
          .class("restricted"),
          .text(
            "\(count) \(category.label.lowercased()) note\(count == 1 ? "" : "s") on file, visible only to authorized roles."
          ))
      },
      .if(
        !detail.writableNoteCategories.isEmpty,
        .form(
          .method(.post), .action(SiteURL.educatorNotes(e.id).path), .class("note-form"),
          csrfField(csrf),
          .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
          selectField(
            "category", label: "Kind of note", options: detail.writableNoteCategories.map { ($0.rawValue, $0.label) },
            selected: NoteCategory.general.rawValue),
          .div(
            .class("field"), .label(.for("body"), .text("Note")),
            .textarea(.name("body"), .id("body"), .attribute(named: "rows", value: "3"))),
          .button(.type(.submit), .text("Add note"))
        )
      )
    )
  }

  static func historySection(_ history: [AuditEntry]) -> Node<HTML.BodyContext> {
    .section(
      .h2("History"),
      .if(history.isEmpty, .p(.text("No changes recorded since this record was loaded."))),
      .if(
        !history.isEmpty,
        .table(
          .id("history"),
          .caption("Every change to this record, newest first"),
          .thead(.tr(.th("When"), .th("Who"), .th("Field"), .th("Old value"), .th("New value"))),
          .tbody(
            .forEach(history) { entry in
              .forEach(entry.changes) { change in
                .tr(
                  .td(.text(Format.instant(entry.at))), .td(.text("\(entry.actorName) (\(entry.source))")),
                  .td(.text(change.field)), .td(.text(change.oldValue ?? "—")), .td(.text(change.newValue ?? "—")))
              }
            })
        )
      )
    )
  }

  // MARK: Editing

  static func edit(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let detail = try await EducatorRecords(req.services).detail(id: try educatorId(req), by: viewer, showNotes: false)
    guard detail.canEdit else { throw CoreError.forbidden("editing this educator") }
    let e = detail.educator
    return editForm(
      req, viewer: viewer, educator: e,
      values: EducatorChanges(
        seid: e.seid?.digits ?? "", firstName: e.firstName, middleName: e.middleName, lastName: e.lastName,
        birthDate: e.birthDate?.iso ?? "", email: e.email), errors: [:], status: .ok)
  }

  static func update(_ req: Request) async throws -> Response {
    struct Form: Content {
      var seid: String?
      var first_name: String?
      var middle_name: String?
      var last_name: String?
      var birth_date: String?
      var email: String?
    }
    let viewer = try req.viewer
    let id = try educatorId(req)
    let form = try req.content.decode(Form.self)
    let changes = EducatorChanges(
      seid: form.seid ?? "", firstName: form.first_name ?? "", middleName: form.middle_name ?? "",
      lastName: form.last_name ?? "", birthDate: form.birth_date ?? "", email: form.email ?? "")
    do {
      try await EducatorRecords(req.services).update(id: id, changes: changes, by: viewer)
      return req.redirect(to: SiteURL.educator(id).path)
    } catch CoreError.invalid(let problems) {
      let educator = try await EducatorRecords(req.services).detail(id: id, by: viewer, showNotes: false).educator
      return editForm(
        req, viewer: viewer, educator: educator, values: changes,
        errors: Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a }),
        status: .unprocessableEntity)
    }
  }

  static func editForm(
    _ req: Request, viewer: Viewer, educator: Educator, values: EducatorChanges, errors: [String: String],
    status: HTTPResponseStatus
  ) -> Response {
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href(SiteURL.educator(educator.id).path), .text(educator.sortName)), .text(" › "),
        .span(.attribute(named: "aria-current", value: "page"), .text("Edit"))),
      .h1("Edit \(educator.displayName)"),
      .if(
        !errors.isEmpty,
        .p(.class("error"), .attribute(named: "role", value: "alert"), .text("Correct the fields marked below."))),
      .form(
        .method(.post), .action(SiteURL.educatorEdit(educator.id).path),
        csrfField(req.identity?.csrfToken),
        textField("seid", label: "SEID", value: values.seid, error: errors["seid"], hint: "10 digits, from the CTC"),
        textField(
          "first_name", label: "First name", value: values.firstName, error: errors["first_name"], required: true),
        textField("middle_name", label: "Middle name", value: values.middleName, error: errors["middle_name"]),
        textField("last_name", label: "Last name", value: values.lastName, error: errors["last_name"], required: true),
        textField("birth_date", label: "Birth date", value: values.birthDate, error: errors["birth_date"], type: .date),
        textField("email", label: "E-mail", value: values.email, error: errors["email"], type: .email),
        .button(.type(.submit), .text("Save")),
        .a(.class("button secondary"), .href(SiteURL.educator(educator.id).path), .text("Cancel"))
      )
    )
    return Layout(
      title: "Edit \(educator.displayName)", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/educators"
    )
    .render(content).response(status: status)
  }

  static func addNote(_ req: Request) async throws -> Response {
    struct Form: Content {
      var category: String?
      var body: String?
    }
    let viewer = try req.viewer
    let id = try educatorId(req)
    let form = try req.content.decode(Form.self)
    guard let category = form.category.flatMap(NoteCategory.init(rawValue:)) else {
      throw Abort(.badRequest, reason: "Choose a kind of note.")
    }
    do {
      try await EducatorRecords(req.services).addNote(
        educatorId: id, category: category, body: form.body ?? "", by: viewer)
      return req.redirect(to: SiteURL.educator(id).path)
    } catch CoreError.invalid(let problems) {
      let detail = try await EducatorRecords(req.services).detail(id: id, by: viewer)
      return page(
        req, viewer: viewer, detail: detail, noteError: problems.map(\.message).joined(separator: " "),
        status: .unprocessableEntity)
    }
  }
}
