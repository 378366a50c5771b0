import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// The monitoring reports: thin handlers, one use case each. Every page takes `year` and its filters, sorts and
/// pages its table, exports the whole filtered table with `?format=csv` (export permission), and prints without
/// navigation or controls (the stylesheet's print rules).
enum MonitoringReportPages {
  typealias Shared = MonitoringPages

  // MARK: Williams

  static func williams(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let query = try Shared.ReportQuery(req)
    let flaggedOnly = req.queryText("only") == "flagged"
    let export = req.wantsCSV
    var result = try await WilliamsReport(req.services).run(
      year: query.year, district: query.district, by: viewer, forExport: export)
    result.lines = result.lines.filter {
      query.matches($0.place)
        && (!flaggedOnly || $0.counts.misassignments + $0.counts.serviceMisassignments + $0.counts.vacancies > 0)
    }
    if export { return csvResponse(WilliamsReport.csv(result), fileName: "williams-\(result.context.year).csv") }
    var totals = WilliamsSchoolCounts(cdsCode: "")
    for line in result.lines { totals.add(line.counts) }
    let year = result.context.year
    let table = MemoryTable<WilliamsLine>(keys: [
      "cds": ascending { $0.place.cdsCode }, "school": ascending { $0.place.name },
      "district": ascending { $0.place.districtName }, "assignments": ascending { $0.counts.assignments },
      "misassignments": ascending { $0.counts.misassignments },
      "el": ascending { $0.counts.englishLearnerMisassignments },
      "services": ascending { $0.counts.serviceMisassignments }, "vacancies": ascending { $0.counts.vacancies },
      "teachers": ascending { $0.counts.teachersMisassigned },
    ])
    let params = ListParameters(req, defaultSort: "cds", allowed: table.allowed, forExport: false)
    let page = table.page(result.lines, window: params.window)
    let filter: [(String, String?)] = [
      ("year", year.description), ("district", query.district), ("q", query.text),
      ("only", flaggedOnly ? "flagged" : nil),
    ]
    let districts = try await Shared.districtOptions(req, viewer: viewer)
    return try Shared.page(
      req, title: "Williams report",
      .group(
        .h1(.text("Williams report: teacher misassignments and vacancies, \(year)")),
        Shared.runLine(result.context),
        .p(
          .text(
            "Counted in assignments from the current findings: a section with several exceptions is one misassignment. Misassignments of teachers of English learners (EL or bilingual exceptions) are included in the misassignments, as the SARC counts them. Vacancies are sections reported without a teacher of record. Services (non-classroom) misassignments are listed apart."
          )),
        .form(
          .method(.get), .action(SiteURL.monitoringReport("williams").path), .class("filters"),
          .attribute(named: "role", value: "search"),
          yearSelect(result.context),
          selectField("district", label: "District", options: districts, selected: query.district),
          textField("q", label: "School", value: query.text ?? "", hint: "Name words or a CDS code prefix"),
          selectField(
            "only", label: "Show", options: [("", "Every school monitored"), ("flagged", "Schools with findings")],
            selected: flaggedOnly ? "flagged" : ""),
          .button(.type(.submit), .id("filter-submit"), .text("Show"))
        ),
        .div(
          .class("cards"), card("Teacher misassignments", totals.misassignments, id: "total-misassignments"),
          card("of teachers of English learners", totals.englishLearnerMisassignments, id: "total-el"),
          card("Services misassignments", totals.serviceMisassignments, id: "total-services"),
          card("Teacher vacancies", totals.vacancies, id: "total-vacancies")),
        BarChart(
          title: "Misassignments and vacancies, \(year)",
          bars: [
            ("Teacher misassignments", totals.misassignments),
            ("EL misassignments", totals.englishLearnerMisassignments),
            ("Services misassignments", totals.serviceMisassignments), ("Teacher vacancies", totals.vacancies),
          ]
        ).render(),
        DataTable(
          id: "williams", caption: "Schools, \(year)",
          columns: [
            .init(key: "school", label: "School"), .init(key: "district", label: "District"),
            .init(key: "assignments", label: "Assignments", numeric: true),
            .init(key: "misassignments", label: "Misassignments", numeric: true),
            .init(key: "el", label: "EL misassignments", numeric: true),
            .init(key: "services", label: "Services misassignments", numeric: true),
            .init(key: "vacancies", label: "Vacancies", numeric: true),
            .init(key: "teachers", label: "Teachers misassigned", numeric: true),
          ],
          rows: page.items.map { line in
            let c = line.counts
            return .group(
              Shared.placeCell(line.place, year: year), .td(.text(line.place.districtName)),
              Shared.number(c.assignments), Shared.number(c.misassignments),
              Shared.number(c.englishLearnerMisassignments), Shared.number(c.serviceMisassignments),
              Shared.number(c.vacancies), Shared.number(c.teachersMisassigned))
          }, basePath: SiteURL.monitoringReport("williams").path, filter: filter, window: params.window,
          total: page.total, pageCount: page.pageCount, exportable: viewer.has(.exportData)
        ).render()
      ))
  }

  // MARK: Exceptions summary

  static func exceptions(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let query = try Shared.ReportQuery(req)
    let levelText = req.queryText("level") ?? ReportLevel.school.rawValue
    guard let level = ReportLevel(rawValue: levelText) else {
      throw CoreError.invalid([FieldProblem(field: "level", message: "Use school, district or county.")])
    }
    let export = req.wantsCSV
    var result = try await ExceptionsSummary(req.services).run(
      year: query.year, level: level, district: query.district, by: viewer, forExport: export)
    result.lines = result.lines.filter { query.matches($0.place) }
    if export {
      return csvResponse(
        ExceptionsSummary.csv(result), fileName: "exceptions-\(level.rawValue)-\(result.context.year).csv")
    }
    var totals = ExceptionCounts()
    for line in result.lines { totals.add(line.counts) }
    let year = result.context.year
    var keys: [String: (ExceptionsSummaryLine, ExceptionsSummaryLine) -> Bool] = [
      "cds": ascending { $0.place.cdsCode }, "name": ascending { $0.place.name },
      "assignments": ascending { $0.counts.assignments },
    ]
    for status in AssignmentStatus.allCases { keys[status.rawValue] = ascending { $0.counts.findings(status) } }
    for type in ExceptionType.allCases { keys["type_" + type.rawValue] = ascending { $0.counts.exceptions(type) } }
    let table = MemoryTable(keys: keys)
    let params = ListParameters(req, defaultSort: "cds", allowed: table.allowed, forExport: false)
    let page = table.page(result.lines, window: params.window)
    let filter: [(String, String?)] = [
      ("year", year.description), ("level", level.rawValue), ("district", query.district), ("q", query.text),
    ]
    let districts = try await Shared.districtOptions(req, viewer: viewer)
    var columns: [DataTable.Column] = [.init(key: "name", label: level.label)]
    if level == .school { columns.append(.init(key: "district", label: "District", sortable: false)) }
    columns += [.init(key: "assignments", label: "Assignments", numeric: true)]
    columns += AssignmentStatus.allCases.map { .init(key: $0.rawValue, label: shortLabel($0), numeric: true) }
    columns += ExceptionType.allCases.map { .init(key: "type_" + $0.rawValue, label: shortLabel($0), numeric: true) }
    return try Shared.page(
      req, title: "Exceptions summary",
      .group(
        .h1(.text("Exceptions summary by \(level.rawValue), \(year)")),
        Shared.runLine(result.context),
        .p(
          .text(
            "Current findings counted as CalSAAS counts exceptions: one per exception type and detail of an assignment (a section teaching students with two disabilities its teacher is not authorized for raises two). Districts add up their schools and district office; counties their districts."
          )),
        .form(
          .method(.get), .action(SiteURL.monitoringReport("exceptions").path), .class("filters"),
          .attribute(named: "role", value: "search"),
          yearSelect(result.context),
          selectField(
            "level", label: "Summed by", options: ReportLevel.allCases.map { ($0.rawValue, $0.label) },
            selected: level.rawValue),
          selectField("district", label: "District", options: districts, selected: query.district),
          textField("q", label: "Name", value: query.text ?? "", hint: "Name words or a CDS code prefix"),
          .button(.type(.submit), .id("filter-submit"), .text("Show"))
        ),
        .div(
          .class("cards"), card("Assignments", totals.assignments, id: "total-assignments"),
          card("Exceptions", totals.exceptions, id: "total-exceptions"),
          card("Vacancies", totals.vacancies, id: "total-vacancies")),
        BarChart(
          title: "Exceptions by type, \(year)", bars: ExceptionType.allCases.map { ($0.label, totals.exceptions($0)) }
        ).render(),
        DataTable(
          id: "exceptions", caption: "Findings by \(level.rawValue), \(year)", columns: columns,
          rows: page.items.map { line in
            .group(
              Shared.placeCell(line.place, year: year),
              .if(level == .school, .td(.text(line.place.districtName))),
              Shared.number(line.counts.assignments),
              .forEach(AssignmentStatus.allCases) { Shared.number(line.counts.findings($0)) },
              .forEach(ExceptionType.allCases) { Shared.number(line.counts.exceptions($0)) })
          }, basePath: SiteURL.monitoringReport("exceptions").path, filter: filter, window: params.window,
          total: page.total, pageCount: page.pageCount, exportable: viewer.has(.exportData)
        ).render()
      ))
  }

  // MARK: Superintendent

  static func superintendent(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let query = try Shared.ReportQuery(req)
    let export = req.wantsCSV
    let result = try await SuperintendentReport(req.services).run(year: query.year, by: viewer, forExport: export)
    if export {
      return csvResponse(SuperintendentReport.csv(result), fileName: "superintendent-\(result.context.year).csv")
    }
    let year = result.context.year
    let w = result.williams
    let table = MemoryTable<SuperintendentDistrictLine>(keys: [
      "cds": ascending { $0.place.cdsCode }, "name": ascending { $0.place.name },
      "schools": ascending { $0.schoolsWithFindings }, "assignments": ascending { $0.counts.assignments },
      "misassignments": ascending { $0.williams.misassignments },
      "el": ascending { $0.williams.englishLearnerMisassignments },
      "services": ascending { $0.williams.serviceMisassignments }, "vacancies": ascending { $0.williams.vacancies },
      "exceptions": ascending { $0.counts.exceptions },
    ])
    let params = ListParameters(req, defaultSort: "cds", allowed: table.allowed, forExport: false)
    var window = params.window
    window.perPage = 0  // One page: every district.
    let page = table.page(result.districts, window: window)
    let scopeText =
      viewer.roles.isEmpty ? "All organizations" : viewer.roles.map(\.organizationName).joined(separator: "; ")
    return try Shared.page(
      req, title: "Superintendent report",
      .group(
        .h1(.text("Superintendent report: teacher assignment monitoring, \(year)")),
        .p(.id("report-scope"), .text("For: \(scopeText).")),
        Shared.runLine(result.context),
        Shared.yearForm(action: SiteURL.monitoringReport("superintendent").path, context: result.context, extra: []),
        .div(
          .class("cards"), card("Assignments monitored", result.counts.assignments, id: "total-assignments"),
          card("Teacher misassignments", w.misassignments, id: "total-misassignments"),
          card("of teachers of English learners", w.englishLearnerMisassignments, id: "total-el"),
          card("Services misassignments", w.serviceMisassignments, id: "total-services"),
          card("Teacher vacancies", w.vacancies, id: "total-vacancies"),
          card("Schools with findings", result.schoolsWithFindings, id: "total-schools")),
        .section(
          .h2("Since the previous run"),
          .if(
            result.trend.isEmpty, .p(.text("No run is on file for this year, so there is nothing to compare."))),
          .if(
            !result.trend.isEmpty,
            .table(
              .id("trend"), .caption(.text("Findings before and after the latest run")),
              .thead(
                .tr(
                  .th(.attribute(named: "scope", value: "col"), .text("Status")),
                  .forEach(["Before the latest run", "Added", "Resolved", "Now"]) {
                    .th(.attribute(named: "scope", value: "col"), .class("num"), .text($0))
                  })),
              .tbody(
                .forEach(result.trend) { t in
                  .tr(
                    .th(.attribute(named: "scope", value: "row"), .text(t.status.label)), Shared.number(t.previous),
                    Shared.number(t.added), Shared.number(t.resolved), Shared.number(t.current))
                }))),
          .unwrap(result.previousYear) { before in
            .p(
              .id("previous-year"),
              .text(
                "\(before.year): \(Format.number(before.williams.misassignments)) teacher misassignments, \(Format.number(before.williams.vacancies)) vacancies, \(Format.number(before.counts.exceptions)) exceptions in \(Format.number(before.counts.assignments)) assignments."
              ))
          }
        ),
        .section(
          .h2("By district"),
          BarChart(
            title: "Misassignments and vacancies by district, \(year)",
            bars: result.districts.map {
              ($0.place.name, $0.williams.misassignments + $0.williams.serviceMisassignments + $0.williams.vacancies)
            }
          ).render(),
          DataTable(
            id: "districts", caption: "Districts, \(year)",
            columns: [
              .init(key: "name", label: "District"), .init(key: "cds", label: "Code"),
              .init(key: "schools", label: "Schools with findings", numeric: true),
              .init(key: "assignments", label: "Assignments", numeric: true),
              .init(key: "misassignments", label: "Teacher misassignments", numeric: true),
              .init(key: "el", label: "EL", numeric: true),
              .init(key: "services", label: "Services", numeric: true),
              .init(key: "vacancies", label: "Vacancies", numeric: true),
              .init(key: "exceptions", label: "Exceptions", numeric: true),
            ],
            rows: page.items.map { line in
              .group(
                .td(
                  .a(
                    .href(
                      SiteURL.monitoringReport("williams").path.withQuery([
                        ("year", year.description), ("district", line.place.districtCode),
                      ])), .text(line.place.name))), .td(.text(line.place.districtCode)),
                Shared.number(line.schoolsWithFindings), Shared.number(line.counts.assignments),
                Shared.number(line.williams.misassignments), Shared.number(line.williams.englishLearnerMisassignments),
                Shared.number(line.williams.serviceMisassignments), Shared.number(line.williams.vacancies),
                Shared.number(line.counts.exceptions))
            }, basePath: SiteURL.monitoringReport("superintendent").path, filter: [("year", year.description)],
            window: window, total: page.total, pageCount: 1, exportable: viewer.has(.exportData)
          ).render()
        ),
        .p(
          .class("lede"),
          .text(
            "Exceptions are counted until a determination clears them; one left undetermined when the cycle closes becomes a misassignment (rule 72)."
          ))
      ))
  }

  // MARK: TAMO

  static func tamo(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    let query = try Shared.ReportQuery(req)
    let format = req.queryText("format")
    let export = format == "csv" || format == "tsv"
    let result = try await TAMOExport(req.services).run(year: query.year, by: viewer, forExport: export)
    let report = result.report
    let fileYear = TAMOFile.academicYear(report.academicYear)
    if format == "tsv" {
      let response = Response(status: .ok, body: .init(data: Data(TAMOFile.bytes(report))))
      response.headers.replaceOrAdd(name: .contentType, value: "text/tab-separated-values; charset=utf-8")
      response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"tamo-\(fileYear).txt\"")
      return response
    }
    if export { return csvResponse(TAMOExport.csv(report), fileName: "tamo-\(fileYear).csv") }

    let year = result.context.year
    let schools = report.rows(at: .school).filter { row in
      row.isWholeTotal && (query.district.map { row.countyCode + row.districtCode == $0 } ?? true)
        && query.matches(place(row))
    }
    var keys: [String: (TAMORow, TAMORow) -> Bool] = [
      "cds": ascending { $0.countyCode + $0.districtCode + $0.schoolCode }, "school": ascending { $0.schoolName },
      "district": ascending { $0.districtName }, "total": ascending { $0.fte.totalUnits },
    ]
    for outcome in TAMOOutcome.allCases { keys[outcome.rawValue] = ascending { $0.fte.units(outcome) } }
    let table = MemoryTable(keys: keys)
    let params = ListParameters(req, defaultSort: "cds", allowed: table.allowed, forExport: false)
    let page = table.page(schools, window: params.window)
    let top = report.rows.first { $0.level == .state && $0.isWholeTotal }
    let filter: [(String, String?)] = [("year", year.description), ("district", query.district), ("q", query.text)]
    let districts = try await Shared.districtOptions(req, viewer: viewer)
    let canExport = viewer.has(.exportData)
    return try Shared.page(
      req, title: "ESSA TAMO outcomes",
      .group(
        .h1(.text("ESSA teaching assignment monitoring outcomes, \(fileYear)")),
        Shared.runLine(result.context),
        .p(
          .text(
            "Each teacher's classroom FTE at a school (SASS job classes 12 and 27) is shared equally among their sections there, and each share takes its section's outcome. Sections without a teacher of record are left out (\(Format.number(report.excludedWithoutSEID)) this year). The file has CDE's layout: state, county, district and school rows by experience, credential level and subject."
          )),
        .if(
          canExport,
          .p(
            .a(
              .id("download-tamo"), .class("button"),
              .href(SiteURL.monitoringReport("tamo").path.withQuery([("year", year.description), ("format", "tsv")])),
              .text("Download the TAMO file (tab-delimited, \(Format.number(report.rows.count)) rows)")),
            .text(" "),
            .a(
              .class("button secondary"),
              .href(SiteURL.monitoringReport("tamo").path.withQuery([("year", year.description), ("format", "csv")])),
              .text("as CSV")))),
        .form(
          .method(.get), .action(SiteURL.monitoringReport("tamo").path), .class("filters"),
          .attribute(named: "role", value: "search"),
          yearSelect(result.context),
          selectField("district", label: "District", options: districts, selected: query.district),
          textField("q", label: "School", value: query.text ?? "", hint: "Name words or a CDS code prefix"),
          .button(.type(.submit), .id("filter-submit"), .text("Show"))
        ),
        .unwrap(top) { row in
          BarChart(
            title: "Teaching FTE by outcome, \(fileYear)",
            values: TAMOOutcome.allCases.map {
              BarChart.Bar(
                label: $0.label, value: Double(row.fte.units($0)),
                text: TAMOFile.fte(row.fte.units($0)) + " ("
                  + TAMOFile.percent(row.fte.units($0), of: row.fte.totalUnits)
                  + "%)")
            }, valueLabel: "FTE"
          ).render()
        },
        DataTable(
          id: "tamo-schools", caption: "Schools: whole-school rows (ALL experience, ALL credential, TA), FTE",
          columns: [
            .init(key: "school", label: "School"), .init(key: "district", label: "District"),
            .init(key: "total", label: "Total FTE", numeric: true),
          ] + TAMOOutcome.allCases.map { .init(key: $0.rawValue, label: $0.label, numeric: true) },
          rows: page.items.map { row in
            .group(
              Shared.placeCell(place(row), year: year), .td(.text(row.districtName)),
              .td(.class("num"), .text(TAMOFile.fte(row.fte.totalUnits))),
              .forEach(TAMOOutcome.allCases) { .td(.class("num"), .text(TAMOFile.fte(row.fte.units($0)))) })
          }, basePath: SiteURL.monitoringReport("tamo").path, filter: filter, window: params.window,
          total: page.total, pageCount: page.pageCount, exportable: false
        ).render()
      ))
  }

  /// A TAMO school row as a report place, for the filter and the link to the school's schedule.
  static func place(_ row: TAMORow) -> ReportPlace {
    ReportPlace(
      level: .school, cdsCode: row.countyCode + row.districtCode + row.schoolCode, countyName: row.countyName,
      districtName: row.districtName, schoolName: row.schoolName, isCharter: row.charter ?? false)
  }

  // MARK: Master schedule audit

  static func schedule(_ req: Request) async throws -> Response {
    let viewer = try req.viewer
    guard let cds = req.parameters.get("cds").flatMap(CDSCode.init) else {
      throw Abort(.notFound, reason: "A school CDS code is 14 digits.")
    }
    let query = try Shared.ReportQuery(req)
    let statusText = req.queryText("status")
    if let statusText, statusText != "none", AssignmentStatus(rawValue: statusText) == nil {
      throw CoreError.invalid([
        FieldProblem(field: "status", message: "Use authorized, exception, vacancy, not_monitored or none.")
      ])
    }
    let export = req.wantsCSV
    var result = try await MasterScheduleAudit(req.services).run(
      year: query.year, school: cds, by: viewer, forExport: export)
    let all = result.sections
    result.sections = all.filter { section in
      let statusMatches: Bool =
        switch statusText {
        case nil: true
        case "none": section.decisions.isEmpty
        case let wanted?: section.decisions.contains { $0.status == wanted }
        }
      return statusMatches && (query.text.map { matches(section, $0) } ?? true)
    }
    if export {
      return csvResponse(MasterScheduleAudit.csv(result), fileName: "schedule-\(cds.digits)-\(result.context.year).csv")
    }
    let year = result.context.year
    let rank: [AssignmentStatus: Int] = [.vacancy: 0, .exception: 1, .notMonitored: 2, .authorized: 3]
    let table = MemoryTable<ScheduleSection>(keys: [
      "course": ascending { $0.stateCourseCode + "|" + $0.key.localCourseId },
      "section": ascending { $0.key.sectionId }, "teacher": ascending { $0.teachers.first?.name ?? "" },
      "students": ascending { $0.roster?.studentCount ?? -1 }, "el": ascending { $0.roster?.englishLearners ?? -1 },
      "sped": ascending { $0.roster?.disabilities.values.reduce(0, +) ?? -1 },
      "status": ascending { $0.statuses.first.flatMap { rank[$0] } ?? 4 },
    ])
    let params = ListParameters(req, defaultSort: "course", allowed: table.allowed, forExport: false)
    let page = table.page(result.sections, window: params.window)
    let filter: [(String, String?)] = [("year", year.description), ("status", statusText), ("q", query.text)]
    var byStatus: [AssignmentStatus: Int] = [:]
    var unmonitored = 0
    for section in all {
      if let worst = section.statuses.first { byStatus[worst, default: 0] += 1 } else { unmonitored += 1 }
    }
    let school = result.school
    let path = SiteURL.schoolSchedule(cds).path
    return try Shared.page(
      req, title: school.name,
      via: [(SiteURL.monitoringReport("williams").path.withQuery([("year", year.description)]), "Williams report")],
      .group(
        .h1(.text("Master schedule audit: \(school.name)")),
        .dl(
          .class("facts"),
          .dt("District"), .dd(.text(school.districtName)), .dt("County"), .dd(.text(school.countyName)),
          .dt("CDS code"), .dd(.id("school-cds"), .text(school.cdsCode)),
          .dt("Sections"), .dd(.id("section-count"), .text(Format.number(all.count)))
        ),
        Shared.runLine(result.context),
        .form(
          .method(.get), .action(path), .class("filters"), .attribute(named: "role", value: "search"),
          yearSelect(result.context),
          selectField(
            "status", label: "Decision",
            options: [("", "Any")] + AssignmentStatus.allCases.map { ($0.rawValue, $0.label) } + [
              ("none", "Not monitored yet")
            ], selected: statusText),
          textField("q", label: "Course, section or teacher", value: query.text ?? ""),
          .button(.type(.submit), .id("filter-submit"), .text("Show"))
        ),
        BarChart(
          title: "Sections by decision (the section's worst)",
          bars: [AssignmentStatus.vacancy, .exception, .notMonitored, .authorized].map { ($0.label, byStatus[$0] ?? 0) }
            + (unmonitored > 0 ? [("No finding on file", unmonitored)] : [])
        ).render(),
        DataTable(
          id: "schedule", caption: "Sections of \(school.name), \(year)",
          columns: [
            .init(key: "course", label: "Course"), .init(key: "section", label: "Section"),
            .init(key: "teacher", label: "Teachers"), .init(key: "students", label: "Students"),
            .init(key: "el", label: "EL"), .init(key: "sped", label: "Disabilities"),
            .init(key: "status", label: "Decision"),
          ],
          rows: page.items.map { sectionRow($0, disabilityNames: result.disabilityNames) }, basePath: path,
          filter: filter, window: params.window, total: page.total, pageCount: page.pageCount,
          exportable: viewer.has(.exportData)
        ).render(),
        .if(
          !result.services.isEmpty,
          .section(
            .h2("Non-classroom assignments"),
            .table(
              .id("services"), .caption(.text("Services (SASS assignment codes) at \(school.name)")),
              headerRow("Assignment code", "SEID", "Decision", "Explanation"),
              .tbody(
                .forEach(result.services) { o in
                  .tr(
                    .td(.text(o.assignmentCode)), .td(.text(o.seid)), .td(decisionLabel(o)),
                    .td(.text(o.explanation), .text(" "), .element(named: "code", text: o.rule)))
                }))))
      ))
  }

  static func matches(_ section: ScheduleSection, _ text: String) -> Bool {
    let needle = text.lowercased()
    let fields =
      [
        section.stateCourseCode, section.courseName, section.localCourseName, section.key.localCourseId,
        section.key.sectionId,
      ] + section.teachers.flatMap { [$0.name, $0.seid] }
    return fields.contains { $0.lowercased().contains(needle) }
  }

  static func sectionRow(_ s: ScheduleSection, disabilityNames: [String: String]) -> Node<HTML.TableRowContext> {
    let roster = s.roster
    return .group(
      .td(
        .strong(.text(s.stateCourseCode)), .text(" " + (s.courseName.isEmpty ? "(not in the catalog)" : s.courseName)),
        .br(), .span(.class("hint"), .text("\(s.key.localCourseId) \(s.localCourseName)"))),
      .td(
        .text(s.key.sectionId + (s.key.academicTerm.isEmpty ? "" : " · " + s.key.academicTerm)),
        .if(!s.classId.isEmpty, .group(.br(), .span(.class("hint"), .text("class \(s.classId)")))),
        .if(
          !s.multipleTeacherCode.isEmpty,
          .group(
            .br(),
            .span(
              .class("hint"),
              .text(
                s.multipleTeacherCode == "1"
                  ? "team teaching" : s.multipleTeacherCode == "2" ? "job sharing" : "code \(s.multipleTeacherCode)"))))
      ),
      .td(
        .forEach(s.teachers) { t in
          .div(
            t.isVacancy
              ? .strong(.class("status-vacancy"), .text("Vacancy (no teacher of record)"))
              : .text((t.name.isEmpty ? "SEID" : t.name) + " · " + t.seid))
        }),
      .td(
        .unwrap(
          roster,
          { r in
            .group(
              .text("\(Format.number(r.studentCount)) students"), .br(),
              .span(
                .class("hint"),
                .text(
                  r.grades.sorted { $0.key < $1.key }.map { "grade \($0.key.code): \($0.value)" }
                    .joined(separator: ", "))))
          }, else: .span(.class("hint"), .text("no roster")))),
      .td(
        .text(roster.map { Format.number($0.englishLearners) } ?? "—"),
        .if(
          !s.educationServiceCode.isEmpty,
          .group(.br(), .span(.class("hint"), .text("EL service \(s.educationServiceCode)"))))),
      .td(
        .unwrap(roster) { r in
          .group(
            .if(r.isAllSpecialEducation, .group(.strong(.text("all students have an IEP")), .br())),
            .forEach(r.disabilities.sorted { $0.key < $1.key }) { code, n in
              .div(.text("\(disabilityNames[code] ?? "Disability") (\(code)): \(n)"))
            })
        },
        .if(
          s.instructionalStrategyCode == "700",
          .span(.class("hint"), .text("special education section (9.22 = 700)")))),
      .td(
        .if(s.decisions.isEmpty, .span(.class("hint"), .text("not monitored yet"))),
        .forEach(s.decisions) { o in
          .div(
            .class("decision"), decisionLabel(o), .text(": " + o.explanation),
            .text(" "), .element(named: "code", text: o.rule),
            .if(!o.basis.isEmpty, .group(.br(), .span(.class("hint"), .text("Basis: " + o.basis)))))
        })
    )
  }

  static func decisionLabel(_ o: StoredOutcome) -> Node<HTML.BodyContext> {
    let status = AssignmentStatus(rawValue: o.status)
    var label = status?.label ?? o.status
    if let type = ExceptionType(rawValue: o.exceptionType) { label += " · " + type.label }
    if !o.detail.isEmpty { label += " (\(o.detail))" }
    return .strong(.class("status-\(o.status)"), .text(label))
  }

  // MARK: Pieces

  /// Column headers short enough for a table of thirteen numbers (the chart and the CSV keep the full names).
  static func shortLabel(_ status: AssignmentStatus) -> String {
    switch status {
    case .authorized: "Authorized"
    case .exception: "Exceptions"
    case .vacancy: "Vacancies"
    case .notMonitored: "Not monitored"
    }
  }

  static func shortLabel(_ type: ExceptionType) -> String {
    switch type {
    case .course: "Course"
    case .specialEducation: "Special ed."
    case .englishLearner: "EL"
    case .bilingual: "Bilingual"
    case .substitute: "Substitute"
    case .nonClassroom: "Services"
    }
  }

  static func yearSelect(_ context: MonitoringReportContext) -> Node<HTML.FormContext> {
    let years = Array(Set(context.years + [context.year])).sorted(by: >)
    return selectField(
      "year", label: "Academic year", options: years.map { ($0.description, $0.description) },
      selected: context.year.description)
  }

  static func card(_ label: String, _ value: Int, id: String) -> Node<HTML.BodyContext> {
    .div(.class("card"), .id(id), .strong(.text(Format.number(value))), .span(.text(label)))
  }
}
