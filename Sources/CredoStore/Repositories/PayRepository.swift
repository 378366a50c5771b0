import CredoDomain
import Foundation
import SQLKit

/// One employee's current hold or release in one pay period, as lists show it.
public struct StoredPayDecision: Sendable, Hashable {
  public var period: PayPeriod
  public var educator: Educator
  public var decision: PayCoverage.Decision
  public var decidedAt: Date
}

/// One entry of an employee's pay history: a hold or a release, when the run that made it ran, and why.
public struct PayEvent: Sendable, Hashable {
  public var period: PayPeriod
  public var educatorId: UUID
  public var status: PayCoverage.Status
  public var previousStatus: PayCoverage.Status?
  public var explanation: String
  public var actorName: String
  public var at: Date
}

/// One evaluation of a period.
public struct PayRun: Sendable, Hashable {
  public var id: UUID
  public var periodId: UUID
  public var runOn: CalendarDate
  public var runBy: String
  public var held: Int
  public var released: Int
  public var changed: Int
  public var at: Date

  public init(
    id: UUID, periodId: UUID, runOn: CalendarDate, runBy: String, held: Int, released: Int, changed: Int, at: Date
  ) {
    self.id = id
    self.periodId = periodId
    self.runOn = runOn
    self.runBy = runBy
    self.held = held
    self.released = released
    self.changed = changed
    self.at = at
  }
}

/// Holds and releases counted per period, for the chart.
public struct PayPeriodCount: Sendable, Hashable {
  public var period: PayPeriod
  public var held: Int
  public var released: Int
}

/// What the hold lists are filtered by.
public struct PayHoldFilter: Sendable, Hashable {
  public var periodIds: [UUID]?
  public var status: PayCoverage.Status?
  public var district: DistrictCode?
  /// A last-name prefix or a SEID.
  public var text: String?

  public init(
    periodIds: [UUID]? = nil, status: PayCoverage.Status? = .held, district: DistrictCode? = nil, text: String? = nil
  ) {
    self.periodIds = periodIds
    self.status = status
    self.district = district
    self.text = text
  }
}

/// Pay periods, runs, decisions and their history (migration 008).
public struct PayRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  struct PeriodRow: Codable {
    var id: UUID
    var districtId: UUID
    var countyCode: String
    var districtCode: String
    var startsOn: String
    var endsOn: String
    var payday: String
    var createdBy: String
    var createdAt: Date

    func domain() throws -> PayPeriod {
      guard let district = DistrictCode(districtCode), let start = CalendarDate(parsing: startsOn),
        let end = CalendarDate(parsing: endsOn), let payday = CalendarDate(parsing: payday)
      else { throw StoreError.failed(reason: "pay period \(id) has an invalid stored value") }
      return PayPeriod(id: id, districtId: districtId, district: district, start: start, end: end, payday: payday)
    }
  }

  // MARK: Periods

  /// Adds periods; one that starts on the same day in the same district as a stored one is skipped. Returns those
  /// added.
  @discardableResult
  public func insertPeriods(_ periods: [PayPeriod], by: String, at: Date) async throws -> [PayPeriod] {
    var added: [PayPeriod] = []
    for period in periods {
      let exists =
        try await db.select().column("id").from("pay_periods").where("district_id", .equal, period.districtId)
        .where("starts_on", .equal, period.start.iso).first() != nil
      if exists { continue }
      try await db.insert(into: "pay_periods").model(
        PeriodRow(
          id: period.id, districtId: period.districtId, countyCode: String(period.district.digits.prefix(2)),
          districtCode: period.district.digits, startsOn: period.start.iso, endsOn: period.end.iso,
          payday: period.payday.iso, createdBy: by, createdAt: at), with: Coding.encoder
      ).run()
      added.append(period)
    }
    return added
  }

  public func period(id: UUID) async throws -> PayPeriod? {
    try await db.select().column("*").from("pay_periods").where("id", .equal, id)
      .first(decoding: PeriodRow.self, with: Coding.decoder)?.domain()
  }

  /// The periods in scope (districts the scope covers), latest first.
  public func periods(scope: AccessScope, district: DistrictCode? = nil, limit: Int = 500) async throws -> [PayPeriod] {
    var conditions: [SQLQueryString] = ["1 = 1"]
    if let district { conditions.append("p.district_code = \(bind: district.digits)") }
    if let scoped = Self.scopeCondition(scope, table: "p") { conditions.append(scoped) }
    return try await db.raw(
      "SELECT p.* FROM pay_periods p WHERE " + conditions.joined(separator: " AND ")
        + " ORDER BY p.payday DESC, p.district_code ASC LIMIT \(literal: limit)"
    ).all(decoding: PeriodRow.self, with: Coding.decoder).map { try $0.domain() }
  }

  /// The period of `district` paid on or after `date`, soonest first: the next payday.
  public func nextPeriod(district: DistrictCode, onOrAfter date: CalendarDate) async throws -> PayPeriod? {
    try await db.raw(
      "SELECT * FROM pay_periods WHERE district_code = \(bind: district.digits) AND payday >= \(bind: date.iso) ORDER BY payday ASC LIMIT 1"
    ).first(decoding: PeriodRow.self, with: Coding.decoder)?.domain()
  }

  /// The period of `district` that starts or is paid on `date`, or that contains it.
  public func period(district: DistrictCode, on date: CalendarDate) async throws -> PayPeriod? {
    try await db.raw(
      """
      SELECT * FROM pay_periods WHERE district_code = \(bind: district.digits)
      AND ((starts_on <= \(bind: date.iso) AND ends_on >= \(bind: date.iso)) OR payday = \(bind: date.iso))
      ORDER BY starts_on DESC LIMIT 1
      """
    ).first(decoding: PeriodRow.self, with: Coding.decoder)?.domain()
  }

  /// The periods in scope whose payday falls in [from, through]: the ones warnings are due for.
  public func periods(
    paidFrom from: CalendarDate, through: CalendarDate, scope: AccessScope
  ) async throws
    -> [PayPeriod]
  {
    var conditions: [SQLQueryString] = ["p.payday >= \(bind: from.iso)", "p.payday <= \(bind: through.iso)"]
    if let scoped = Self.scopeCondition(scope, table: "p") { conditions.append(scoped) }
    return try await db.raw(
      "SELECT p.* FROM pay_periods p WHERE " + conditions.joined(separator: " AND ") + " ORDER BY p.payday ASC"
    ).all(decoding: PeriodRow.self, with: Coding.decoder).map { try $0.domain() }
  }

  static func scopeCondition(_ scope: AccessScope, table: String) -> SQLQueryString? {
    // A school-level role sees no district's payroll.
    ScopeFilter.condition(
      scope, county: "\(table).county_code", district: "\(table).district_code", school: "'-'")
  }

  // MARK: Evaluating

  /// The educators employed in the period's district at some time during the period, with their employments and
  /// every version of their documents.
  public func employees(
    of period: PayPeriod
  ) async throws -> [(
    educator: Educator, employments: [EmploymentRecord], documents: [CredentialDocument]
  )] {
    let ids = try await db.raw(
      """
      SELECT DISTINCT educator_id AS id FROM employments WHERE district_id = \(bind: period.districtId)
      AND start_date <= \(bind: period.end.iso) AND (end_date IS NULL OR end_date >= \(bind: period.start.iso))
      """
    ).all(decodingColumn: "id", as: UUID.self)
    guard !ids.isEmpty else { return [] }
    let summaries = try await EducatorRepository(db).summaries(ids: ids)
    var versions: [UUID: [CredentialDocument]] = [:]
    let credentials = CredentialRepository(db)
    var start = 0
    while start < ids.count {
      let chunk = Array(ids[start..<min(ids.count, start + 1_000)])
      versions.merge(try await credentials.allVersions(educatorIds: chunk)) { $1 }
      start += 1_000
    }
    return summaries.map { ($0.educator, $0.employments.map(\.record), versions[$0.educator.id] ?? []) }
  }

  struct DecisionRow: Codable {
    var periodId: UUID
    var educatorId: UUID
    var countyCode: String
    var districtCode: String
    var status: String
    var employedDays: Int
    var uncoveredDays: Int
    var uncovered: String
    var reasons: String
    var explanation: String
    var runId: UUID
    var decidedAt: Date

    func domain() throws -> PayCoverage.Decision {
      guard let status = PayCoverage.Status(rawValue: status) else {
        throw StoreError.failed(reason: "pay decision for \(educatorId) has an invalid status")
      }
      let reasons = (try? JSONDecoder().decode([PayCoverage.Reason].self, from: Data(reasons.utf8))) ?? []
      return PayCoverage.Decision(
        educatorId: educatorId, status: status, employedDays: employedDays,
        uncovered: uncovered.split(separator: " ").compactMap { DayRange(parsing: $0) }, reasons: reasons,
        explanation: explanation, citation: PayCoverage.citation)
    }
  }

  /// The current decisions of one period, by educator.
  public func decisions(periodId: UUID) async throws -> [UUID: PayCoverage.Decision] {
    let rows = try await db.select().column("*").from("pay_decisions").where("period_id", .equal, periodId)
      .all(decoding: DecisionRow.self, with: Coding.decoder)
    var result: [UUID: PayCoverage.Decision] = [:]
    for row in rows { result[row.educatorId] = try row.domain() }
    return result
  }

  /// Stores one run: the run row, the period's decisions replaced by `decisions`, and an event for each employee
  /// whose status is new or changed (`previous` is what was stored before). Call inside a transaction.
  public func record(
    run: PayRun, period: PayPeriod, decisions: [PayCoverage.Decision],
    previous: [UUID: PayCoverage.Decision], actorName: String
  ) async throws {
    struct RunRow: Codable {
      var id: UUID
      var periodId: UUID
      var runOn: String
      var runBy: String
      var held: Int
      var released: Int
      var changed: Int
      var runAt: Date
    }
    try await db.insert(into: "pay_runs").model(
      RunRow(
        id: run.id, periodId: run.periodId, runOn: run.runOn.iso, runBy: run.runBy, held: run.held,
        released: run.released, changed: run.changed, runAt: run.at), with: Coding.encoder
    ).run()
    try await db.delete(from: "pay_decisions").where("period_id", .equal, period.id).run()
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let rows = try decisions.map { d in
      DecisionRow(
        periodId: period.id, educatorId: d.educatorId, countyCode: String(period.district.digits.prefix(2)),
        districtCode: period.district.digits, status: d.status.rawValue, employedDays: d.employedDays,
        uncoveredDays: d.uncoveredDayCount, uncovered: d.uncovered.map(\.description).joined(separator: " "),
        reasons: String(decoding: try encoder.encode(d.reasons), as: UTF8.self), explanation: d.explanation,
        runId: run.id, decidedAt: run.at)
    }
    try await db.insertBatched(rows, into: "pay_decisions", columnsPerRow: 12)
    struct EventRow: Codable {
      var id: UUID
      var periodId: UUID
      var educatorId: UUID
      var runId: UUID
      var sequence: Int
      var status: String
      var previousStatus: String?
      var explanation: String
      var actorName: String
      var at: Date
    }
    // Each employee's events in a period are numbered, so the history reads in order even within one second.
    struct Count: Decodable {
      var educatorId: UUID
      var n: Int
    }
    var sequence = Dictionary(
      uniqueKeysWithValues: try await db.raw(
        "SELECT educator_id, COUNT(*) AS n FROM pay_events WHERE period_id = \(bind: period.id) GROUP BY 1"
      ).all(decoding: Count.self, with: Coding.decoder).map { ($0.educatorId, $0.n) })
    func next(_ id: UUID) -> Int {
      sequence[id, default: 0] += 1
      return sequence[id]!
    }
    var events: [EventRow] = []
    for d in decisions where previous[d.educatorId]?.status != d.status {
      events.append(
        EventRow(
          id: UUID(), periodId: period.id, educatorId: d.educatorId, runId: run.id, sequence: next(d.educatorId),
          status: d.status.rawValue,
          previousStatus: previous[d.educatorId]?.status.rawValue, explanation: d.explanation, actorName: actorName,
          at: run.at))
    }
    // An employee no longer employed in the period (employment corrected) leaves it: released, with why.
    for (id, old) in previous where old.status == .held && !decisions.contains(where: { $0.educatorId == id }) {
      events.append(
        EventRow(
          id: UUID(), periodId: period.id, educatorId: id, runId: run.id, sequence: next(id),
          status: PayCoverage.Status.released.rawValue,
          previousStatus: old.status.rawValue,
          explanation: "No longer employed in the district during the period; nothing to hold.", actorName: actorName,
          at: run.at))
    }
    try await db.insertBatched(events, into: "pay_events", columnsPerRow: 10)
  }

  public func runs(periodId: UUID) async throws -> [PayRun] {
    struct Row: Decodable {
      var id: UUID
      var periodId: UUID
      var runOn: String
      var runBy: String
      var held: Int
      var released: Int
      var changed: Int
      var runAt: Date
    }
    return try await db.select().column("*").from("pay_runs").where("period_id", .equal, periodId)
      .orderBy("run_at", .descending).all(decoding: Row.self, with: Coding.decoder).compactMap { r in
        CalendarDate(parsing: r.runOn).map {
          PayRun(
            id: r.id, periodId: r.periodId, runOn: $0, runBy: r.runBy, held: r.held, released: r.released,
            changed: r.changed, at: r.runAt)
        }
      }
  }

  // MARK: Lists

  public static let sortColumns: [String: String] = [
    "name": "e.last_name_key %@, e.first_name_key %@", "payday": "p.payday %@, e.last_name_key ASC",
    "days": "d.uncovered_days %@, e.last_name_key ASC", "district": "p.district_code %@, e.last_name_key ASC",
  ]

  /// A page of decisions in scope matching `filter`.
  public func decisions(
    filter: PayHoldFilter, scope: AccessScope, window: ListWindow
  ) async throws -> Page<
    StoredPayDecision
  > {
    var conditions: [SQLQueryString] = ["1 = 1"]
    if let ids = filter.periodIds {
      conditions.append(ids.isEmpty ? "1 = 0" : "d.period_id IN (\(binds: ids))")
    }
    if let status = filter.status { conditions.append("d.status = \(bind: status.rawValue)") }
    if let district = filter.district { conditions.append("d.district_code = \(bind: district.digits)") }
    if let text = filter.text, !text.isEmpty {
      if let seid = SEID(text) {
        conditions.append("e.seid = \(bind: seid.digits)")
      } else {
        let key = Educator.searchKey(text)
        conditions.append("e.last_name_key >= \(bind: key) AND e.last_name_key < \(bind: key + "\u{10FFFF}")")
      }
    }
    if let scoped = Self.scopeCondition(scope, table: "d") { conditions.append(scoped) }
    let from: SQLQueryString =
      " FROM pay_decisions d JOIN pay_periods p ON p.id = d.period_id JOIN educators e ON e.id = d.educator_id WHERE "
      + conditions.joined(separator: " AND ")
    let total = try await db.raw("SELECT COUNT(*) AS n" + from).first(decodingColumn: "n", as: Int.self) ?? 0
    let direction = window.descending ? "DESC" : "ASC"
    let order = (Self.sortColumns[window.sort] ?? Self.sortColumns["name"]!).replacingOccurrences(
      of: "%@", with: direction)
    let rows = try await db.raw(
      "SELECT d.*, p.district_id AS p_district_id, p.starts_on AS p_starts_on, p.ends_on AS p_ends_on, p.payday AS p_payday"
        + from + " ORDER BY \(unsafeRaw: order), d.educator_id ASC" + window.limitClause
    ).all()
    struct PeriodColumns: Decodable {
      var pDistrictId: UUID
      var pStartsOn: String
      var pEndsOn: String
      var pPayday: String
    }
    let educators = Dictionary(
      uniqueKeysWithValues: try await EducatorRepository(db).basic(
        ids: Array(Set(try rows.map { try $0.decode(column: "educator_id", as: UUID.self) }))
      ).map { ($0.id, $0) })
    var items: [StoredPayDecision] = []
    for row in rows {
      let d = try row.decode(model: DecisionRow.self, with: Coding.decoder)
      let p = try row.decode(model: PeriodColumns.self, with: Coding.decoder)
      guard let educator = educators[d.educatorId], let district = DistrictCode(d.districtCode),
        let start = CalendarDate(parsing: p.pStartsOn), let end = CalendarDate(parsing: p.pEndsOn),
        let payday = CalendarDate(parsing: p.pPayday)
      else { continue }
      items.append(
        StoredPayDecision(
          period: PayPeriod(
            id: d.periodId, districtId: p.pDistrictId, district: district, start: start, end: end, payday: payday),
          educator: educator, decision: try d.domain(), decidedAt: d.decidedAt))
    }
    return Page(
      items: items, total: total, page: window.page, perPage: window.perPage == 0 ? max(total, 1) : window.perPage)
  }

  /// Holds and releases per period in scope, latest `limit` periods, oldest first (for the chart).
  public func countsByPeriod(scope: AccessScope, limit: Int = 12) async throws -> [PayPeriodCount] {
    let periods = try await periods(scope: scope, limit: limit)
    guard !periods.isEmpty else { return [] }
    struct Row: Decodable {
      var periodId: UUID
      var status: String
      var n: Int
    }
    let rows = try await db.raw(
      "SELECT period_id, status, COUNT(*) AS n FROM pay_decisions WHERE period_id IN (\(binds: periods.map(\.id))) GROUP BY 1, 2"
    ).all(decoding: Row.self, with: Coding.decoder)
    return periods.reversed().map { p in
      PayPeriodCount(
        period: p,
        held: rows.first { $0.periodId == p.id && $0.status == "held" }?.n ?? 0,
        released: rows.first { $0.periodId == p.id && $0.status == "released" }?.n ?? 0)
    }
  }

  /// One employee's holds and releases, newest first, in the districts `scope` covers.
  public func history(educatorId: UUID, scope: AccessScope) async throws -> [PayEvent] {
    var conditions: [SQLQueryString] = ["v.educator_id = \(bind: educatorId)"]
    if let scoped = Self.scopeCondition(scope, table: "p") { conditions.append(scoped) }
    struct Row: Decodable {
      var periodId: UUID
      var educatorId: UUID
      var status: String
      var previousStatus: String?
      var explanation: String
      var actorName: String
      var at: Date
    }
    let rows = try await db.raw(
      "SELECT v.*, p.district_id AS p_district_id, p.district_code AS p_district_code, p.starts_on AS p_starts_on, p.ends_on AS p_ends_on, p.payday AS p_payday FROM pay_events v JOIN pay_periods p ON p.id = v.period_id WHERE "
        + conditions.joined(separator: " AND ") + " ORDER BY v.at DESC, v.sequence DESC, p.starts_on DESC"
    ).all()
    struct PeriodColumns: Decodable {
      var pDistrictId: UUID
      var pDistrictCode: String
      var pStartsOn: String
      var pEndsOn: String
      var pPayday: String
    }
    return try rows.compactMap { row in
      let r = try row.decode(model: Row.self, with: Coding.decoder)
      let p = try row.decode(model: PeriodColumns.self, with: Coding.decoder)
      guard let status = PayCoverage.Status(rawValue: r.status), let district = DistrictCode(p.pDistrictCode),
        let start = CalendarDate(parsing: p.pStartsOn), let end = CalendarDate(parsing: p.pEndsOn),
        let payday = CalendarDate(parsing: p.pPayday)
      else { return nil }
      return PayEvent(
        period: PayPeriod(
          id: r.periodId, districtId: p.pDistrictId, district: district, start: start, end: end, payday: payday),
        educatorId: r.educatorId, status: status,
        previousStatus: r.previousStatus.flatMap(PayCoverage.Status.init(rawValue:)), explanation: r.explanation,
        actorName: r.actorName, at: r.at)
    }
  }
}
