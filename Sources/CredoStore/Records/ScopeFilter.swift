import CredoDomain
import SQLKit

/// Turns an `AccessScope` into a SQL condition: the one translation of scope into queries, used by every
/// repository that lists or reads scoped records.
enum ScopeFilter {
  /// A condition on a row that carries place columns. Nil means "no restriction".
  static func condition(_ scope: AccessScope, county: String, district: String, school: String) -> SQLQueryString? {
    if scope.isUnlimited { return nil }
    if scope.isEmpty { return "1 = 0" }
    var parts: [SQLQueryString] = []
    if !scope.counties.isEmpty {
      parts.append("\(unsafeRaw: county) IN (\(binds: scope.counties.sorted().map(\.digits)))")
    }
    if !scope.districts.isEmpty {
      parts.append("\(unsafeRaw: district) IN (\(binds: scope.districts.sorted().map(\.digits)))")
    }
    if !scope.schools.isEmpty {
      parts.append("\(unsafeRaw: school) IN (\(binds: scope.schools.sorted().map(\.digits)))")
    }
    return "(" + parts.joined(separator: " OR ") + ")"
  }

  /// An educator is in scope when one of their employment records is.
  static func educatorCondition(_ scope: AccessScope, educatorColumn: String) -> SQLQueryString? {
    guard let inner = condition(scope, county: "sc.county_code", district: "sc.district_code", school: "sc.school_cds")
    else { return nil }
    // An IN list, not a correlated EXISTS: the list of the scope's educators is read once from the place indexes
    // (`ix_employments_county` and the like, a few milliseconds for a county of the state year), where EXISTS
    // searched employments once per outer row (counting a county's educators took 310 ms at state size, 14 ms now).
    return "\(unsafeRaw: educatorColumn) IN (SELECT sc.educator_id FROM employments sc WHERE \(inner))"
  }

  /// How a query names `column` (a date it also ranges over) when it is restricted to `scope`. On SQLite a scoped
  /// query should be driven by the scope's educators and their documents (`ix_credential_documents_educator`), not
  /// by the whole state's range of dates; without statistics SQLite prefers the date range, so the column is
  /// written `+column`, which SQLite does not use as an index. PostgreSQL plans with statistics and has no unary plus
  /// for text.
  static func rangeColumn(_ column: String, scope: AccessScope, dialect: any SQLDialect) -> SQLQueryString {
    scope.isUnlimited || dialect.name != "sqlite" ? "\(unsafeRaw: column)" : "+\(unsafeRaw: column)"
  }

  /// Organizations: a county row is in a county scope; districts and schools by their codes.
  static func organizationCondition(_ scope: AccessScope, table: String = "organizations") -> SQLQueryString? {
    condition(scope, county: "\(table).county_code", district: "\(table).district_code", school: "\(table).cds_code")
  }
}
