import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// The monitoring area: `/monitoring` (what there is, for the year), the reports under `/monitoring/reports/…` and
/// each school's master schedule audit at `/monitoring/schools/:cds/schedule` (see `MonitoringReportPages`). The
/// exception workflow's pages live under `/monitoring/exceptions`.
enum MonitoringPages {
  static func register(on routes: any RoutesBuilder) {
    routes.get("monitoring", use: index)
    routes.get("monitoring", "reports", "williams", use: MonitoringReportPages.williams)
    routes.get("monitoring", "reports", "exceptions", use: MonitoringReportPages.exceptions)
    routes.get("monitoring", "reports", "superintendent", use: MonitoringReportPages.superintendent)
    routes.get("monitoring", "reports", "tamo", use: MonitoringReportPages.tamo)
    routes.get("monitoring", "schools", ":cds", "schedule", use: MonitoringReportPages.schedule)
  }

  static func registerAPI(on routes: any RoutesBuilder) {
    routes.get("monitoring", "reports", "williams", use: MonitoringAPI.williams)
    routes.get("monitoring", "reports", "exceptions", use: MonitoringAPI.exceptions)
    routes.get("monitoring", "schools", ":cds", "schedule", use: MonitoringAPI.schedule)
  }

  static func index(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let query = try ReportQuery(req)
    // The Williams counts are the cheapest whole-scope figure; they also check the viewer may see reports.
    let williams = try await WilliamsReport(req.services).run(year: query.year, by: viewer)
    let context = williams.context
    let year: [(String, String?)] = [("year", context.year.description)]
    let t = williams.totals
    let reports: [(String, String, String)] = [
      (
        SiteURL.monitoringReport("superintendent").path.withQuery(year), "Superintendent report",
        "One page: headline counts, a line per district, and what the latest run changed."
      ),
      (
        SiteURL.monitoringReport("williams").path.withQuery(year), "Williams report",
        "Per school: teacher misassignments, misassignments of teachers of English learners, vacancies."
      ),
      (
        SiteURL.monitoringReport("exceptions").path.withQuery(year), "Exceptions summary",
        "Findings by status and exception type per school, district or county."
      ),
      (
        SiteURL.monitoringReport("tamo").path.withQuery(year), "ESSA TAMO outcomes",
        "Teaching assignment FTE by outcome in CDE's file layout (download for comparison with the state's file)."
      ),
      (
        "/monitoring/exceptions", "Exceptions to review",
        "The CalSAAS-style exception workflow: determinations, returns and comments."
      ),
    ]
    let content: Node<HTML.BodyContext> = .group(
      .h1(.text("Assignment monitoring \(context.year)")),
      runLine(context),
      yearForm(action: SiteURL.monitoring.path, context: context, extra: []),
      .div(
        .class("cards"),
        card("Assignments monitored", t.assignments, SiteURL.monitoringReport("exceptions").path.withQuery(year)),
        card("Teacher misassignments", t.misassignments, SiteURL.monitoringReport("williams").path.withQuery(year)),
        card("Teacher vacancies", t.vacancies, SiteURL.monitoringReport("williams").path.withQuery(year)),
        card("Schools", williams.lines.count, SiteURL.monitoringReport("williams").path.withQuery(year))
      ),
      .h2("Reports"),
      .ul(
        .class("report-list"),
        .forEach(reports) { href, label, about in
          .li(.a(.href(href), .text(label)), .text(" — " + about))
        }
      ),
      .p(
        .text(
          "Each school's master schedule audit (sections, teachers, students' grades, English learners, special education and the decisions) is linked from the Williams report and the exceptions summary."
        ))
    )
    return Layout(title: "Monitoring", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/monitoring")
      .render(content).response()
  }

  // MARK: Shared pieces

  /// The query every report takes: `year`, `district` (7 digits), `q` (name words).
  struct ReportQuery {
    var year: SchoolYear?
    var district: String?
    var text: String?

    init(_ req: Request) throws {
      var problems: [FieldProblem] = []
      if let value = req.queryText("year") {
        year = SchoolYear(parsing: value)
        if year == nil { problems.append(FieldProblem(field: "year", message: "Use an academic year like 2025-2026.")) }
      }
      if let value = req.queryText("district") {
        district = DistrictCode(value)?.digits
        if district == nil { problems.append(FieldProblem(field: "district", message: "A district code is 7 digits.")) }
      }
      text = req.queryText("q")
      guard problems.isEmpty else { throw CoreError.invalid(problems) }
    }

    /// Whether a place's names contain every word of `q` (case and accents ignored) or its code starts with it.
    func matches(_ place: ReportPlace) -> Bool {
      guard let text else { return true }
      if text.allSatisfy(\.isASCIIDigit) { return place.cdsCode.hasPrefix(text) }
      let haystack = Educator.searchKey([place.name, place.districtName, place.countyName].joined(separator: " "))
      return text.split(separator: " ").allSatisfy { haystack.contains(Educator.searchKey(String($0))) }
    }
  }

  /// What the latest run was, or that there is none yet.
  static func runLine(_ context: MonitoringReportContext) -> Node<HTML.BodyContext> {
    guard let run = context.latestRun else {
      return .p(
        .class("lede"), .id("run-line"),
        .text(
          "No monitoring run is on file for \(context.year). Import the CALPADS Fall 2 submission and run `credo monitor --year \(context.year)`."
        ))
    }
    return .p(
      .class("lede"), .id("run-line"),
      .text(
        "Current findings of \(context.year), as of \(run.asOf) (census day unless another date was asked for); latest run \(Format.instant(run.finishedAt))."
      ))
  }

  /// The year chooser, with other filters carried as hidden fields.
  static func yearForm(
    action: String, context: MonitoringReportContext, extra: [(String, String?)]
  ) -> Node<HTML.BodyContext> {
    let years = Array(Set(context.years + [context.year])).sorted(by: >)
    return .form(
      .method(.get), .action(action), .class("filters"),
      selectField(
        "year", label: "Academic year", options: years.map { ($0.description, $0.description) },
        selected: context.year.description),
      .forEach(extra) { name, value in .input(.type(.hidden), .name(name), .value(attributeText(value ?? ""))) },
      .button(.type(.submit), .id("year-submit"), .text("Show"))
    )
  }

  /// The districts the viewer may see, for a filter: (code, name).
  static func districtOptions(_ req: Request, viewer: Viewer) async throws -> [(String, String)] {
    let districts = try await Directory(req.services).list(
      OrganizationFilter(kind: .district), window: .all(sort: "name"), by: viewer)
    return [("", "All in your scope")]
      + districts.items.map { (String($0.cdsCode.digits.prefix(7)), $0.name) }
  }

  static func card(_ label: String, _ value: Int, _ href: String) -> Node<HTML.BodyContext> {
    .a(.class("card"), .href(href), .strong(.text(Format.number(value))), .span(.text(label)))
  }

  static func breadcrumbs(_ title: String, via: [(String, String)] = []) -> Node<HTML.BodyContext> {
    .nav(
      .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
      .a(.href(SiteURL.monitoring.path), .text("Monitoring")), .text(" › "),
      .forEach(via) { href, label in .group(.a(.href(href), .text(label)), .text(" › ")) },
      .span(.attribute(named: "aria-current", value: "page"), .text(title)))
  }

  static func page(
    _ req: Request, title: String, via: [(String, String)] = [], _ content: Node<HTML.BodyContext>
  ) throws -> Response {
    Layout(title: title, viewer: try req.viewer, csrfToken: req.identity?.csrfToken, current: "/monitoring")
      .render(.group(breadcrumbs(title, via: via), content)).response()
  }

  /// A numeric cell.
  static func number(_ value: Int) -> Node<HTML.TableRowContext> { .td(.class("num"), .text(Format.number(value))) }

  /// The first cell of a report line: the place's name (a school's links to its master schedule) over its CDS code.
  static func placeCell(_ place: ReportPlace, year: SchoolYear) -> Node<HTML.TableRowContext> {
    .td(schoolLink(place, year: year), .br(), .span(.class("hint"), .text(place.cdsCode)))
  }

  static func schoolLink(_ place: ReportPlace, year: SchoolYear) -> Node<HTML.BodyContext> {
    guard place.level == .school, let cds = CDSCode(place.cdsCode), cds.kind == .school else {
      return .text(place.name)
    }
    return .a(.href(SiteURL.schoolSchedule(cds).path.withQuery([("year", year.description)])), .text(place.name))
  }
}

/// Sorts and pages report lines held in memory (they are already aggregated in SQL, a few thousand at most).
struct MemoryTable<Row: Sendable> {
  var keys: [String: (Row, Row) -> Bool]

  /// The sort keys for `ListParameters`.
  var allowed: [String: String] { Dictionary(uniqueKeysWithValues: keys.keys.map { ($0, $0) }) }

  func page(_ rows: [Row], window: ListWindow) -> Page<Row> {
    var sorted = rows
    if let less = keys[window.sort] {
      // Stable, so equal values keep the report's own order (by CDS code).
      sorted = rows.enumerated().sorted { a, b in
        if less(a.element, b.element) { return !window.descending }
        if less(b.element, a.element) { return window.descending }
        return a.offset < b.offset
      }.map(\.element)
    }
    let perPage = window.perPage == 0 ? max(1, rows.count) : window.perPage
    let start = min(rows.count, (window.page - 1) * perPage)
    return Page(
      items: Array(sorted[start..<min(rows.count, start + perPage)]), total: rows.count, page: window.page,
      perPage: perPage)
  }
}

/// A comparator on one field.
func ascending<Row, Value: Comparable>(_ value: @escaping (Row) -> Value) -> (Row, Row) -> Bool {
  { value($0) < value($1) }
}
