import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// The credential analyst's lists (expiring, unregistered, status without the required document) and the
/// principal's reverse search: who in this district may teach course X at grade Y.
enum CredentialPages {
  static func register(on routes: any RoutesBuilder) {
    routes.get("credentials", use: index)
    routes.get("credentials", "expiring", use: expiring)
    routes.get("credentials", "unregistered", use: unregistered)
    routes.post("credentials", "unregistered", ":number", "forwarded", use: forwarded)
    routes.get("credentials", "employment-status", use: employmentStatus)
    routes.get("credentials", "who-may-teach", use: whoMayTeach)
    routes.get("educators", ":id", "documents", "new", use: newDocument)
    routes.get("educators", ":id", "documents", ":number", "edit", use: editDocument)
    routes.post("educators", ":id", "documents", use: saveDocument)
  }

  // MARK: Entering documents by hand

  static let formFields: [(String, String, String?)] = [
    ("document_number", "Document number", "The CTC document number"),
    ("document_code", "Document code", "CTC credential title code, e.g. TC1"),
    ("document_title", "Title", nil),
    ("issue_date", "Issue date", "YYYY-MM-DD"),
    ("expiration_date", "Expiration date", "YYYY-MM-DD; empty for Life"),
    ("status_from", "Suspended from", "For a suspension: its first day"),
    ("status_until", "Suspended until", "For a suspension: its last day"),
    (
      "employer_restriction", "Valid only for employer", "7-digit district code, for permits restricted to one employer"
    ),
    ("renewal_codes", "Renewal requirement codes", "Space-separated, e.g. R14I"),
    ("registered_on", "Registered with the county office on", "YYYY-MM-DD"),
  ]

  static func newDocument(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let detail = try await EducatorRecords(req.services).detail(
      id: try EducatorPages.educatorId(req), by: viewer, showNotes: false)
    guard detail.canEdit else { throw CoreError.forbidden("editing this educator's documents") }
    return documentForm(
      req, detail: detail, form: DocumentForm(values: ["status": "active", "term": "Clear"]), errors: [:], status: .ok)
  }

  static func editDocument(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let detail = try await EducatorRecords(req.services).detail(
      id: try EducatorPages.educatorId(req), by: viewer, showNotes: false)
    guard detail.canEdit else { throw CoreError.forbidden("editing this educator's documents") }
    guard let number = req.parameters.get("number"),
      let document = detail.documents.first(where: { $0.document.documentNumber == number })
    else { throw CoreError.notFound("Document") }
    return documentForm(req, detail: detail, form: DocumentForm(document.document), errors: [:], status: .ok)
  }

  static func saveDocument(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let id = try EducatorPages.educatorId(req)
    let posted = try req.content.decode([String: String].self)
    var values: [String: String] = [:]
    for key in ["term", "status"] + formFields.map(\.0) { values[key] = posted[key] ?? "" }
    let form = DocumentForm(values: values, authorizations: posted["authorizations"] ?? "")
    do {
      try await CredentialEntry(req.services).save(educatorId: id, form: form, by: viewer)
      return req.redirect(to: SiteURL.educator(id).path)
    } catch CoreError.invalid(let problems) {
      let detail = try await EducatorRecords(req.services).detail(id: id, by: viewer, showNotes: false)
      return documentForm(
        req, detail: detail, form: form,
        errors: Dictionary(grouping: problems, by: \.field).mapValues { $0.map(\.message).joined(separator: " ") },
        status: .unprocessableEntity)
    }
  }

  static func documentForm(
    _ req: Request, detail: EducatorDetail, form: DocumentForm, errors: [String: String], status: HTTPResponseStatus
  ) -> Response {
    let e = detail.educator
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href(SiteURL.educator(e.id).path), .text(e.sortName)), .text(" › "),
        .span(.attribute(named: "aria-current", value: "page"), .text("Document"))),
      .h1(.text("Credential document for \(e.displayName)")),
      .p(.text("Saving a document that is on file adds a new version; earlier versions stay in the history.")),
      .if(
        !errors.isEmpty,
        .p(.class("error"), .attribute(named: "role", value: "alert"), .text("Correct the fields marked below."))),
      .form(
        .method(.post), .action("/educators/\(e.id.uuidString.lowercased())/documents"),
        csrfField(req.identity?.csrfToken),
        selectField(
          "term", label: "Term", options: CredentialTerm.allCases.map { ($0.rawValue, $0.rawValue) },
          selected: form.values["term"]),
        selectField(
          "status", label: "Status", options: DocumentStatus.allCases.map { ($0.rawValue, $0.label) },
          selected: form.values["status"]),
        .forEach(formFields) { name, label, hint in
          textField(name, label: label, value: form.values[name] ?? "", error: errors[name], hint: hint)
        },
        .div(
          .class(errors["authorizations"] == nil ? "field" : "field has-error"),
          .label(.for("authorizations"), .text("Authorizations")),
          .p(
            .class("hint"), .id("authorizations-hint"),
            .text("One per line: CODE [SUBJECT] [major|minor] [language], e.g. “R1S MATH major”.")),
          .unwrap(errors["authorizations"]) { .p(.class("field-error"), .text($0)) },
          .textarea(
            .name("authorizations"), .id("authorizations"), .attribute(named: "rows", value: "4"),
            .attribute(named: "aria-describedby", value: "authorizations-hint"), .text(form.authorizations))
        ),
        .unwrap(errors["seid"]) { .p(.class("error"), .text($0)) },
        .button(.type(.submit), .id("document-submit"), .text("Save document")),
        .a(.class("button secondary"), .href(SiteURL.educator(e.id).path), .text("Cancel"))
      )
    )
    return Layout(
      title: "Document for \(e.sortName)", viewer: try? req.viewer, csrfToken: req.identity?.csrfToken,
      current: "/educators"
    )
    .render(content).response(status: status)
  }

  static func registerAPI(on routes: any RoutesBuilder) {}

  static let documentCSVHeader = [
    "seid", "last_name", "first_name", "document_number", "document_code", "title", "term", "issue_date",
    "expiration_date", "status", "authorizations", "renewal_codes", "registered_on",
  ]

  static func documentCSVRow(_ held: HeldDocument) -> [String] {
    let d = held.document
    return [
      held.educator.seid?.digits ?? "", held.educator.lastName, held.educator.firstName, d.documentNumber,
      d.documentCode,
      d.title, d.term.rawValue, d.issueDate.iso, d.expirationDate?.iso ?? "", d.status.rawValue,
      d.authorizations.map(\.summary).joined(separator: ";"), d.renewalCodes.joined(separator: " "),
      d.registeredOn?.iso ?? "",
    ]
  }

  static func documentRow(_ held: HeldDocument, extra: Node<HTML.BodyContext> = .empty) -> Node<HTML.TableRowContext> {
    let d = held.document
    return .group(
      .td(.a(.href(SiteURL.educator(held.educator.id).path), .text(held.educator.sortName))),
      .td(.text(held.educator.seid?.digits ?? "—")),
      .td(.text("\(d.title.isEmpty ? d.documentCode : d.title) \(d.documentNumber)")),
      .td(.text(d.term.rawValue)), .td(.text(d.expirationDate?.iso ?? "—")), .td(.text(d.status.label)),
      .td(.text(d.renewalCodes.joined(separator: " "))),
      .td(extra)
    )
  }

  static func page(_ req: Request, title: String, _ content: Node<HTML.BodyContext>) throws -> Response {
    Layout(title: title, viewer: try req.viewer, csrfToken: req.identity?.csrfToken, current: "/credentials")
      .render(
        .group(
          .nav(
            .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
            .a(.href("/credentials"), .text("Credentials")), .text(" › "),
            .span(.attribute(named: "aria-current", value: "page"), .text(title))),
          content)
      ).response()
  }

  static func index(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    return Layout(title: "Credentials", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/credentials")
      .render(
        .group(
          .h1("Credentials"),
          .ul(
            .li(.a(.href("/credentials/expiring?days=90"), .text("Documents expiring in the next 90 days"))),
            .li(.a(.href("/credentials/unregistered"), .text("Documents not registered with the county office"))),
            .li(
              .a(
                .href("/credentials/employment-status"),
                .text("Employees whose employment status lacks the document it requires")))
          ),
          whoMayTeachForm(course: "", grade: "", district: "")
        )
      ).response()
  }

  static func whoMayTeachForm(course: String, grade: String, district: String) -> Node<HTML.BodyContext> {
    .section(
      .h2("Who may teach a course?"),
      .form(
        .method(.get), .action("/credentials/who-may-teach"), .class("filters"),
        .attribute(named: "role", value: "search"),
        textField("course", label: "State course code", value: course, required: true, hint: "e.g. 9325 Chemistry"),
        textField("grade", label: "Grade level", value: grade, hint: "K, 1-12 or AD; empty for any"),
        textField("district", label: "District code", value: district, hint: "7 digits; empty for your whole scope"),
        .button(.type(.submit), .id("who-submit"), .text("Find educators"))
      )
    )
  }

  // MARK: Lists

  static func expiring(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let days = (try? req.query.get(Int.self, at: "days")) ?? 90
    let export = req.wantsCSV
    let params = ListParameters(
      req, defaultSort: "expiration", allowed: ["expiration": "expiration"], forExport: export)
    let list = try await CredentialLists(req.services).expiring(
      withinDays: days, window: params.window, by: viewer, forExport: export)
    if export {
      var csv = CSVWriter(header: documentCSVHeader)
      for item in list.items { csv.append(documentCSVRow(item)) }
      return csvResponse(csv.text, fileName: "expiring-\(days)-days.csv")
    }
    return try page(
      req, title: "Expiring in \(days) days",
      .group(
        .h1(.text("Documents expiring in the next \(days) days")),
        .form(
          .method(.get), .action("/credentials/expiring"), .class("filters"),
          selectField(
            "days", label: "Window",
            options: [("30", "30 days"), ("60", "60 days"), ("90", "90 days"), ("180", "180 days"), ("365", "1 year")],
            selected: String(days)),
          .button(.type(.submit), .text("Show"))
        ),
        table(
          "expiring", caption: "Current documents expiring soonest first", list: list, window: params.window,
          path: "/credentials/expiring", filter: [("days", String(days))], exportable: viewer.has(.exportData)
        ) { documentRow($0) }
      ))
  }

  static func unregistered(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let export = req.wantsCSV
    let params = ListParameters(req, defaultSort: "issued", allowed: ["issued": "issued"], forExport: export)
    let list = try await CredentialLists(req.services).unregistered(
      window: params.window, by: viewer, forExport: export)
    if export {
      var csv = CSVWriter(header: documentCSVHeader)
      for item in list.items { csv.append(documentCSVRow(item)) }
      return csvResponse(csv.text, fileName: "unregistered.csv")
    }
    let canRecord = viewer.has(.editRecords)
    let csrf = req.identity?.csrfToken
    return try page(
      req, title: "Unregistered documents",
      .group(
        .h1("Documents not registered with the county office"),
        .p(
          .text(
            "EC 44330: a credential must be registered with the county office before service. Record when you forward one for registration; it then leaves this list."
          )),
        table(
          "unregistered", caption: "Active documents with no registration or forwarding on record", list: list,
          window: params.window, path: "/credentials/unregistered", filter: [], exportable: viewer.has(.exportData)
        ) { held in
          documentRow(
            held,
            extra: canRecord
              ? .form(
                .method(.post),
                .action("/credentials/unregistered/\(attributeText(held.document.documentNumber))/forwarded"),
                .class("inline"), csrfField(csrf),
                .button(
                  .type(.submit), .class("link"), .text("Forwarded \(held.document.documentNumber) for registration")))
              : .empty)
        }
      ))
  }

  static func forwarded(_ req: Request) async throws -> Response {
    guard let number = req.parameters.get("number") else { throw Abort(.notFound) }
    try await CredentialLists(req.services).recordForwarding(documentNumber: number, by: try req.viewer)
    return req.redirect(to: "/credentials/unregistered")
  }

  static func employmentStatus(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let findings = try await CredentialLists(req.services).employmentMismatches(by: viewer)
    if req.wantsCSV {
      _ = try viewer.require(.exportData, "exporting")
      var csv = CSVWriter(header: [
        "seid", "last_name", "first_name", "district", "school", "local_staff_id", "status", "rule", "explanation",
      ])
      for f in findings {
        csv.append([
          f.educator.seid?.digits ?? "", f.educator.lastName, f.educator.firstName, f.employment.districtName,
          f.employment.schoolName ?? "", f.employment.record.localStaffId, f.employment.record.status.rawValue,
          f.finding.rule,
          f.finding.explanation,
        ])
      }
      return csvResponse(csv.text, fileName: "employment-status.csv")
    }
    return try page(
      req, title: "Employment status",
      .group(
        .h1("Employment status without the document it requires"),
        .p(.id("result-count"), .text("\(Format.number(findings.count)) employees")),
        .if(
          viewer.has(.exportData),
          .a(
            .id("export-csv"), .class("button secondary"), .href("/credentials/employment-status?format=csv"),
            .text("Export CSV"))),
        .table(
          .id("employment-status"),
          .caption("Current employments whose status the valid documents do not support"),
          .thead(.tr(.th("Name"), .th("District / school"), .th("Local ID"), .th("Status"), .th("Finding"))),
          .tbody(
            .forEach(findings.prefix(1_000)) { f in
              .tr(
                .td(.a(.href(SiteURL.educator(f.educator.id).path), .text(f.educator.sortName))),
                .td(
                  .text(
                    [f.employment.districtName, f.employment.schoolName].compactMap { $0 }.joined(separator: " / "))),
                .td(.text(f.employment.record.localStaffId)), .td(.text(f.employment.record.status.label)),
                .td(.text("\(f.finding.explanation) (\(f.finding.citation))")))
            })
        )
      ))
  }

  // MARK: Reverse search

  static func whoMayTeach(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let course = req.queryText("course") ?? ""
    let gradeText = req.queryText("grade") ?? ""
    let districtText = req.queryText("district") ?? ""
    var problems: [FieldProblem] = []
    let grade = gradeText.isEmpty ? nil : GradeLevel(code: gradeText)
    if !gradeText.isEmpty, grade == nil {
      problems.append(FieldProblem(field: "grade", message: "Use K, TK, 1-12 or AD."))
    }
    let district = districtText.isEmpty ? nil : DistrictCode(districtText)
    if !districtText.isEmpty, district == nil {
      problems.append(FieldProblem(field: "district", message: "A district code is 7 digits."))
    }
    let catalog = try await Catalog(req.services).current()
    if course.isEmpty || catalog.course(course) == nil && catalog.authorizations(forCourse: course).isEmpty {
      problems.append(FieldProblem(field: "course", message: "'\(course)' is not a state course code in the catalog."))
    }
    guard problems.isEmpty else { throw CoreError.invalid(problems) }
    let result = try await CredentialLists(req.services).whoMayTeach(
      courseCode: course, grade: grade, district: district, catalog: catalog, by: viewer)
    if req.wantsCSV {
      _ = try viewer.require(.exportData, "exporting")
      var csv = CSVWriter(header: [
        "seid", "last_name", "first_name", "schools", "document_number", "document", "authorization", "subject",
        "restrictions",
      ])
      for c in result.candidates {
        csv.append([
          c.educator.seid?.digits ?? "", c.educator.lastName, c.educator.firstName, c.schools.joined(separator: ";"),
          c.entry.document.documentNumber, c.entry.document.title,
          c.entry.rule.authorizationCode.isEmpty ? c.entry.rule.documentTitle : c.entry.rule.authorizationCode,
          c.entry.rule.subjectName, c.entry.rule.restrictions.joined(separator: "; "),
        ])
      }
      return csvResponse(csv.text, fileName: "who-may-teach-\(course).csv")
    }
    let name = result.course.map { "\(course) \($0.name)" } ?? course
    return try page(
      req, title: "Who may teach \(course)",
      .group(
        .h1(.text("Who may teach \(name)\(grade.map { " in grade \($0.code)" } ?? "")?")),
        .p(
          .text(
            "Valid documents as of \(result.asOf), matched against the CTC course → authorization crosswalk (\(result.rules.count) rules for this course)."
          )),
        .p(.id("result-count"), .text("\(Format.number(result.candidates.count)) educators")),
        .if(
          viewer.has(.exportData),
          .a(
            .id("export-csv"), .class("button secondary"),
            .href(
              "/credentials/who-may-teach".withQuery([
                ("course", course), ("grade", gradeText), ("district", districtText), ("format", "csv"),
              ])), .text("Export CSV"))),
        .table(
          .id("candidates"),
          .caption("Educators whose valid documents authorize the course"),
          .thead(.tr(.th("Name"), .th("School"), .th("Document"), .th("Authorization"), .th("Restrictions"))),
          .tbody(
            .forEach(result.candidates) { c in
              .tr(
                .td(.a(.href(SiteURL.educator(c.educator.id).path), .text(c.educator.sortName))),
                .td(.text(c.schools.joined(separator: "; "))),
                .td(.text("\(c.entry.document.title) \(c.entry.document.documentNumber)")),
                .td(
                  .text(
                    [
                      c.entry.rule.authorizationCode.isEmpty
                        ? c.entry.rule.documentTitle : c.entry.rule.authorizationCode, c.entry.rule.subjectName,
                    ].filter { !$0.isEmpty }.joined(separator: " "))),
                .td(.text(c.entry.rule.restrictions.joined(separator: "; "))))
            })
        ),
        whoMayTeachForm(course: course, grade: gradeText, district: districtText)
      ))
  }

  static func table(
    _ id: String, caption: String, list: Page<HeldDocument>, window: ListWindow, path: String,
    filter: [(String, String?)],
    exportable: Bool, row: (HeldDocument) -> Node<HTML.TableRowContext>
  ) -> Node<HTML.BodyContext> {
    DataTable(
      id: id, caption: caption,
      columns: [
        .init(key: "name", label: "Name", sortable: false), .init(key: "seid", label: "SEID", sortable: false),
        .init(key: "document", label: "Document", sortable: false), .init(key: "term", label: "Term", sortable: false),
        .init(key: "expiration", label: "Expires", sortable: false),
        .init(key: "status", label: "Status", sortable: false),
        .init(key: "renewal", label: "Renewal requirements", sortable: false),
        .init(key: "action", label: "", sortable: false),
      ],
      rows: list.items.map(row), basePath: path, filter: filter, window: window, total: list.total,
      pageCount: list.pageCount, exportable: exportable
    ).render()
  }
}
