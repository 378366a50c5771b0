import CredoDomain
import Foundation
import SQLKit

/// What an educator list is filtered by.
public struct EducatorFilter: Sendable, Hashable {
  /// A name ("Garcia", "Garcia, Ma", "Maria Garcia"), a 10-digit SEID, or a local staff ID.
  public var text: String?
  public var district: DistrictCode?
  public var school: CDSCode?
  public var status: EmploymentStatus?

  public init(
    text: String? = nil, district: DistrictCode? = nil, school: CDSCode? = nil, status: EmploymentStatus? = nil
  ) {
    self.text = text
    self.district = district
    self.school = school
    self.status = status
  }
}

/// An employment with the names of its district and school, as lists and pages show it.
public struct EmploymentSummary: Sendable, Hashable {
  public var record: EmploymentRecord
  public var districtName: String
  public var schoolName: String?

  public init(record: EmploymentRecord, districtName: String, schoolName: String?) {
    self.record = record
    self.districtName = districtName
    self.schoolName = schoolName
  }
}

/// An educator with their employments, one row of the educator list.
public struct EducatorSummary: Sendable, Hashable {
  public var educator: Educator
  public var employments: [EmploymentSummary]

  public init(educator: Educator, employments: [EmploymentSummary]) {
    self.educator = educator
    self.employments = employments
  }
}

/// Reads and writes educators and their employment records.
public struct EducatorRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  public static let sortColumns: [String: String] = [
    "name": "last_name_key %@, first_name_key %@", "seid": "(seid IS NULL), seid %@",
    "birth": "(birth_date IS NULL), birth_date %@",
  ]

  public func insert(_ educators: [Educator], now: Date) async throws {
    do {
      try await db.insertBulk(educators.map { EducatorRow($0, now: now) }, into: "educators")
    } catch { throw StoreError.from(error, what: "An educator with that SEID") }
  }

  public func insert(_ employments: [EmploymentRecord], now: Date) async throws {
    do {
      try await db.insertBulk(employments.map { EmploymentRow($0, now: now) }, into: "employments")
    } catch { throw StoreError.from(error, what: "The employment's educator or organization") }
  }

  public func update(_ educator: Educator, now: Date) async throws {
    let row = EducatorRow(educator, now: now)
    do {
      try await db.update("educators")
        .set("seid", to: row.seid).set("first_name", to: row.firstName).set("middle_name", to: row.middleName)
        .set("last_name", to: row.lastName).set("last_name_key", to: row.lastNameKey)
        .set("first_name_key", to: row.firstNameKey).set("birth_date", to: row.birthDate).set("email", to: row.email)
        .set("updated_at", to: now)
        .where("id", .equal, educator.id)
        .run()
    } catch { throw StoreError.from(error, what: "An educator with SEID \(educator.seid?.digits ?? "")") }
  }

  public func count() async throws -> Int {
    try await db.raw("SELECT COUNT(*) AS n FROM educators").first(decodingColumn: "n", as: Int.self) ?? 0
  }

  public func find(id: UUID) async throws -> Educator? {
    try await db.select().column("*").from("educators").where("id", .equal, id)
      .first(decoding: EducatorRow.self, with: Coding.decoder)?.domain()
  }

  public func find(seid: SEID) async throws -> Educator? {
    try await db.select().column("*").from("educators").where("seid", .equal, seid.digits)
      .first(decoding: EducatorRow.self, with: Coding.decoder)?.domain()
  }

  /// Educators by id, without their employments (unscoped: callers pass ids already found within scope).
  public func basic(ids: [UUID]) async throws -> [Educator] {
    var result: [Educator] = []
    var start = 0
    while start < ids.count {
      let chunk = Array(ids[start..<min(ids.count, start + 1_000)])
      result += try await db.select().column("*").from("educators").where("id", .in, chunk)
        .all(decoding: EducatorRow.self, with: Coding.decoder).map { $0.domain() }
      start += 1_000
    }
    return result
  }

  /// Educators born on `date`: where CTC list rows without a known SEID look for candidates.
  public func born(on date: CalendarDate) async throws -> [Educator] {
    try await db.select().column("*").from("educators").where("birth_date", .equal, date.iso)
      .all(decoding: EducatorRow.self, with: Coding.decoder).map { $0.domain() }
  }

  /// Educators with their employments, by id (unscoped: callers pass ids already found within scope).
  public func summaries(ids: [UUID]) async throws -> [EducatorSummary] {
    var result: [EducatorSummary] = []
    var start = 0
    while start < ids.count {
      let chunk = Array(ids[start..<min(ids.count, start + 1_000)])
      let rows = try await db.select().column("*").from("educators").where("id", .in, chunk)
        .all(decoding: EducatorRow.self, with: Coding.decoder)
      let employments = try await employments(ofAny: chunk)
      result += rows.map { EducatorSummary(educator: $0.domain(), employments: employments[$0.id] ?? []) }
      start += 1_000
    }
    return result
  }

  /// Educator ids by SEID, for the SEIDs that are on file.
  public func ids(seids: [SEID]) async throws -> [SEID: UUID] {
    struct Row: Decodable {
      var id: UUID
      var seid: String
    }
    var result: [SEID: UUID] = [:]
    var start = 0
    while start < seids.count {
      let chunk = seids[start..<min(seids.count, start + 1_000)].map(\.digits)
      let rows = try await db.select().columns("id", "seid").from("educators").where("seid", .in, chunk)
        .all(decoding: Row.self, with: Coding.decoder)
      for row in rows { if let seid = SEID(row.seid) { result[seid] = row.id } }
      start += 1_000
    }
    return result
  }

  /// Which of `ids` have an employment inside `scope`.
  public func visibleIds(_ ids: [UUID], scope: AccessScope) async throws -> Set<UUID> {
    guard
      let condition = ScopeFilter.condition(
        scope, county: "e.county_code", district: "e.district_code", school: "e.school_cds")
    else { return Set(ids) }
    var result = Set<UUID>()
    var start = 0
    while start < ids.count {
      let chunk = Array(ids[start..<min(ids.count, start + 1_000)])
      let rows = try await db.raw(
        "SELECT DISTINCT e.educator_id AS id FROM employments e WHERE e.educator_id IN (\(binds: chunk)) AND "
          + condition
      ).all(decodingColumn: "id", as: UUID.self)
      result.formUnion(rows)
      start += 1_000
    }
    return result
  }

  /// Whether the educator has an employment inside `scope`: the check behind every single-record read.
  public func isVisible(educatorId: UUID, scope: AccessScope) async throws -> Bool {
    guard let condition = ScopeFilter.educatorCondition(scope, educatorColumn: "educators.id") else {
      return try await find(id: educatorId) != nil
    }
    let n = try await db.raw(
      "SELECT COUNT(*) AS n FROM educators WHERE educators.id = \(bind: educatorId) AND " + condition
    ).first(decodingColumn: "n", as: Int.self)
    return (n ?? 0) > 0
  }

  /// The employments of one educator with their organizations' names, newest first.
  public func employments(of educatorId: UUID) async throws -> [EmploymentSummary] {
    try await employments(ofAny: [educatorId])[educatorId] ?? []
  }

  func employments(ofAny ids: [UUID]) async throws -> [UUID: [EmploymentSummary]] {
    guard !ids.isEmpty else { return [:] }
    // Bind at most 1,000 ids a statement: exports of every educator stay under both backends' limits.
    if ids.count > 1_000 {
      var merged: [UUID: [EmploymentSummary]] = [:]
      var start = 0
      while start < ids.count {
        let chunk = Array(ids[start..<min(ids.count, start + 1_000)])
        merged.merge(try await employments(ofAny: chunk)) { $1 }
        start += 1_000
      }
      return merged
    }
    struct Joined: Decodable {
      var districtName: String
      var schoolName: String?
    }
    var result: [UUID: [EmploymentSummary]] = [:]
    let rows = try await db.raw(
      """
      SELECT e.*, d.name AS district_name, s.name AS school_name FROM employments e
      JOIN organizations d ON d.id = e.district_id LEFT JOIN organizations s ON s.id = e.school_id
      WHERE e.educator_id IN (\(binds: ids)) ORDER BY e.start_date DESC
      """
    ).all()
    for row in rows {
      let employment = try row.decode(model: EmploymentRow.self, with: Coding.decoder).domain()
      let names = try row.decode(model: Joined.self, with: Coding.decoder)
      result[employment.educatorId, default: []].append(
        EmploymentSummary(record: employment, districtName: names.districtName, schoolName: names.schoolName))
    }
    return result
  }

  /// A page of educators in `scope` matching `filter`, with their employments.
  public func list(
    _ filter: EducatorFilter, scope: AccessScope, window: ListWindow
  ) async throws -> Page<EducatorSummary> {
    // Scope and the employment filters apply to the same employment row: a district filter finds the
    // educators employed there as far as the viewer can see, never through an employment out of scope.
    var employmentConditions: [SQLQueryString] = []
    if let scoped = ScopeFilter.condition(
      scope, county: "f.county_code", district: "f.district_code", school: "f.school_cds")
    {
      employmentConditions.append(scoped)
    }
    if let district = filter.district { employmentConditions.append("f.district_code = \(bind: district.digits)") }
    if let school = filter.school { employmentConditions.append("f.school_cds = \(bind: school.digits)") }
    if let status = filter.status { employmentConditions.append("f.status = \(bind: status.rawValue)") }
    let employmentWhere = employmentConditions.joined(separator: " AND ")
    var conditions: [SQLQueryString] = []
    if !employmentConditions.isEmpty {
      conditions.append(
        "EXISTS (SELECT 1 FROM employments f WHERE f.educator_id = educators.id AND " + employmentWhere + ")")
    }
    let text = filter.text?.trimmingCharacters(in: .whitespaces) ?? ""
    if !text.isEmpty { conditions.append(Self.textCondition(text, scope: scope)) }
    let whereClause: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    // Without a name search, counting distinct educators on the employment index is several times faster
    // than probing every educator.
    let countQuery: SQLQueryString =
      text.isEmpty && !employmentConditions.isEmpty
      ? "SELECT COUNT(*) AS n FROM (SELECT DISTINCT f.educator_id FROM employments f WHERE " + employmentWhere
        + ") d"
      : "SELECT COUNT(*) AS n FROM educators" + whereClause
    let total = try await db.raw(countQuery).first(decodingColumn: "n", as: Int.self) ?? 0
    let direction = window.descending ? "DESC" : "ASC"
    let order = (Self.sortColumns[window.sort] ?? Self.sortColumns["name"]!).replacingOccurrences(
      of: "%@", with: direction)
    let rows = try await db.raw(
      "SELECT * FROM educators" + whereClause + " ORDER BY \(unsafeRaw: order), id ASC" + window.limitClause
    ).all(decoding: EducatorRow.self, with: Coding.decoder)
    let educators = rows.map { $0.domain() }
    let employments = try await employments(ofAny: educators.map(\.id))
    return Page(
      items: educators.map { EducatorSummary(educator: $0, employments: employments[$0.id] ?? []) }, total: total,
      page: window.page, perPage: window.perPage == 0 ? max(total, 1) : window.perPage)
  }

  /// Searching: a 10-digit number is an SEID; "Last, First" and "First Last" match name prefixes; one word
  /// matches a last-name prefix or a local staff ID exactly. Prefix matches are written as ranges so both
  /// backends use the name index.
  static func textCondition(_ text: String, scope: AccessScope) -> SQLQueryString {
    if let seid = SEID(text) { return "educators.seid = \(bind: seid.digits)" }
    func prefix(_ column: String, _ value: String) -> SQLQueryString {
      let key = Educator.searchKey(value)
      return "(\(unsafeRaw: column) >= \(bind: key) AND \(unsafeRaw: column) < \(bind: key + "\u{10FFFF}"))"
    }
    if text.contains(",") {
      let parts = text.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      let last = prefix("last_name_key", parts[0])
      if parts.count > 1, !parts[1].isEmpty { return last + " AND " + prefix("first_name_key", parts[1]) }
      return last
    }
    let words = text.split(separator: " ").map(String.init)
    if words.count >= 2 {
      // "Maria Garcia", or a compound last name such as "De La Cruz".
      return "((" + prefix("first_name_key", words[0]) + " AND "
        + prefix("last_name_key", words.dropFirst().joined(separator: " ")) + ") OR " + prefix("last_name_key", text)
        + ")"
    }
    // A staff ID is matched only on employments in scope, so another district's IDs cannot be probed.
    let scoped = ScopeFilter.condition(
      scope, county: "l.county_code", district: "l.district_code", school: "l.school_cds")
    let inScope: SQLQueryString = scoped.map { " AND " + $0 } ?? ""
    return "(" + prefix("last_name_key", text)
      + " OR EXISTS (SELECT 1 FROM employments l WHERE l.educator_id = educators.id AND l.local_staff_id = \(bind: text)"
      + inScope + "))"
  }

  /// Employment counts by status in scope (current and past), for the dashboard chart.
  public func employmentCountsByStatus(scope: AccessScope) async throws -> [EmploymentStatus: Int] {
    let scoped = ScopeFilter.condition(scope, county: "county_code", district: "district_code", school: "school_cds")
    let whereClause: SQLQueryString = scoped.map { " WHERE " + $0 } ?? ""
    let rows = try await db.raw("SELECT status, COUNT(*) AS n FROM employments" + whereClause + " GROUP BY status")
      .all()
    var result: [EmploymentStatus: Int] = [:]
    for row in rows {
      if let status = EmploymentStatus(rawValue: try row.decode(column: "status", as: String.self)) {
        result[status] = try row.decode(column: "n", as: Int.self)
      }
    }
    return result
  }

  /// How many educators are in scope.
  public func count(scope: AccessScope) async throws -> Int {
    guard
      let condition = ScopeFilter.condition(
        scope, county: "sc.county_code", district: "sc.district_code", school: "sc.school_cds")
    else {
      return try await count()
    }
    // The educators in scope are those with an employment in scope (`ScopeFilter.educatorCondition`); counted
    // from the place indexes alone (a county of the state year: 5 ms, against 24 ms through the educators table).
    return try await db.raw("SELECT COUNT(DISTINCT sc.educator_id) AS n FROM employments sc WHERE " + condition)
      .first(decodingColumn: "n", as: Int.self) ?? 0
  }
}
