import CredoDomain
import CredoStore
import Foundation

/// What evaluating a pay period did.
public struct PayRunResult: Sendable {
  public var period: PayPeriod
  public var run: PayRun
  public var decisions: [PayCoverage.Decision]
  /// Employees held this run who were not held before (new or previously released).
  public var newlyHeld: [UUID]
  /// Employees released this run who were held before: a cleared hold.
  public var newlyReleased: [UUID]
  /// `pay-hold` warnings due today (within the warning window before payday) for the integrator's outbox.
  public var notices: [NoticeRequest]

  public var held: Int { decisions.filter { $0.status == .held }.count }
  public var released: Int { decisions.filter { $0.status == .released }.count }
}

/// One row of the hold list, with the employee's staff ID in the period's district (what payroll keys on).
public struct PayHoldRow: Sendable {
  public var stored: StoredPayDecision
  public var localStaffId: String
}

/// Pay release (EC 45037; domain guide §1.9): before each payday, every employee in a certificated employment active
/// during the pay period is checked day by day (`PayCoverage`); the ones some day is not covered for are held with
/// the reasons, the rest released. Evaluating a period again replaces its decisions and records in the history only
/// what changed (a hold cleared by a renewal shows as released, when and why). Warnings (`pay-hold` notices to the
/// district's analysts and payroll) are due from `warningDays` before payday through payday; each (period, employee)
/// has one trigger, so the outbox sends it once.
///
/// Scope: analysts and payroll of a district see and evaluate its periods; the county office's every district in the
/// county; a school-level role none (payroll is a district matter). Periods are set up by analysts (`importData`).
public struct PayRelease: Sendable {
  let services: CredoServices
  public var warningDays: Int

  public static let noticeTemplate = "pay-hold"
  public static let noticeAudience: [NoticeAudience] = [.districtAnalysts, .payroll]
  public static let defaultWarningDays = 10

  /// The warning window in days: `CREDO_PAY_WARNING_DAYS` (0–60) when set, else 10.
  public static func configuredWarningDays(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  )
    throws -> Int
  {
    guard let text = environment["CREDO_PAY_WARNING_DAYS"], !text.isEmpty else { return defaultWarningDays }
    guard let days = Int(text), (0...60).contains(days) else {
      throw CoreError.invalid([
        FieldProblem(
          field: "CREDO_PAY_WARNING_DAYS", message: "'\(text)' is not a number of days from 0 to 60 before payday.")
      ])
    }
    return days
  }

  public init(_ services: CredoServices, warningDays: Int? = nil) {
    self.services = services
    self.warningDays = warningDays ?? (try? Self.configuredWarningDays()) ?? Self.defaultWarningDays
  }

  static func place(_ district: DistrictCode) -> OrganizationPlace { OrganizationPlace(CDSCode(district: district)) }

  private func district(_ code: DistrictCode, scope: AccessScope) async throws -> Organization {
    guard scope.covers(Self.place(code)),
      let organization = try await OrganizationRepository(services.database.sql).find(cds: CDSCode(district: code)),
      organization.kind == .district
    else { throw CoreError.notFound("District \(code)") }
    return organization
  }

  // MARK: Periods

  /// Adds one period for a district.
  @discardableResult
  public func addPeriod(
    district code: DistrictCode, start: CalendarDate, end: CalendarDate, payday: CalendarDate, by viewer: Viewer
  ) async throws -> PayPeriod {
    let scope = try viewer.require(.importData, "setting up pay periods")
    let problems = PayPeriod.problems(start: start, end: end, payday: payday)
    guard problems.isEmpty else {
      throw CoreError.invalid(problems.map { FieldProblem(field: $0.field, message: $0.message) })
    }
    let organization = try await district(code, scope: scope)
    let period = PayPeriod(
      id: UUID(), districtId: organization.id, district: code, start: start, end: end, payday: payday)
    let added = try await PayRepository(services.database.sql).insertPeriods(
      [period], by: viewer.actor.name, at: services.now)
    guard let stored = added.first else {
      throw CoreError.conflict("District \(code) already has a pay period starting \(start).")
    }
    return stored
  }

  /// Adds monthly periods (1st to month end, paid on `paydayOfNextMonth` of the next month) from `from`'s month
  /// through `through`'s; months already set up are skipped.
  @discardableResult
  public func addMonthlyPeriods(
    district code: DistrictCode, from: CalendarDate, through: CalendarDate, paydayOfNextMonth: Int, by viewer: Viewer
  ) async throws -> [PayPeriod] {
    let scope = try viewer.require(.importData, "setting up pay periods")
    let organization = try await district(code, scope: scope)
    let periods = PayPeriod.monthly(
      districtId: organization.id, district: code, from: from, through: through, paydayOfNextMonth: paydayOfNextMonth,
      ids: { UUID() })
    return try await PayRepository(services.database.sql).insertPeriods(
      periods, by: viewer.actor.name, at: services.now)
  }

  /// `credo pay periods import FILE`: CSV with `district_code,start_date,end_date,payday` (docs/INTERCHANGE-EXTENSIONS.md).
  /// Checked whole first; nothing is written if any row is wrong.
  public func importPeriods(data: Data, fileName: String, by viewer: Viewer) async throws -> [PayPeriod] {
    let scope = try viewer.require(.importData, "setting up pay periods")
    let records = DelimitedText(DelimitedText.decode(data), delimiter: ",").records
    var problems: [ImportProblem] = []
    func problem(_ line: Int, _ field: String, _ reason: String) {
      problems.append(ImportProblem(file: fileName, line: line, field: field, reason: reason))
    }
    let columns = ["district_code", "start_date", "end_date", "payday"]
    guard let header = records.first else {
      throw CoreError.importRejected(
        file: fileName,
        problems: [
          ImportProblem(
            file: fileName, line: 1, field: "header",
            reason: "The file is empty; expected district_code,start_date,end_date,payday.")
        ],
        truncated: false)
    }
    var index: [String: Int] = [:]
    for (i, name) in header.fields.enumerated() { index[name.trimmedOfWhitespace.lowercased()] = i }
    let missing = columns.filter { index[$0] == nil }
    if !missing.isEmpty {
      problem(
        header.line, "header", "Missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")).")
      throw CoreError.importRejected(file: fileName, problems: problems, truncated: false)
    }
    var organizations: [DistrictCode: Organization] = [:]
    var periods: [PayPeriod] = []
    for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmedOfWhitespace.isEmpty }) {
      func value(_ name: String) -> String {
        guard let i = index[name], i < record.fields.count else { return "" }
        return record.fields[i].trimmedOfWhitespace
      }
      let line = record.line
      let code = DistrictCode(value("district_code"))
      if code == nil { problem(line, "district_code", "'\(value("district_code"))' is not a 7-digit district code.") }
      var dates: [String: CalendarDate] = [:]
      for name in columns.dropFirst() {
        if let d = CalendarDate(parsing: value(name)) {
          dates[name] = d
        } else {
          problem(line, name, "'\(value(name))' is not a date; use YYYY-MM-DD.")
        }
      }
      guard let code, let start = dates["start_date"], let end = dates["end_date"], let payday = dates["payday"] else {
        continue
      }
      for p in PayPeriod.problems(start: start, end: end, payday: payday) {
        problem(line, p.field == "end" ? "end_date" : p.field, p.message)
      }
      if organizations[code] == nil {
        organizations[code] = try? await district(code, scope: scope)
      }
      guard let organization = organizations[code] else {
        problem(
          line, "district_code",
          "District \(code) is not on file or not in your scope; import the school directory first.")
        continue
      }
      periods.append(
        PayPeriod(id: UUID(), districtId: organization.id, district: code, start: start, end: end, payday: payday))
    }
    guard problems.isEmpty else { throw CoreError.importRejected(file: fileName, problems: problems, truncated: false) }
    let actor = viewer.actor.name
    let now = services.now
    let toInsert = periods
    return try await services.database.transaction { db in
      try await PayRepository(db).insertPeriods(toInsert, by: actor, at: now)
    }
  }

  public func periods(district: DistrictCode? = nil, by viewer: Viewer) async throws -> [PayPeriod] {
    let scope = try viewer.require(.viewRecords, "viewing pay periods")
    return try await PayRepository(services.database.sql).periods(scope: scope, district: district)
  }

  /// The period of `district` that contains `date` (or is paid on it); without a date, the next one to be paid.
  public func period(district code: DistrictCode, on date: CalendarDate?, by viewer: Viewer) async throws -> PayPeriod {
    let scope = try viewer.require(.viewRecords, "viewing pay periods")
    guard scope.covers(Self.place(code)) else { throw CoreError.notFound("District \(code)") }
    let repository = PayRepository(services.database.sql)
    var found: PayPeriod?
    if let date {
      found = try await repository.period(district: code, on: date)
    } else {
      found = try await repository.nextPeriod(district: code, onOrAfter: services.today.date)
    }
    guard let found else {
      throw CoreError.notFound(
        date.map { "A pay period of district \(code) containing \($0)" }
          ?? "A pay period of district \(code) paid from today")
    }
    return found
  }

  // MARK: Evaluating

  /// Evaluates one period: each employee's decision, stored with what changed since the last run.
  public func evaluate(periodId: UUID, by viewer: Viewer) async throws -> PayRunResult {
    let scope = try viewer.require(.viewRecords, "evaluating pay periods")
    let db = services.database.sql
    let repository = PayRepository(db)
    guard let period = try await repository.period(id: periodId), scope.covers(Self.place(period.district)) else {
      throw CoreError.notFound("Pay period")
    }
    let employees = try await repository.employees(of: period)
    let decisions = employees.compactMap {
      PayCoverage.decide(period, educatorId: $0.educator.id, employments: $0.employments, documents: $0.documents)
    }.sorted { $0.educatorId.uuidString < $1.educatorId.uuidString }
    let previous = try await repository.decisions(periodId: period.id)
    let newlyHeld = decisions.filter { $0.status == .held && previous[$0.educatorId]?.status != .held }.map(
      \.educatorId)
    let newlyReleased = decisions.filter { $0.status == .released && previous[$0.educatorId]?.status == .held }
      .map(\.educatorId)
    let changed =
      decisions.filter { previous[$0.educatorId]?.status != $0.status }.count
      + previous.keys.filter { id in !decisions.contains { $0.educatorId == id } }.count
    let run = PayRun(
      id: UUID(), periodId: period.id, runOn: services.today.date, runBy: viewer.actor.name,
      held: decisions.filter { $0.status == .held }.count, released: decisions.filter { $0.status == .released }.count,
      changed: changed, at: services.now)
    let actorName = viewer.actor.name
    let toStore = decisions
    try await services.database.transaction { db in
      try await PayRepository(db).record(
        run: run, period: period, decisions: toStore, previous: previous, actorName: actorName)
    }
    let names = Dictionary(uniqueKeysWithValues: employees.map { ($0.educator.id, $0.educator) })
    let due = notices(period, decisions: decisions, educators: names)
    // The warnings go to the outbox, which sends each (period, employee) once however often the period is run.
    _ = try await NoticeOutbox(services).enqueue(due, by: viewer)
    return PayRunResult(
      period: period, run: run, decisions: decisions, newlyHeld: newlyHeld, newlyReleased: newlyReleased,
      notices: due)
  }

  /// Evaluates every period in scope paid from today through the warning window: the daily job
  /// (`credo pay run --due`).
  public func evaluateDue(by viewer: Viewer) async throws -> [PayRunResult] {
    let scope = try viewer.require(.viewRecords, "evaluating pay periods")
    let today = services.today.date
    var results: [PayRunResult] = []
    for period in try await PayRepository(services.database.sql).periods(
      paidFrom: today, through: today.adding(days: warningDays), scope: scope)
    {
      results.append(try await evaluate(periodId: period.id, by: viewer))
    }
    return results
  }

  /// The `pay-hold` warnings due today for a period's holds: from `warningDays` before payday through payday.
  func notices(_ period: PayPeriod, decisions: [PayCoverage.Decision], educators: [UUID: Educator]) -> [NoticeRequest] {
    let today = services.today.date
    let due = period.payday.adding(days: -warningDays)
    guard today >= due, today <= period.payday else { return [] }
    return decisions.filter { $0.status == .held }.map { d in
      NoticeRequest(
        template: Self.noticeTemplate, educatorId: d.educatorId, organizationId: period.districtId,
        audience: Self.noticeAudience, trigger: "pay:\(period.id.uuidString):\(d.educatorId.uuidString)",
        facts: [
          "name": educators[d.educatorId]?.displayName ?? "", "district": period.district.digits,
          "period_start": period.start.iso, "period_end": period.end.iso, "payday": period.payday.iso,
          "uncovered": d.uncovered.map(\.description).joined(separator: ", "),
          "reasons": d.reasons.map { "\($0.days): \($0.explanation)" }.joined(separator: " "),
          "citation": d.citation,
        ], dueOn: due)
    }
  }

  // MARK: Reading

  /// The holds (or releases) in scope, with each employee's staff ID in the period's district.
  public func holds(
    filter: PayHoldFilter, window: ListWindow, by viewer: Viewer, forExport: Bool = false
  )
    async throws -> Page<PayHoldRow>
  {
    let scope = try viewer.require(
      forExport ? .exportData : .viewRecords, forExport ? "exporting" : "viewing pay holds")
    let db = services.database.sql
    let page = try await PayRepository(db).decisions(filter: filter, scope: scope, window: window)
    let summaries = try await EducatorRepository(db).summaries(ids: Array(Set(page.items.map(\.educator.id))))
    let employments = Dictionary(uniqueKeysWithValues: summaries.map { ($0.educator.id, $0.employments) })
    return page.map { stored in
      let staffId =
        employments[stored.educator.id]?.first { $0.record.districtId == stored.period.districtId }?.record
        .localStaffId ?? ""
      return PayHoldRow(stored: stored, localStaffId: staffId)
    }
  }

  /// The next period to be paid in each district in scope (what `/pay` shows first).
  public func nextPeriods(by viewer: Viewer) async throws -> [PayPeriod] {
    let scope = try viewer.require(.viewRecords, "viewing pay periods")
    let today = services.today.date
    let all = try await PayRepository(services.database.sql).periods(scope: scope)
    return Dictionary(grouping: all.filter { $0.payday >= today }, by: \.district).values.compactMap {
      $0.min { $0.payday < $1.payday }
    }.sorted { ($0.payday, $0.district) < ($1.payday, $1.district) }
  }

  public func countsByPeriod(by viewer: Viewer) async throws -> [PayPeriodCount] {
    let scope = try viewer.require(.viewRecords, "viewing pay holds")
    return try await PayRepository(services.database.sql).countsByPeriod(scope: scope)
  }

  public func runs(periodId: UUID, by viewer: Viewer) async throws -> [PayRun] {
    let scope = try viewer.require(.viewRecords, "viewing pay runs")
    let repository = PayRepository(services.database.sql)
    guard let period = try await repository.period(id: periodId), scope.covers(Self.place(period.district)) else {
      throw CoreError.notFound("Pay period")
    }
    return try await repository.runs(periodId: periodId)
  }

  /// One employee's holds and releases in the districts the viewer covers.
  public func history(educatorId: UUID, by viewer: Viewer) async throws -> [PayEvent] {
    let scope = try viewer.require(.viewRecords, "viewing pay history")
    return try await PayRepository(services.database.sql).history(educatorId: educatorId, scope: scope)
  }

  /// The payroll export's columns (docs/INTERCHANGE-EXTENSIONS.md, "Pay holds export").
  public static let csvHeader = [
    "district_code", "period_start", "period_end", "payday", "seid", "local_staff_id", "last_name", "first_name",
    "status", "employed_days", "uncovered_days", "uncovered", "reasons", "citation", "decided_at",
  ]

  public static func csvRow(_ row: PayHoldRow) -> [String] {
    let s = row.stored
    let d = s.decision
    return [
      s.period.district.digits, s.period.start.iso, s.period.end.iso, s.period.payday.iso,
      s.educator.seid?.digits ?? "",
      row.localStaffId, s.educator.lastName, s.educator.firstName, d.status == .held ? "hold" : "release",
      String(d.employedDays), String(d.uncoveredDayCount), d.uncovered.map(\.description).joined(separator: " "),
      d.reasons.map { "\($0.days): \($0.explanation)" }.joined(separator: " | "),
      (d.reasons.isEmpty ? [d.citation] : Array(Set(d.reasons.map(\.citation))).sorted()).joined(separator: " | "),
      ISO8601DateFormatter().string(from: s.decidedAt),
    ]
  }
}
