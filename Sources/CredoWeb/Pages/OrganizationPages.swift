import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// The organization browser: counties → districts → schools, filterable, sortable, exportable.
enum OrganizationPages {
  static let csvHeader = [
    "cds_code", "kind", "name", "county", "district", "status", "ownership_code", "ownership_type", "school_type_code",
    "school_type", "charter", "charter_number", "grade_span", "open_date", "closed_date", "city", "zip", "phone",
    "website",
  ]

  struct Query {
    var filter: OrganizationFilter
    var items: [(String, String?)]

    init(_ req: Request) {
      let kind = req.queryText("kind").flatMap(OrganizationKind.init(rawValue:))
      let county = req.queryText("county").flatMap(CountyCode.init)
      let district = req.queryText("district").flatMap(DistrictCode.init)
      let status = req.queryText("status").flatMap(OrganizationStatus.init(rawValue:))
      let charter = req.queryText("charter").flatMap { ["yes": true, "no": false][$0] }
      let text = req.queryText("q")
      filter = OrganizationFilter(
        kind: kind, county: county, district: district, status: status, charter: charter, text: text)
      items = [
        ("q", text), ("kind", kind?.rawValue), ("county", county?.digits), ("district", district?.digits),
        ("status", status?.rawValue), ("charter", charter.map { $0 ? "yes" : "no" }),
      ]
    }
  }

  static func list(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let query = Query(req)
    let export = req.wantsCSV
    let params = ListParameters(
      req, defaultSort: "name", allowed: OrganizationRepository.sortColumns, forExport: export)
    let page = try await Directory(req.services).list(
      query.filter, window: params.window, by: viewer, forExport: export)
    if export {
      var csv = CSVWriter(header: csvHeader)
      for o in page.items { csv.append(csvRow(o)) }
      return csvResponse(csv.text, fileName: "organizations.csv")
    }
    let table = DataTable(
      id: "organizations", caption: "Organizations",
      columns: [
        .init(key: "name", label: "Name"), .init(key: "cds", label: "CDS code"), .init(key: "kind", label: "Kind"),
        .init(key: "district", label: "District"), .init(key: "type", label: "Type"),
        .init(key: "grades", label: "Grades", sortable: false), .init(key: "status", label: "Status"),
        .init(key: "city", label: "City"),
      ],
      rows: page.items.map(row), basePath: SiteURL.organizations.path, filter: query.items, window: params.window,
      total: page.total, pageCount: page.pageCount, exportable: viewer.has(.exportData))
    let content: Node<HTML.BodyContext> = .group(
      .h1("Organizations"),
      .form(
        .method(.get), .action(SiteURL.organizations.path), .class("filters"),
        .attribute(named: "role", value: "search"),
        textField("q", label: "Name or CDS code", value: query.filter.text ?? ""),
        selectField(
          "kind", label: "Kind", options: [("", "Any")] + OrganizationKind.allCases.map { ($0.rawValue, $0.label) },
          selected: query.filter.kind?.rawValue),
        selectField(
          "status", label: "Status",
          options: [("", "Any")] + OrganizationStatus.allCases.map { ($0.rawValue, $0.label) },
          selected: query.filter.status?.rawValue),
        selectField(
          "charter", label: "Charter", options: [("", "Any"), ("yes", "Charter schools"), ("no", "Not charter")],
          selected: query.items.first { $0.0 == "charter" }?.1),
        .input(.type(.hidden), .name("county"), .value(query.filter.county?.digits ?? "")),
        .input(.type(.hidden), .name("district"), .value(query.filter.district?.digits ?? "")),
        .button(.type(.submit), .id("filter-submit"), .text("Filter"))
      ),
      table.render()
    )
    return Layout(title: "Organizations", viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/organizations")
      .render(content).response()
  }

  static func row(_ o: Organization) -> Node<HTML.TableRowContext> {
    .group(
      .td(.a(.href(SiteURL.organization(o.cdsCode).path), .text(o.name))),
      .td(.text(o.cdsCode.digits)),
      .td(.text(o.kind.label)),
      .td(.text(o.kind == .school ? o.districtName : "")),
      .td(
        .text(
          [o.ownershipType, o.schoolType].filter { !$0.isEmpty }.last.map { $0 + (o.isCharter ? " · Charter" : "") }
            ?? "")),
      .td(.text(o.gradeSpan?.description ?? "")),
      .td(.text(o.status.label)),
      .td(.text(o.city))
    )
  }

  static func csvRow(_ o: Organization) -> [String] {
    [
      o.cdsCode.digits, o.kind.rawValue, o.name, o.countyName, o.districtName, o.status.rawValue, o.ownershipCode,
      o.ownershipType, o.schoolTypeCode, o.schoolType, o.isCharter ? "Y" : "N", o.charterNumber,
      o.gradeSpan?.description ?? "", o.openDate?.iso ?? "", o.closedDate?.iso ?? "", o.city, o.zip, o.phone, o.website,
    ]
  }

  static func show(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    guard let text = req.parameters.get("cds"), let cds = CDSCode(text) else {
      throw Abort(.notFound, reason: "There is no organization at this address.")
    }
    let params = ListParameters(req, defaultSort: "name", allowed: OrganizationRepository.sortColumns, forExport: false)
    let detail = try await Directory(req.services).detail(cds: cds, childWindow: params.window, by: viewer)
    let o = detail.organization
    let childKind = o.kind == .county ? "Districts and LEAs" : "Schools"
    let content: Node<HTML.BodyContext> = .group(
      .nav(
        .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
        .a(.href(SiteURL.organizations.path), .text("Organizations")), .text(" › "),
        .unwrap(detail.parent) {
          .group(.a(.href(SiteURL.organization($0.cdsCode).path), .text($0.name)), .text(" › "))
        }
      ),
      .h1(.text(o.name)),
      .dl(
        .class("facts"),
        .dt("CDS code"), .dd(.text(o.cdsCode.digits)),
        .dt("Kind"), .dd(.text(o.kind.label + (o.isCharter ? " (charter \(o.charterNumber))" : ""))),
        .dt("Status"), .dd(.text(o.status.label)),
        .if(
          !o.ownershipType.isEmpty, .group(.dt("District type"), .dd(.text("\(o.ownershipCode) \(o.ownershipType)")))),
        .if(!o.schoolType.isEmpty, .group(.dt("School type"), .dd(.text("\(o.schoolTypeCode) \(o.schoolType)")))),
        .unwrap(o.gradeSpan) { .group(.dt("Grades offered"), .dd(.text($0.description))) },
        .unwrap(o.openDate) { .group(.dt("Opened"), .dd(.text($0.iso))) },
        .unwrap(o.closedDate) { .group(.dt("Closed"), .dd(.text($0.iso))) },
        .if(
          !o.street.isEmpty || !o.city.isEmpty,
          .group(.dt("Address"), .dd(.text([o.street, o.city, o.zip].filter { !$0.isEmpty }.joined(separator: ", "))))),
        .if(!o.administratorName.isEmpty, .group(.dt("Administrator"), .dd(.text(o.administratorName)))),
        .dt("Educators"),
        .dd(
          .a(
            .href(
              SiteURL.educators.path.withQuery(
                o.kind == .school
                  ? [("school", o.cdsCode.digits)]
                  : o.kind == .district ? [("district", o.cdsCode.districtCode.digits)] : [])),
            .text(Format.number(detail.educatorCount))))
      ),
      .if(
        o.kind != .school,
        .section(
          .h2(.text(childKind)),
          DataTable(
            id: "children", caption: childKind,
            columns: [
              .init(key: "name", label: "Name"), .init(key: "cds", label: "CDS code"),
              .init(key: "kind", label: "Kind"),
              .init(key: "district", label: "District"), .init(key: "type", label: "Type"),
              .init(key: "grades", label: "Grades", sortable: false), .init(key: "status", label: "Status"),
              .init(key: "city", label: "City"),
            ],
            rows: detail.children.items.map(row), basePath: SiteURL.organization(o.cdsCode).path, filter: [],
            window: params.window, total: detail.children.total, pageCount: detail.children.pageCount, exportable: false
          ).render()
        )
      ),
      EducatorPages.historySection(detail.history)
    )
    return Layout(title: o.name, viewer: viewer, csrfToken: req.identity?.csrfToken, current: "/organizations")
      .render(content).response()
  }
}
