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
    return "EXISTS (SELECT 1 FROM employments sc WHERE sc.educator_id = \(unsafeRaw: educatorColumn) AND \(inner))"
  }

  /// Organizations: a county row is in a county scope; districts and schools by their codes.
  static func organizationCondition(_ scope: AccessScope, table: String = "organizations") -> SQLQueryString? {
    condition(scope, county: "\(table).county_code", district: "\(table).district_code", school: "\(table).cds_code")
  }
}
