import CredoDomain
import Foundation
import SQLKit

/// What an organization list is filtered by.
public struct OrganizationFilter: Sendable, Hashable {
  public var kind: OrganizationKind?
  public var county: CountyCode?
  public var district: DistrictCode?
  public var status: OrganizationStatus?
  public var charter: Bool?
  /// Matches the start of any word of the name, or a CDS code prefix.
  public var text: String?

  public init(
    kind: OrganizationKind? = nil, county: CountyCode? = nil, district: DistrictCode? = nil,
    status: OrganizationStatus? = nil, charter: Bool? = nil, text: String? = nil
  ) {
    self.kind = kind
    self.county = county
    self.district = district
    self.status = status
    self.charter = charter
    self.text = text
  }
}

/// Reads and writes organizations.
public struct OrganizationRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  public static let sortColumns: [String: String] = [
    "name": "name_key", "cds": "cds_code", "kind": "kind", "status": "status", "city": "city",
    "county": "county_name", "district": "district_name", "type": "school_type",
  ]

  public func insert(_ organizations: [Organization], now: Date) async throws {
    do {
      try await db.insertBatched(
        organizations.map { OrganizationRow($0, now: now) }, into: "organizations",
        columnsPerRow: OrganizationRow.columnCount)
    } catch { throw StoreError.from(error, what: "An organization with that CDS code") }
  }

  /// Replaces every field of an existing organization (matched by id), keeping its creation time.
  public func update(_ organization: Organization, now: Date) async throws {
    let row = OrganizationRow(organization, now: now)
    try await db.update("organizations")
      .set("kind", to: row.kind).set("county_code", to: row.countyCode).set("district_code", to: row.districtCode)
      .set("parent_id", to: row.parentId).set("name", to: row.name).set("name_key", to: row.nameKey)
      .set("county_name", to: row.countyName).set("district_name", to: row.districtName)
      .set("status", to: row.status).set("ownership_code", to: row.ownershipCode)
      .set("ownership_type", to: row.ownershipType).set("school_type_code", to: row.schoolTypeCode)
      .set("school_type", to: row.schoolType).set("is_charter", to: row.isCharter)
      .set("charter_number", to: row.charterNumber).set("funding_type", to: row.fundingType)
      .set("grade_span", to: row.gradeSpan).set("open_date", to: row.openDate).set("closed_date", to: row.closedDate)
      .set("street", to: row.street).set("city", to: row.city).set("zip", to: row.zip).set("phone", to: row.phone)
      .set("website", to: row.website).set("administrator_name", to: row.administratorName)
      .set("administrator_email", to: row.administratorEmail).set("updated_at", to: now)
      .where("id", .equal, organization.id)
      .run()
  }

  public func find(id: UUID) async throws -> Organization? {
    try await db.select().column("*").from("organizations").where("id", .equal, id)
      .first(decoding: OrganizationRow.self, with: Coding.decoder)?.domain()
  }

  public func find(cds: CDSCode) async throws -> Organization? {
    try await db.select().column("*").from("organizations").where("cds_code", .equal, cds.digits)
      .first(decoding: OrganizationRow.self, with: Coding.decoder)?.domain()
  }

  /// The organizations with these CDS codes (those on file), keyed by code.
  public func find(cdsCodes: some Collection<String>) async throws -> [String: Organization] {
    var result: [String: Organization] = [:]
    for chunk in Array(Set(cdsCodes)).sorted().chunked(into: 500) {
      for row in try await db.select().column("*").from("organizations").where("cds_code", .in, chunk)
        .all(decoding: OrganizationRow.self, with: Coding.decoder)
      {
        let organization = try row.domain()
        result[organization.cdsCode.digits] = organization
      }
    }
    return result
  }

  /// Every organization, for import matching (about 20,000 rows statewide).
  public func all() async throws -> [Organization] {
    try await db.select().column("*").from("organizations").orderBy("cds_code")
      .all(decoding: OrganizationRow.self, with: Coding.decoder).map { try $0.domain() }
  }

  public func count() async throws -> Int {
    try await db.raw("SELECT COUNT(*) AS n FROM organizations").first(decodingColumn: "n", as: Int.self) ?? 0
  }

  /// A page of organizations in `scope` matching `filter`.
  public func list(
    _ filter: OrganizationFilter, scope: AccessScope, window: ListWindow
  ) async throws -> Page<Organization> {
    var conditions: [SQLQueryString] = []
    if let scoped = ScopeFilter.organizationCondition(scope) { conditions.append(scoped) }
    if let kind = filter.kind { conditions.append("kind = \(bind: kind.rawValue)") }
    if let county = filter.county { conditions.append("county_code = \(bind: county.digits)") }
    if let district = filter.district { conditions.append("district_code = \(bind: district.digits)") }
    if let status = filter.status { conditions.append("status = \(bind: status.rawValue)") }
    if let charter = filter.charter { conditions.append("is_charter = \(bind: charter)") }
    if let text = filter.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
      if text.allSatisfy(\.isASCIIDigit) {
        conditions.append("cds_code LIKE \(bind: text + "%")")
      } else {
        let key = Educator.searchKey(text)
        conditions.append("(name_key LIKE \(bind: key + "%") OR name_key LIKE \(bind: "% " + key + "%"))")
      }
    }
    let whereClause: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    let total =
      try await db.raw("SELECT COUNT(*) AS n FROM organizations" + whereClause)
      .first(decodingColumn: "n", as: Int.self) ?? 0
    let column = Self.sortColumns[window.sort] ?? "name_key"
    let direction = window.descending ? "DESC" : "ASC"
    let rows = try await db.raw(
      "SELECT * FROM organizations" + whereClause
        + " ORDER BY \(unsafeRaw: column) \(unsafeRaw: direction), cds_code ASC" + window.limitClause
    ).all(decoding: OrganizationRow.self, with: Coding.decoder)
    return Page(
      items: try rows.map { try $0.domain() }, total: total, page: window.page,
      perPage: window.perPage == 0 ? max(total, 1) : window.perPage)
  }

  /// Counts by kind within scope, for the dashboard.
  public func countsByKind(scope: AccessScope) async throws -> [OrganizationKind: Int] {
    let scoped = ScopeFilter.organizationCondition(scope)
    let whereClause: SQLQueryString = scoped.map { " WHERE " + $0 } ?? ""
    let rows = try await db.raw("SELECT kind, COUNT(*) AS n FROM organizations" + whereClause + " GROUP BY kind").all()
    var result: [OrganizationKind: Int] = [:]
    for row in rows {
      if let kind = OrganizationKind(rawValue: try row.decode(column: "kind", as: String.self)) {
        result[kind] = try row.decode(column: "n", as: Int.self)
      }
    }
    return result
  }
}
