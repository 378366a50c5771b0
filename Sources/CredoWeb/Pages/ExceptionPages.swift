import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// The exception review (CalSAAS-style) between districts and the county office: the list with school workloads,
/// one exception's page with its finding, deadlines, history, evidence and the steps the viewer may take, and the
/// cycle's dates. Each handler parses, calls one `ExceptionReview` use case and renders.
enum ExceptionPages {
  static func register(on routes: any RoutesBuilder) {
    routes.get("monitoring", "exceptions", use: list)
    routes.get("monitoring", "exceptions", ":year", ":key", use: show)
    routes.post("monitoring", "exceptions", ":year", ":key", "steps", use: step)
    routes.post("monitoring", "exceptions", ":year", ":key", "complaint", use: complaint)
    routes.on(
      .POST, "monitoring", "exceptions", ":year", ":key", "evidence",
      body: .collect(maxSize: ByteCount(value: ExceptionReview.maxEvidenceBytes + 256 * 1024)), use: attach)
    routes.get("monitoring", "evidence", ":id", use: download)
    routes.get("monitoring", "cycle", use: cycle)
    routes.post("monitoring", "cycle", use: saveCycle)
  }

  static func registerAPI(on api: any RoutesBuilder) {
    api.get("monitoring", "exceptions", use: apiList)
    api.get("monitoring", "exceptions", ":year", ":key", use: apiShow)
    api.post("monitoring", "exceptions", ":year", ":key", "steps", use: apiStep)
  }

  // MARK: Addresses

  /// Outcome keys hold `|` and spaces; in paths they travel as base64url.
  static func path(_ year: SchoolYear, _ key: String) -> String {
    "/monitoring/exceptions/\(year)/\(encode(key))"
  }

  static func encode(_ key: String) -> String {
    Data(key.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  static func decode(_ text: String) -> String? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    return Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) }
  }

  static func target(_ req: Request) throws -> (SchoolYear, String) {
    guard let year = req.parameters.get("year").flatMap(SchoolYear.init(parsing:)),
      let key = req.parameters.get("key").flatMap(decode)
    else { throw CoreError.notFound("Exception") }
    return (year, key)
  }

  static func year(_ req: Request) -> SchoolYear {
    req.queryText("year").flatMap(SchoolYear.init(parsing:)) ?? req.services.schoolYear
  }

  // MARK: List

  struct Query {
    var filter: ExceptionFilter
    var items: [(String, String?)]

    init(_ req: Request, year: SchoolYear) {
      let place = req.queryText("school") ?? req.queryText("district")
      let type = req.queryText("type")
      let status = req.queryText("status").flatMap(ExceptionStatus.init(rawValue:))
      let determination = req.queryText("determination").flatMap(Determination.init(rawValue:))
      let seid = req.queryText("seid")
      let resolved = req.queryText("resolved") == "1"
      filter = ExceptionFilter(
        cdsPrefix: place?.filter(\.isNumber), exceptionType: type, reviewStatus: status, determination: determination,
        seid: seid, includeResolved: resolved)
      items = [
        ("year", year.description), ("school", req.queryText("school")), ("district", req.queryText("district")),
        ("type", type), ("status", status?.rawValue), ("determination", determination?.rawValue), ("seid", seid),
        ("resolved", resolved ? "1" : nil),
      ]
    }
  }

  static let csvHeader = [
    "academic_year", "cds_code", "school", "seid", "teacher", "local_course_id", "section_id", "academic_term",
    "state_course_code", "assignment_code", "status", "exception_type", "detail", "rule", "review_status",
    "proposed_determination", "determination", "determined_on", "explanation",
  ]

  static let exceptionTypes: [(String, String)] =
    [("", "Any")] + ExceptionType.allCases.map { ($0.rawValue, $0.label) } + [("vacancy", "Vacancy")]

  static func list(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let year = year(req)
    let query = Query(req, year: year)
    let export = req.wantsCSV
    let params = ListParameters(
      req, defaultSort: "school", allowed: ExceptionRepository.sortColumns, forExport: export)
    let result = try await ExceptionReview(req.services).list(
      year: year, filter: query.filter, window: params.window, by: viewer)
    if export {
      var csv = CSVWriter(header: csvHeader)
      for item in result.page.items {
        let o = item.outcome
        csv.append([
          o.academicYear, o.cdsCode, result.schoolNames[o.cdsCode] ?? "", o.seid,
          result.teacherNames[o.seid]?.sortName ?? "", o.localCourseId, o.sectionId, o.academicTerm,
          o.stateCourseCode, o.assignmentCode, o.status, o.exceptionType, o.detail, o.rule,
          item.review.status.rawValue, item.review.proposedDetermination?.rawValue ?? "",
          item.review.determination?.rawValue ?? "", item.review.determinedOn?.iso ?? "", o.explanation,
        ])
      }
      return csvResponse(csv.text, fileName: "exceptions-\(year).csv")
    }
    let table = DataTable(
      id: "exceptions", caption: "Exceptions and vacancies, \(year)",
      columns: [
        .init(key: "school", label: "School"), .init(key: "seid", label: "Teacher"),
        .init(key: "course", label: "Course or service"), .init(key: "type", label: "Exception"),
        .init(key: "rule", label: "Reason"), .init(key: "status", label: "Review status"),
        .init(key: "determination", label: "Determination", sortable: false),
      ],
      rows: result.page.items.map { row($0, result) }, basePath: "/monitoring/exceptions", filter: query.items,
      window: params.window, total: result.page.total, pageCount: result.page.pageCount,
      exportable: viewer.has(.exportData))
    let open = result.workload.filter { $0.open > 0 }
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href("/monitoring"), .text("Monitoring")), .text(" › "),
        .span(.attribute(named: "aria-current", value: "page"), .text("Exceptions"))),
      .h1(.text("Exceptions, \(year)")),
      cycleSummary(result.cycle, today: result.today),
      .form(
        .method(.get), .action("/monitoring/exceptions"), .class("filters"),
        .attribute(named: "role", value: "search"),
        textField("year", label: "Academic year", value: year.description, hint: "e.g. 2025-2026"),
        textField(
          "school", label: "District or school code", value: query.filter.cdsPrefix ?? "",
          hint: "7-digit district or 14-digit school"),
        selectField("type", label: "Exception type", options: exceptionTypes, selected: query.filter.exceptionType),
        selectField(
          "status", label: "Review status",
          options: [("", "Any")] + ExceptionStatus.allCases.map { ($0.rawValue, $0.label) },
          selected: query.filter.reviewStatus?.rawValue),
        selectField(
          "determination", label: "Determination",
          options: [("", "Any")] + Determination.allCases.map { ($0.rawValue, $0.label) },
          selected: query.filter.determination?.rawValue),
        textField("seid", label: "SEID", value: query.filter.seid ?? ""),
        .div(
          .class("field"),
          .selfClosedElement(
            named: "input",
            attributes: [.type(.checkbox), .name("resolved"), .value("1"), .id("resolved")]
              + (query.filter.includeResolved ? [.attribute(named: "checked", value: "checked")] : [])),
          .label(.for("resolved"), .text("Include corrected"))),
        .button(.type(.submit), .id("filter-submit"), .text("Filter"))
      ),
      .if(
        !open.isEmpty,
        .section(
          .h2("Workload by school"),
          BarChart(
            title: "Exceptions waiting on a district or the county office, by school",
            bars: open.prefix(15).map { ($0.schoolName, $0.open) }
          ).render(),
          workloadTable(result.workload, year: year))),
      table.render()
    )
    return Layout(title: "Exceptions", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/monitoring")
      .render(content).response()
  }

  static func workloadTable(_ workload: [SchoolWorkload], year: SchoolYear) -> Node<HTML.BodyContext> {
    let statuses = ExceptionStatus.allCases
    return .div(
      .class("table-scroll"),
      .table(
        .id("workload"),
        .caption(.text("Review status by school")),
        .thead(
          .tr(
            .th(.attribute(named: "scope", value: "col"), .text("School")),
            .forEach(statuses) { .th(.attribute(named: "scope", value: "col"), .text($0.label)) },
            .th(.attribute(named: "scope", value: "col"), .text("Total")))),
        .tbody(
          .forEach(workload) { school in
            .tr(
              .th(
                .attribute(named: "scope", value: "row"),
                .a(
                  .href("/monitoring/exceptions".withQuery([("year", year.description), ("school", school.cdsCode)])),
                  .text(school.schoolName))),
              .forEach(statuses) { status in
                .td(
                  .class("number"),
                  .text(school.byStatus[status].map(Format.number) ?? "–"))
              },
              .td(.class("number"), .text(Format.number(school.total))))
          })
      ))
  }

  static func row(_ item: ExceptionItem, _ result: ExceptionList) -> Node<HTML.TableRowContext> {
    let o = item.outcome
    let teacher = result.teacherNames[o.seid]
    return .group(
      .td(.text(result.schoolNames[o.cdsCode] ?? o.cdsCode)),
      .td(
        .if(teacher != nil, .text(teacher?.sortName ?? ""), else: .text(o.seid.isEmpty ? "Vacant" : "")),
        .if(!o.seid.isEmpty, .span(.class("hint"), .text(" \(o.seid)")))),
      .td(
        .a(
          .class("exception-link"), .href(path(result.year, o.outcomeKey)),
          .text(courseLabel(o)))),
      .td(.text(typeLabel(o))),
      .td(.text(o.rule)),
      .td(.text(item.review.status.label)),
      .td(
        .text(
          item.review.determination?.label
            ?? item.review.proposedDetermination.map { "Proposed: \($0.label)" } ?? "—"))
    )
  }

  static func courseLabel(_ o: StoredOutcome) -> String {
    if !o.assignmentCode.isEmpty { return "Service \(o.assignmentCode)" }
    return "\(o.stateCourseCode) · section \(o.sectionId)" + (o.academicTerm.isEmpty ? "" : " (\(o.academicTerm))")
  }

  static func typeLabel(_ o: StoredOutcome) -> String {
    if o.status == "vacancy" { return "Vacancy" }
    let type = ExceptionType(rawValue: o.exceptionType)?.label ?? o.exceptionType
    return o.detail.isEmpty ? type : "\(type) (\(o.detail))"
  }

  static func cycleSummary(_ record: CycleRecord, today: CalendarDate) -> Node<HTML.BodyContext> {
    let c = record.cycle
    return .p(
      .class("lede"), .id("cycle-summary"),
      .text(
        "Census day \(c.censusDate.iso). Determinations from \(c.monitoringStart.iso): districts through \(c.leaDeadline.iso), "
          + "the county office through \(c.monitoringAuthorityDeadline.iso); finalization \(c.finalization.iso)."
          + (record.closedOn.map { " Closed on \($0.iso)." } ?? "")
          + (c.isLEAWindowOpen(on: today) ? " The district window is open." : "")
          + (!c.isLEAWindowOpen(on: today) && c.isMonitoringAuthorityWindowOpen(on: today)
            ? " Only the county office and returned items can act now." : "")),
      .text(" "), .a(.href("/monitoring/cycle?year=\(c.academicYear)"), .text("Cycle dates")))
  }

  // MARK: One exception

  static func show(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let (year, key) = try target(req)
    let review = ExceptionReview(req.services)
    let detail = try await review.detail(year: year, outcomeKey: key, by: viewer)
    return page(
      req, detail, remedies: try await review.remedies(for: detail), errors: [:], form: [:], status: .ok)
  }

  static func page(
    _ req: Request, _ d: ExceptionDetail, remedies: [ExceptionRemedy] = [], errors: [String: String],
    form: [String: String], status: HTTPResponseStatus
  ) -> Response {
    let o = d.outcome
    let base = path(d.year, o.outcomeKey)
    let facts: [(String, Node<HTML.BodyContext>)] = [
      ("School", .text("\(d.schoolName) (\(o.cdsCode))")),
      (
        "Teacher",
        d.teacher.map { .a(.href(SiteURL.educator($0.id).path), .text("\($0.sortName) (\(o.seid))")) }
          ?? .text(o.seid.isEmpty ? "Vacant" : o.seid)
      ),
      (
        "Course or service",
        .text(courseLabel(o) + (o.localCourseId.isEmpty ? "" : ", local course \(o.localCourseId)"))
      ),
      ("Exception", .text(typeLabel(o))),
      ("Rule", .element(named: "code", text: o.rule)),
      ("Legal basis", .text(o.citation)),
      ("ESSA (TAMO) outcome", .text(TAMOOutcome(rawValue: o.tamoOutcome)?.label ?? o.tamoOutcome)),
      ("Review status", .strong(.id("review-status"), .text(d.state.status.label))),
      ("Proposed by the district", .text(d.state.proposedDetermination?.label ?? "—")),
      ("Determination", .strong(.id("determination"), .text(d.state.determination?.label ?? "—"))),
    ]
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href("/monitoring"), .text("Monitoring")), .text(" › "),
        .a(.href("/monitoring/exceptions?year=\(d.year)"), .text("Exceptions")), .text(" › "),
        .span(.attribute(named: "aria-current", value: "page"), .text(courseLabel(o)))),
      .h1(.text("\(typeLabel(o)): \(courseLabel(o))")),
      .if(
        !d.isCurrent,
        .p(
          .class("notice"),
          .text(
            "The latest monitoring run no longer raises this exception (corrected in CALPADS or by a new document)."))),
      .p(.id("explanation"), .text(o.explanation)),
      .element(
        named: "dl",
        nodes: [.attribute(named: "class", value: "facts")]
          + facts.flatMap { label, value -> [Node<HTML.BodyContext>] in
            [.element(named: "dt", text: label), .element(named: "dd", nodes: [value])]
          }),
      remedySection(remedies),
      deadlines(d),
      .if(
        !errors.isEmpty,
        .p(
          .class("error"), .attribute(named: "role", value: "alert"), .id("step-error"),
          .text(errors.values.sorted().joined(separator: " ")))),
      actionForms(req, d, base: base, errors: errors, form: form),
      history(d),
      evidence(req, d, base: base, errors: errors)
    )
    return Layout(
      title: "Exception \(courseLabel(o))", viewer: try? req.viewer, csrfToken: req.identity?.csrfToken,
      current: "/monitoring"
    ).render(content).response(status: status)
  }

  /// "What could fix it": each remedy with how soon it would clear the exception and its legal basis.
  static func remedySection(_ remedies: [ExceptionRemedy]) -> Node<HTML.BodyContext> {
    guard !remedies.isEmpty else { return .empty }
    return .section(
      .h2("What could fix it"),
      .ol(
        .id("remedies"),
        .forEach(remedies) { remedy in
          .li(
            .strong(.text("\(remedy.kind.label) · \(remedy.readiness.label): ")),
            .text(remedy.sentence),
            .if(!remedy.citation.isEmpty, .span(.class("hint"), .text(" (\(remedy.citation))"))),
            .unwrap(remedy.determination) { .text(" CalSAAS determination: \($0.label).") })
        }))
  }

  static func deadlines(_ d: ExceptionDetail) -> Node<HTML.BodyContext> {
    let c = d.cycle.cycle
    var rows: [(String, CalendarDate)] = [
      ("District determinations (60 days from the start, rule 71)", c.leaDeadline),
      ("County office determinations (90 days, rule 71)", c.monitoringAuthorityDeadline),
      ("CTC finalization; undetermined exceptions become misassignments (rule 72)", c.finalization),
    ]
    for deadline in d.deadlines {
      rows.append(("\(deadline.kind.label) (rule 73)", deadline.dueDate))
    }
    return .section(
      .h2("Deadlines"),
      .table(
        .id("deadlines"),
        .thead(.tr(.th("Deadline"), .th("Due"), .th("Days left"))),
        .tbody(
          .forEach(rows) { label, due in
            let left = d.today.days(until: due)
            return .tr(
              .td(.text(label)), .td(.text(due.iso)),
              .td(.class(left < 0 ? "error" : ""), .text(left < 0 ? "\(-left) days past" : "\(left)")))
          })))
  }

  static func actionForms(
    _ req: Request, _ d: ExceptionDetail, base: String, errors: [String: String], form: [String: String]
  ) -> Node<HTML.BodyContext> {
    guard let party = d.party else {
      return .p(
        .class("lede"),
        .text(
          "You can read this exception. District credential analysts of the LEA and county analysts of its county work it."
        ))
    }
    let actions = d.actions
    let determinations = Determination.allCases.map { ($0.rawValue, $0.label) }
    func stepForm(
      _ kind: WorkflowActionKind, _ fields: Node<HTML.FormContext>, button: String
    ) -> Node<HTML.BodyContext> {
      .form(
        .method(.post), .action(base + "/steps"), .class("step"), .id("form-\(kind.rawValue)"),
        csrfField(req.identity?.csrfToken),
        .input(.type(.hidden), .name("action"), .value(kind.rawValue)),
        .input(.type(.hidden), .name("version"), .value(String(d.review.version))),
        fields,
        .button(.type(.submit), .id("step-\(kind.rawValue)"), .text(button)))
    }
    let comment: (WorkflowActionKind, String) -> Node<HTML.FormContext> = { kind, hint in
      .div(
        .class(errors["comment"] == nil ? "field" : "field has-error"),
        .label(.for("comment-\(kind.rawValue)"), .text("Comment")),
        .if(!hint.isEmpty, .p(.class("hint"), .text(hint))),
        .textarea(
          .name("comment"), .id("comment-\(kind.rawValue)"), .attribute(named: "rows", value: "2"),
          .text(form["action"] == kind.rawValue ? form["comment"] ?? "" : "")))
    }
    let determination: (WorkflowActionKind, String) -> Node<HTML.FormContext> = { kind, label in
      let chosen = form["determination"] ?? d.state.proposedDetermination?.rawValue ?? ""
      return .div(
        .class("field"),
        .label(.for("determination-\(kind.rawValue)"), .text(label)),
        .element(
          named: "select",
          nodes: [
            .attribute(named: "name", value: "determination"),
            .attribute(named: "id", value: "determination-\(kind.rawValue)"),
          ]
            + determinations.map { value, text -> Node<HTML.BodyContext> in
              .element(
                named: "option",
                nodes: [
                  .attribute(named: "value", value: value),
                  .if(value == chosen, .attribute(named: "selected", value: "selected")),
                  .text(text),
                ])
            }))
    }
    return .section(
      .id("steps"),
      .h2(.text("Your steps (\(party.label))")),
      .if(
        actions.contains(.propose),
        stepForm(
          .propose,
          .group(determination(.propose, "Determination to propose"), comment(.propose, "Required for “Other”.")),
          button: "Save proposal")),
      .if(
        actions.contains(.sendToMonitoringAuthority),
        stepForm(
          .sendToMonitoringAuthority,
          comment(.sendToMonitoringAuthority, "Optional: what the county office should know."),
          button: d.state.status == .returnedToLEA ? "Return to the county office" : "Send to the county office")),
      .if(
        actions.contains(.acceptProposal),
        stepForm(.acceptProposal, comment(.acceptProposal, "Optional."), button: "Accept the district's proposal")),
      .if(
        actions.contains(.complete),
        stepForm(
          .complete,
          .group(
            determination(.complete, "Final determination"),
            comment(.complete, "Required when it differs from the proposal.")),
          button: "Complete")),
      .if(
        actions.contains(.returnToLEA),
        stepForm(
          .returnToLEA, comment(.returnToLEA, "Tell the district what is missing or wrong."),
          button: "Return to the district")
      ),
      .if(
        actions.contains(.override),
        stepForm(
          .override,
          .group(determination(.override, "New determination"), comment(.override, "Why the determination changes.")),
          button: "Change determination")),
      .if(actions.contains(.submitToCTC), stepForm(.submitToCTC, .empty, button: "Submit to the CTC")),
      .if(
        actions.contains(.reopen),
        stepForm(.reopen, comment(.reopen, "Why the determination is reconsidered."), button: "Reopen")),
      .if(actions.contains(.addComment), stepForm(.addComment, comment(.addComment, ""), button: "Add comment")),
      .details(
        .summary(.text("Record a complaint about this assignment")),
        .form(
          .method(.post), .action(base + "/complaint"), .id("form-complaint"),
          csrfField(req.identity?.csrfToken),
          .input(.type(.hidden), .name("version"), .value(String(d.review.version))),
          textField(
            "received_on", label: "Received on", value: form["received_on"] ?? d.today.iso,
            error: errors["received_on"], hint: "YYYY-MM-DD; the answer is due in 15 working days (rule 73)"),
          textField("note", label: "Note", value: form["note"] ?? ""),
          .button(.type(.submit), .id("complaint-submit"), .text("Record complaint"))))
    )
  }

  static func history(_ d: ExceptionDetail) -> Node<HTML.BodyContext> {
    .section(
      .h2("History"),
      .if(
        d.history.isEmpty, .p(.text("No steps yet: the exception is undetermined.")),
        else: .ol(
          .id("history"), .class("notes"),
          .forEach(d.history) { event in
            let e = event.entry
            return .li(
              .class("note"),
              .strong(.text(e.action.label)),
              .text(" · \(e.date.iso) · \(e.actor.name) (\(e.actor.party.label))"),
              .if(e.from != e.to, .text(" · \(e.from.label) → \(e.to.label)")),
              .unwrap(e.determination) { .text(" · \($0.label)") },
              .if(!e.comment.isEmpty, .p(.text(e.comment))))
          })))
  }

  static func evidence(
    _ req: Request, _ d: ExceptionDetail, base: String, errors: [String: String]
  ) -> Node<HTML.BodyContext> {
    .section(
      .h2("Evidence"),
      .if(
        d.evidence.isEmpty, .p(.text("No files attached.")),
        else: .ul(
          .id("evidence"),
          .forEach(d.evidence) { file in
            .li(
              .a(.href("/monitoring/evidence/\(file.id.uuidString.lowercased())"), .text(file.fileName)),
              .text(
                " · \(ByteCountFormatter.string(fromByteCount: Int64(file.size), countStyle: .file)) · \(file.uploadedBy), \(Format.instant(file.uploadedAt))"
              ),
              .if(!file.description.isEmpty, .text(" · \(file.description)")))
          })),
      .if(
        d.party != nil,
        .form(
          .method(.post), .action(base + "/evidence"), .id("form-evidence"),
          .attribute(named: "enctype", value: "multipart/form-data"),
          csrfField(req.identity?.csrfToken),
          .div(
            .class(errors["file"] == nil ? "field" : "field has-error"),
            .label(.for("evidence-file"), .text("File")),
            .p(.class("hint"), .text("PDF, PNG, JPEG, TXT, CSV, DOCX or XLSX; at most 10 MB.")),
            .input(.type(.file), .name("file"), .id("evidence-file"))),
          textField("description", label: "What it shows", value: "", hint: "e.g. signed consent, board minutes"),
          .button(.type(.submit), .id("evidence-submit"), .text("Attach file"))))
    )
  }

  static func step(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let (year, key) = try target(req)
    let posted = try req.content.decode([String: String].self)
    let review = ExceptionReview(req.services)
    do {
      let action = try parseAction(posted)
      try await review.act(
        action, year: year, outcomeKey: key, expectedVersion: Int(posted["version"] ?? "") ?? -1, by: viewer)
      return req.redirect(to: path(year, key))
    } catch CoreError.invalid(let problems) {
      let detail = try await review.detail(year: year, outcomeKey: key, by: viewer)
      return page(
        req, detail,
        errors: Dictionary(grouping: problems, by: \.field).mapValues { $0.map(\.message).joined(separator: " ") },
        form: posted, status: .unprocessableEntity)
    }
  }

  /// A workflow step from form or JSON fields: `action`, `determination`, `comment`.
  static func parseAction(_ fields: [String: String]) throws -> WorkflowAction {
    let comment = fields["comment"] ?? ""
    let determination = fields["determination"].flatMap(Determination.init(rawValue:))
    func needsDetermination() throws -> Determination {
      guard let determination else {
        throw CoreError.invalid([
          FieldProblem(
            field: "determination",
            message: "Choose a determination: \(Determination.allCases.map(\.rawValue).joined(separator: ", ")).")
        ])
      }
      return determination
    }
    switch fields["action"].flatMap(WorkflowActionKind.init(rawValue:)) {
    case .propose: return .propose(try needsDetermination(), comment: comment)
    case .sendToMonitoringAuthority: return .sendToMonitoringAuthority(comment: comment)
    case .returnToLEA: return .returnToLEA(comment: comment)
    case .complete: return .complete(try needsDetermination(), comment: comment)
    case .acceptProposal: return .acceptProposal(comment: comment)
    case .override: return .override(try needsDetermination(), comment: comment)
    case .submitToCTC: return .submitToCTC
    case .reopen: return .reopen(comment: comment)
    case .addComment: return .addComment(comment)
    case .finalize, .cycleClose, nil:
      throw CoreError.invalid([
        FieldProblem(
          field: "action",
          message:
            "Unknown step; use one of propose, send_to_monitoring_authority, return_to_lea, complete, accept_proposal, override, submit_to_ctc, reopen, add_comment."
        )
      ])
    }
  }

  static func complaint(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let (year, key) = try target(req)
    let posted = try req.content.decode([String: String].self)
    let review = ExceptionReview(req.services)
    do {
      guard
        let received = posted["received_on"].flatMap({ CalendarDate(parsing: $0.trimmingCharacters(in: .whitespaces)) })
      else {
        throw CoreError.invalid([FieldProblem(field: "received_on", message: "Give the date as YYYY-MM-DD.")])
      }
      try await review.recordComplaint(
        year: year, outcomeKey: key, receivedOn: received, note: posted["note"] ?? "",
        expectedVersion: Int(posted["version"] ?? "") ?? -1, by: viewer)
      return req.redirect(to: path(year, key))
    } catch CoreError.invalid(let problems) {
      let detail = try await review.detail(year: year, outcomeKey: key, by: viewer)
      return page(
        req, detail, errors: Dictionary(grouping: problems, by: \.field).mapValues { $0.map(\.message).joined() },
        form: posted, status: .unprocessableEntity)
    }
  }

  struct Upload: Content {
    var file: File?
    var description: String?
  }

  static func attach(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let (year, key) = try target(req)
    let review = ExceptionReview(req.services)
    let upload = try? req.content.decode(Upload.self)
    do {
      let data = upload?.file.map { Data(buffer: $0.data) } ?? Data()
      _ = try await review.attachEvidence(
        year: year, outcomeKey: key, fileName: upload?.file?.filename ?? "", content: data,
        description: upload?.description ?? "", by: viewer)
      return req.redirect(to: path(year, key))
    } catch CoreError.invalid(let problems) {
      let detail = try await review.detail(year: year, outcomeKey: key, by: viewer)
      return page(
        req, detail, errors: Dictionary(grouping: problems, by: \.field).mapValues { $0.map(\.message).joined() },
        form: [:], status: .unprocessableEntity)
    }
  }

  static func download(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
      throw CoreError.notFound("Evidence file")
    }
    let (file, content) = try await ExceptionReview(req.services).evidenceFile(id: id, by: viewer)
    let response = Response(status: .ok, body: .init(data: content))
    response.headers.replaceOrAdd(name: .contentType, value: file.contentType)
    let safeName = file.fileName.replacingOccurrences(of: "\"", with: "")
    response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safeName)\"")
    return response
  }

  // MARK: Cycle

  static func cycle(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let year = year(req)
    let record = try await ExceptionReview(req.services).cycle(year: year)
    return cyclePage(req, viewer: viewer, record: record, errors: [:], form: [:], status: .ok)
  }

  static func cyclePage(
    _ req: Request, viewer: Viewer, record: CycleRecord, errors: [String: String], form: [String: String],
    status: HTTPResponseStatus
  ) -> Response {
    let c = record.cycle
    let canEdit = viewer.roles.contains { [.systemAdministrator, .countyCredentialAnalyst].contains($0.role) }
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href("/monitoring"), .text("Monitoring")), .text(" › "),
        .span(.attribute(named: "aria-current", value: "page"), .text("Cycle \(c.academicYear)"))),
      .h1(.text("Monitoring cycle \(c.academicYear)")),
      .p(
        .text(
          "CalSAAS monitors a year from 1 August after it: districts determine within 60 days, the county office within 90, and the CTC finalizes on 1 November (rule 71). A county office reviewing year-round sets its own dates here."
        )),
      cycleSummary(record, today: req.services.today.date),
      .if(
        canEdit && record.closedOn == nil,
        .form(
          .method(.post), .action("/monitoring/cycle"), .id("form-cycle"),
          csrfField(req.identity?.csrfToken),
          .input(.type(.hidden), .name("year"), .value(c.academicYear.description)),
          textField(
            "monitoring_start", label: "Monitoring starts", value: form["monitoring_start"] ?? c.monitoringStart.iso,
            error: errors["monitoring_start"], hint: "YYYY-MM-DD"),
          textField(
            "lea_window_days", label: "District window (days)",
            value: form["lea_window_days"] ?? String(c.leaWindowDays), error: errors["lea_window_days"]),
          textField(
            "authority_window_days", label: "County office window (days)",
            value: form["authority_window_days"] ?? String(c.monitoringAuthorityWindowDays),
            error: errors["authority_window_days"]),
          textField(
            "finalization", label: "Finalization", value: form["finalization"] ?? c.finalization.iso,
            error: errors["finalization"], hint: "YYYY-MM-DD; empty for 1 November or the day after the window"),
          .button(.type(.submit), .id("cycle-submit"), .text("Save cycle dates")))),
      .if(
        record.closedOn == nil,
        .p(
          .class("hint"),
          .text(
            "Closing the cycle (on or after finalization) makes every undetermined exception a misassignment: run "),
          .element(named: "code", text: "credo cycle close --year \(c.academicYear)"), .text(".")))
    )
    return Layout(title: "Monitoring cycle", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/monitoring")
      .render(content).response(status: status)
  }

  static func saveCycle(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let posted = try req.content.decode([String: String].self)
    guard let year = posted["year"].flatMap(SchoolYear.init(parsing:)) else { throw CoreError.notFound("Cycle") }
    let review = ExceptionReview(req.services)
    do {
      var problems: [FieldProblem] = []
      let start = posted["monitoring_start"].flatMap { CalendarDate(parsing: $0.trimmingCharacters(in: .whitespaces)) }
      if start == nil {
        problems.append(FieldProblem(field: "monitoring_start", message: "Give the date as YYYY-MM-DD."))
      }
      let lea = Int(posted["lea_window_days"]?.trimmingCharacters(in: .whitespaces) ?? "")
      if lea == nil { problems.append(FieldProblem(field: "lea_window_days", message: "Give a number of days.")) }
      let authority = Int(posted["authority_window_days"]?.trimmingCharacters(in: .whitespaces) ?? "")
      if authority == nil {
        problems.append(FieldProblem(field: "authority_window_days", message: "Give a number of days."))
      }
      let finalizationText = posted["finalization"]?.trimmingCharacters(in: .whitespaces) ?? ""
      let finalization = CalendarDate(parsing: finalizationText)
      if !finalizationText.isEmpty && finalization == nil {
        problems.append(FieldProblem(field: "finalization", message: "Give the date as YYYY-MM-DD, or leave it empty."))
      }
      guard problems.isEmpty, let start, let lea, let authority else { throw CoreError.invalid(problems) }
      try await review.setCycle(
        year: year, monitoringStart: start, leaWindowDays: lea, authorityWindowDays: authority,
        finalization: finalization, by: viewer)
      return req.redirect(to: "/monitoring/cycle?year=\(year)")
    } catch CoreError.invalid(let problems) {
      return cyclePage(
        req, viewer: viewer, record: try await review.cycle(year: year),
        errors: Dictionary(grouping: problems, by: \.field).mapValues { $0.map(\.message).joined(separator: " ") },
        form: posted, status: .unprocessableEntity)
    }
  }

  // MARK: JSON API

  struct ExceptionJSON: Content {
    var academic_year: String
    var outcome_key: String
    var url: String
    var cds_code: String
    var seid: String
    var state_course_code: String
    var assignment_code: String
    var section_id: String
    var status: String
    var exception_type: String
    var detail: String
    var rule: String
    var citation: String
    var explanation: String
    var review_status: String
    var proposed_determination: String?
    var determination: String?
    var version: Int

    init(_ o: StoredOutcome, _ review: ExceptionReviewSummary, year: SchoolYear) {
      academic_year = o.academicYear
      outcome_key = o.outcomeKey
      url = ExceptionPages.path(year, o.outcomeKey)
      cds_code = o.cdsCode
      seid = o.seid
      state_course_code = o.stateCourseCode
      assignment_code = o.assignmentCode
      section_id = o.sectionId
      status = o.status
      exception_type = o.exceptionType
      detail = o.detail
      rule = o.rule
      citation = o.citation
      explanation = o.explanation
      review_status = review.status.rawValue
      proposed_determination = review.proposedDetermination?.rawValue
      determination = review.determination?.rawValue
      version = review.version
    }
  }

  struct ExceptionPageJSON: Content {
    var total: Int
    var page: Int
    var per_page: Int
    var items: [ExceptionJSON]
  }

  static func apiList(_ req: Request) async throws -> ExceptionPageJSON {
    let viewer = try req.viewer
    let year = year(req)
    let query = Query(req, year: year)
    let params = ListParameters(req, defaultSort: "school", allowed: ExceptionRepository.sortColumns, forExport: false)
    let result = try await ExceptionReview(req.services).list(
      year: year, filter: query.filter, window: params.window, by: viewer)
    return ExceptionPageJSON(
      total: result.page.total, page: result.page.page, per_page: result.page.perPage,
      items: result.page.items.map { ExceptionJSON($0.outcome, $0.review, year: year) })
  }

  struct HistoryJSON: Content {
    var date: String
    var party: String
    var actor: String
    var action: String
    var from: String
    var to: String
    var determination: String?
    var comment: String
  }

  struct ExceptionDetailJSON: Content {
    var exception: ExceptionJSON
    var actions: [String]
    var history: [HistoryJSON]
  }

  static func apiShow(_ req: Request) async throws -> ExceptionDetailJSON {
    let viewer = try req.viewer
    let (year, key) = try target(req)
    let d = try await ExceptionReview(req.services).detail(year: year, outcomeKey: key, by: viewer)
    return detailJSON(d)
  }

  static func detailJSON(_ d: ExceptionDetail) -> ExceptionDetailJSON {
    ExceptionDetailJSON(
      exception: ExceptionJSON(d.outcome, d.review, year: d.year), actions: d.actions.map(\.rawValue),
      history: d.history.map {
        let e = $0.entry
        return HistoryJSON(
          date: e.date.iso, party: e.actor.party.rawValue, actor: e.actor.name, action: e.action.rawValue,
          from: e.from.rawValue, to: e.to.rawValue, determination: e.determination?.rawValue, comment: e.comment)
      })
  }

  struct StepJSON: Content {
    var action: String
    var determination: String?
    var comment: String?
    var version: Int
  }

  static func apiStep(_ req: Request) async throws -> ExceptionDetailJSON {
    let viewer = try req.viewer
    let (year, key) = try target(req)
    let step = try req.content.decode(StepJSON.self)
    var fields = ["action": step.action, "comment": step.comment ?? ""]
    fields["determination"] = step.determination
    let review = ExceptionReview(req.services)
    try await review.act(
      try parseAction(fields), year: year, outcomeKey: key, expectedVersion: step.version, by: viewer)
    return detailJSON(try await review.detail(year: year, outcomeKey: key, by: viewer))
  }
}
