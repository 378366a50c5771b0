import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// The reference catalog's pages: which documents authorize a course, what an authorization covers. Any
/// signed-in user may browse it (the tables are public facts); exports need the export permission.
enum CatalogPages {
  static let root = "/catalog"
  static let coursesPath = "/catalog/courses"
  static func coursePath(_ code: String) -> String { "/catalog/courses/\(escape(code))" }
  static func authorizationPath(_ code: String) -> String { "/catalog/authorizations/\(escape(code))" }

  private static func escape(_ segment: String) -> String {
    segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#"])) ?? segment
  }

  static let courseCSVHeader = [
    "code", "name", "content_area_code", "content_area", "grade_low", "grade_high", "ap", "ib", "cte_sectors",
    "first_year", "last_year",
  ]

  static func register(on routes: any RoutesBuilder) {
    routes.get("catalog", use: index)
    routes.get("catalog", "courses", use: courses)
    routes.get("catalog", "courses", ":code", use: course)
    routes.get("catalog", "authorizations", ":code", use: authorization)
  }

  static func registerAPI(on routes: any RoutesBuilder) {
    routes.get("catalog", "courses", ":code", use: apiCourse)
    routes.get("catalog", "authorizations", ":code", use: apiAuthorization)
  }

  static func layout(_ req: Request, _ title: String, _ content: Node<HTML.BodyContext>) throws -> Response {
    Layout(title: title, viewer: try req.viewer, csrfToken: req.identity?.csrfToken, current: root)
      .render(content).response()
  }

  static func breadcrumbs(_ items: [(String, String)]) -> Node<HTML.BodyContext> {
    .nav(
      .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
      .forEach(items) { item in .group(.a(.href(item.1), .text(item.0)), .text(" › ")) }
    )
  }

  /// "Source, as of, version" for one table, under the facts it supplied.
  static func provenance(_ catalog: ReferenceCatalog, _ kinds: [CatalogKind]) -> Node<HTML.BodyContext> {
    .p(
      .class("note"),
      .forEach(kinds.compactMap { catalog.tables[$0] }) { info in
        .group(
          .text("\(info.kind.label): \(info.source), as of \(info.asOf.iso), version \(info.version)."),
          .br()
        )
      }
    )
  }

  // MARK: Index

  static func index(_ req: Request) async throws -> Response {
    _ = try req.viewer
    let catalog = try await Catalog(req.services).current()
    let content: Node<HTML.BodyContext> = .group(
      .h1("Reference catalog"),
      .p(
        .class("lede"),
        .text(
          "CALPADS course and assignment codes and the CTC course → authorization crosswalk that Credo checks assignments against. Each table records its source and as-of date; administrators load newer versions with "
        ), .code("credo catalog import KIND FILE"), .text(".")),
      .form(
        .method(.get), .action(coursesPath), .class("filters"), .attribute(named: "role", value: "search"),
        textField("q", label: "Course code or name", value: ""),
        .button(.type(.submit), .text("Find courses"))
      ),
      .h2("Tables"),
      .div(
        .class("table-scroll"),
        .table(
          .id("catalog-tables"),
          .caption("Catalog tables in use"),
          headerRow("Table", "Version", "Rows", "As of", "Source", "Loaded"),
          .tbody(
            .forEach(CatalogKind.allCases.compactMap { catalog.tables[$0] }) { info in
              .tr(
                .td(.text(info.kind.label), .br(), .code(.text(info.kind.rawValue))),
                .td(.text(String(info.version))),
                .td(.text(Format.number(info.rowCount))),
                .td(.text(info.asOf.iso)),
                .td(.text(info.source), .forEach(info.notes) { .group(.br(), .small(.text($0))) }),
                .td(
                  .text(
                    info.importedBy.map { by in "by \(by)" + (info.importedAt.map { " " + Format.instant($0) } ?? "") }
                      ?? "bundled with Credo"))
              )
            })
        )
      ),
      .h2("Authorization codes"),
      .div(
        .class("table-scroll"),
        .table(
          .id("authorization-codes"),
          .caption("CTC authorization codes"),
          headerRow("Code", "Name", "Documents", "Courses", "Note"),
          .tbody(
            .forEach(catalog.authorizationCodes) { code in
              .tr(
                .td(.a(.href(authorizationPath(code.code)), .text(code.code))),
                .td(.text(code.name)),
                .td(.text(code.documentCodes.joined(separator: ", "))),
                .td(.text(Format.number(Set(catalog.courses(authorizedBy: code.code).map(\.courseCode)).count))),
                .td(.text(code.note))
              )
            })
        )
      ),
      .p(.class("note"), .text("Catalog versions in use: \(catalog.versionStamp)"))
    )
    return try layout(req, "Reference catalog", content)
  }

  // MARK: Courses

  struct CourseQuery {
    var filter: CourseFilter
    var items: [(String, String?)]

    init(_ req: Request) {
      let today = req.services.today.date
      let text = req.queryText("q")
      let area = req.queryText("area")
      let active = req.queryText("active").flatMap { ["yes": true, "no": false][$0] }
      filter = CourseFilter(text: text, contentArea: area, active: active, year: SchoolYear(containing: today))
      items = [("q", text), ("area", area), ("active", active.map { $0 ? "yes" : "no" })]
    }
  }

  static func courses(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let export = req.wantsCSV
    if export { _ = try viewer.require(.exportData, "exporting the course catalog") }
    let query = CourseQuery(req)
    let params = ListParameters(req, defaultSort: "code", allowed: Catalog.courseSortKeys, forExport: export)
    let catalog = try await Catalog(req.services).current()
    let page = try await Catalog(req.services).courses(query.filter, window: params.window)
    if export {
      var csv = CSVWriter(header: courseCSVHeader)
      for c in page.items {
        csv.append([
          c.code, c.name, c.contentArea.code, c.contentArea.name, c.gradeLow.code, c.gradeHigh.code, c.isAP ? "Y" : "N",
          c.isIB ? "Y" : "N", c.cteSectorCodes.joined(separator: " "), c.years.first.description,
          c.years.last?.description ?? "",
        ])
      }
      return csvResponse(csv.text, fileName: "state-courses.csv")
    }
    let year = query.filter.year
    let table = DataTable(
      id: "courses", caption: "CALPADS state course codes",
      columns: [
        .init(key: "code", label: "Code"), .init(key: "name", label: "Name"), .init(key: "area", label: "Content area"),
        .init(key: "grades", label: "Grades"), .init(key: "first", label: "First year"),
        .init(key: "last", label: "Last year"), .init(key: "rules", label: "Authorizations", sortable: false),
      ],
      rows: page.items.map { c in
        .group(
          .td(.a(.href(coursePath(c.code)), .text(c.code))),
          .td(.text(c.name)),
          .td(.text(c.contentArea.name)),
          .td(.text(c.gradeBand)),
          .td(.text(c.years.first.description)),
          .td(.text(c.years.last?.description ?? "in use")),
          .td(.text(Format.number(catalog.authorizations(forCourse: c.code).count)))
        )
      }, basePath: coursesPath, filter: query.items, window: params.window, total: page.total,
      pageCount: page.pageCount, exportable: viewer.has(.exportData))
    let content: Node<HTML.BodyContext> = .group(
      breadcrumbs([("Catalog", root)]),
      .h1("State course codes"),
      .form(
        .method(.get), .action(coursesPath), .class("filters"), .attribute(named: "role", value: "search"),
        textField("q", label: "Code or name", value: query.filter.text ?? ""),
        selectField(
          "area", label: "Content area",
          options: [("", "Any")] + catalog.contentAreas.map { ($0.code, "\($0.code) \($0.name)") },
          selected: query.filter.contentArea),
        selectField(
          "active", label: "In use in \(year)",
          options: [("", "Any"), ("yes", "In use"), ("no", "No longer in use")],
          selected: query.items.first { $0.0 == "active" }?.1 ?? nil),
        .button(.type(.submit), .id("filter-submit"), .text("Filter"))
      ),
      table.render(),
      provenance(catalog, [.stateCourses, .courseAuthorizations])
    )
    return try layout(req, "State course codes", content)
  }

  static func courseCode(_ req: Request) throws -> String {
    guard let code = req.parameters.get("code")?.trimmingCharacters(in: .whitespaces),
      code.count >= 4, code.prefix(4).allSatisfy(\.isASCIIDigit)
    else { throw Abort(.notFound, reason: "A state course code is four digits, such as 9325.") }
    return String(code.prefix(4))
  }

  static func course(_ req: Request) async throws -> Response {
    _ = try req.viewer
    let code = try courseCode(req)
    let catalog = try await Catalog(req.services).current()
    let course = catalog.course(code)
    let rules = catalog.authorizations(forCourse: code)
    guard course != nil || !rules.isEmpty else {
      throw Abort(.notFound, reason: "Course \(code) is not in the CALPADS course table or the CTC crosswalk.")
    }
    let year = SchoolYear(containing: req.services.today.date)
    let range = catalog.gradeRange(forCourse: code)
    let subcategories = catalog.subcategories(forCourse: code)
    let title = "\(code) \(course?.name ?? "")".trimmingCharacters(in: .whitespaces)
    let content: Node<HTML.BodyContext> = .group(
      breadcrumbs([("Catalog", root), ("State course codes", coursesPath)]),
      .h1(.text(title)),
      .unwrap(course) { c in
        .dl(
          .class("facts"),
          .dt("Content area"), .dd(.text("\(c.contentArea.code) \(c.contentArea.name)")),
          .dt("Grade band"), .dd(.text(c.gradeBand)),
          .dt("Standards grade ranges"),
          .dd(.text(range.map { $0.labels.joined(separator: ", ") } ?? "not listed")),
          .dt("In use"),
          .dd(.text("\(c.years.description)\(c.isActive(in: year) ? "" : " (not valid in \(year))")")),
          .if(
            c.isAP || c.isIB,
            .group(
              .dt("Program"),
              .dd(.text([c.isAP ? "AP" : "", c.isIB ? "IB" : ""].filter { !$0.isEmpty }.joined(separator: ", "))))),
          .if(
            !c.cteSectorNames.isEmpty,
            .group(
              .dt("CTE sector"),
              .dd(
                .text(
                  c.cteSectorNames.joined(separator: "; ")
                    + (c.ctePathwayCodes.isEmpty ? "" : " (pathways \(c.ctePathwayCodes.joined(separator: ", ")))")))))
        )
      },
      .if(course == nil, .p(.class("notice"), .text("Course \(code) is not in the CALPADS state course table."))),
      .section(
        .h2(.text("Which documents authorize course \(code)")),
        .if(rules.isEmpty, .p(.text("The CTC crosswalk lists no document for this course."))),
        .if(!rules.isEmpty, ruleTable(rules, catalog: catalog, showCourse: false, id: "authorizations"))
      ),
      .if(
        !subcategories.isEmpty,
        .section(
          .h2("Content subcategories"),
          .ul(
            .id("subcategories"),
            .forEach(subcategories) { s in .li(.code(.text(s.code)), .text(" \(s.name)")) }
          )
        )),
      provenance(catalog, [.stateCourses, .courseGradeRanges, .courseSubcategories, .courseAuthorizations])
    )
    return try layout(req, title, content)
  }

  static func ruleTable(
    _ rules: [CourseAuthorizationRule], catalog: ReferenceCatalog, showCourse: Bool, id: String
  ) -> Node<HTML.BodyContext> {
    func header(_ label: String) -> Node<HTML.TableRowContext> {
      .th(.attribute(named: "scope", value: "col"), .text(label))
    }
    return .div(
      .class("table-scroll"),
      .table(
        .id(id),
        .thead(
          .tr(
            .if(showCourse, .group(header("Course"), header("Name"))),
            .if(!showCourse, header("Document")),
            .if(!showCourse, header("Authorization")),
            header("Subject"), header("Coverage"), header("Restrictions"),
            .if(!showCourse, header("Subcategory"))
          )),
        .tbody(
          .forEach(rules) { rule in
            let documents = rule.documentCodes.map { code in
              catalog.documentType(code).map { "\(code) \($0.name)" } ?? code
            }
            let subcategory = catalog.subcategory(for: rule)
            return .tr(
              .if(
                showCourse,
                .group(
                  .td(.a(.href(coursePath(rule.courseCode)), .text(rule.crosswalkCode))),
                  .td(.text(catalog.course(rule.courseCode)?.name ?? "not in the CALPADS table"))
                )),
              .if(
                !showCourse,
                .td(
                  .text(documents.isEmpty ? rule.documentTitle : documents.joined(separator: "; ")),
                  .if(!documents.isEmpty && rule.documentTitle != "", .group(.br(), .small(.text(rule.documentTitle))))
                )),
              .if(
                !showCourse,
                .td(
                  rule.authorizationCode.isEmpty
                    ? .text("—")
                    : .a(.href(authorizationPath(rule.authorizationCode)), .text(rule.authorizationCode)),
                  .unwrap(catalog.authorization(rule.authorizationCode)) { .group(.br(), .small(.text($0.name))) }
                )),
              .td(.text(rule.hasSubject ? "\(rule.subjectCode) \(rule.subjectName)" : "—")),
              .td(.text(rule.coverage.label)),
              .td(.text(rule.restrictions.isEmpty ? "—" : rule.restrictions.joined(separator: "; "))),
              .if(
                !showCourse,
                .td(
                  .text(
                    rule.subcategorySuffix == nil
                      ? "" : subcategory.map { "\($0.code) \($0.name)" } ?? rule.crosswalkCode)))
            )
          })
      )
    )
  }

  // MARK: Authorizations

  static func authorization(_ req: Request) async throws -> Response {
    _ = try req.viewer
    let code = req.parameters.get("code")?.removingPercentEncoding ?? ""
    let subject = req.queryText("subject")
    let catalog = try await Catalog(req.services).current()
    let all = catalog.courses(authorizedBy: code)
    let entry = catalog.authorization(code)
    guard entry != nil || !all.isEmpty else {
      throw Abort(.notFound, reason: "Authorization code \(code) is not in the catalog.")
    }
    let rules = subject.map { s in all.filter { $0.subjectCode.caseInsensitiveCompare(s) == .orderedSame } } ?? all
    let subjects = Set(all.filter(\.hasSubject).map { "\($0.subjectCode)" }).sorted()
    let groups = Dictionary(grouping: rules) { rule in
      catalog.course(rule.courseCode)?.contentArea ?? ContentArea(code: "", name: "Not in the CALPADS course table")
    }
    let title = "\(code) \(entry?.name ?? all.first?.documentTitle ?? "")".trimmingCharacters(in: .whitespaces)
    let courseCount = Set(rules.map(\.courseCode)).count
    let content: Node<HTML.BodyContext> = .group(
      breadcrumbs([("Catalog", root)]),
      .h1(.text(title)),
      .unwrap(entry) { e in
        .dl(
          .class("facts"),
          .if(
            !e.documentCodes.isEmpty,
            .group(
              .dt("Documents"),
              .dd(
                .text(
                  e.documentCodes.map { code in catalog.documentType(code).map { "\(code) \($0.name)" } ?? code }
                    .joined(separator: "; "))))),
          .if(!e.scope.isEmpty, .group(.dt("Scope"), .dd(.text(e.scope)))),
          .if(!e.source.isEmpty, .group(.dt("Source"), .dd(.text(e.source)))),
          .if(!e.note.isEmpty, .group(.dt("Note"), .dd(.class(e.isUnconfirmed ? "notice" : ""), .text(e.note))))
        )
      },
      .h2(.text("What \(code) covers")),
      .if(
        subjects.count > 1,
        .form(
          .method(.get), .action(authorizationPath(code)), .class("filters"),
          selectField(
            "subject", label: "Subject",
            options: [("", "Any")] + subjects.map { s in (s, "\(s) \(catalog.subject(s)?.name ?? "")") },
            selected: subject),
          .button(.type(.submit), .id("filter-submit"), .text("Filter"))
        )),
      .p(
        .id("result-count"), .attribute(named: "role", value: "status"),
        .text(
          "\(Format.number(courseCount)) \(courseCount == 1 ? "course" : "courses"), \(Format.number(rules.count)) \(rules.count == 1 ? "rule" : "rules")"
        )),
      .forEach(groups.keys.sorted { ($0.code.isEmpty ? "99" : $0.code) < ($1.code.isEmpty ? "99" : $1.code) }) { area in
        .section(
          .h3(.text(area.code.isEmpty ? area.name : "\(area.code) \(area.name)")),
          ruleTable(
            groups[area] ?? [], catalog: catalog, showCourse: true, id: "area-\(area.code.isEmpty ? "none" : area.code)"
          )
        )
      },
      provenance(catalog, [.courseAuthorizations, .authorizationCodes, .stateCourses])
    )
    return try layout(req, title, content)
  }

  // MARK: API

  struct RuleDTO: Content {
    var course_code: String
    var subcategory: String?
    var coverage: String
    var document_codes: [String]
    var document_title: String
    var authorization_code: String
    var subject_code: String
    var subject_name: String
    var restrictions: [String]

    init(_ r: CourseAuthorizationRule, catalog: ReferenceCatalog) {
      course_code = r.courseCode
      subcategory = r.subcategorySuffix.map { suffix in catalog.subcategory(for: r)?.code ?? "\(r.courseCode)-\(suffix)"
      }
      coverage = r.coverage.rawValue
      document_codes = r.documentCodes
      document_title = r.documentTitle
      authorization_code = r.authorizationCode
      subject_code = r.subjectCode
      subject_name = r.subjectName
      restrictions = r.restrictions
    }
  }

  struct TableDTO: Content {
    var kind: String
    var version: Int
    var source: String
    var as_of: String

    init(_ info: CatalogTableInfo) {
      kind = info.kind.rawValue
      version = info.version
      source = info.source
      as_of = info.asOf.iso
    }
  }

  struct CourseDTO: Content {
    var code: String
    var name: String?
    var content_area_code: String?
    var content_area: String?
    var grade_low: String?
    var grade_high: String?
    var standards_grade_ranges: [String]
    var first_year: String?
    var last_year: String?
    var subcategories: [String]
    var authorizations: [RuleDTO]
    var catalog: [TableDTO]
  }

  struct AuthorizationDTO: Content {
    var code: String
    var name: String?
    var document_codes: [String]
    var scope: String?
    var note: String?
    var courses: [RuleDTO]
    var catalog: [TableDTO]
  }

  static func apiCourse(_ req: Request) async throws -> CourseDTO {
    _ = try req.viewer
    let code = try courseCode(req)
    let catalog = try await Catalog(req.services).current()
    let course = catalog.course(code)
    let rules = catalog.authorizations(forCourse: code)
    guard course != nil || !rules.isEmpty else {
      throw Abort(.notFound, reason: "Course \(code) is not in the catalog.")
    }
    return CourseDTO(
      code: code, name: course?.name, content_area_code: course?.contentArea.code,
      content_area: course?.contentArea.name,
      grade_low: course?.gradeLow.code, grade_high: course?.gradeHigh.code,
      standards_grade_ranges: catalog.gradeRange(forCourse: code)?.labels ?? [],
      first_year: course?.years.first.description, last_year: course?.years.last?.description,
      subcategories: catalog.subcategories(forCourse: code).map(\.code),
      authorizations: rules.map { RuleDTO($0, catalog: catalog) },
      catalog: [.stateCourses, .courseAuthorizations].compactMap { catalog.tables[$0] }.map(TableDTO.init))
  }

  static func apiAuthorization(_ req: Request) async throws -> AuthorizationDTO {
    _ = try req.viewer
    let code = req.parameters.get("code")?.removingPercentEncoding ?? ""
    let catalog = try await Catalog(req.services).current()
    let entry = catalog.authorization(code)
    let rules = catalog.courses(authorizedBy: code, subject: req.queryText("subject"))
    guard entry != nil || !rules.isEmpty else {
      throw Abort(.notFound, reason: "Authorization code \(code) is not in the catalog.")
    }
    return AuthorizationDTO(
      code: entry?.code ?? code, name: entry?.name, document_codes: entry?.documentCodes ?? [], scope: entry?.scope,
      note: entry?.note, courses: rules.map { RuleDTO($0, catalog: catalog) },
      catalog: [.courseAuthorizations, .authorizationCodes].compactMap { catalog.tables[$0] }.map(TableDTO.init))
  }
}
