import CredoDomain
import Foundation
import SQLKit

/// The counts behind the dashboard's compliance panel (issue 5), within a viewer's scope: how many current
/// documents lapse in the coming days and months, and how many employees are still assigned with nothing valid.
public struct ExpirationCounts: Sendable, Equatable {
  /// `YYYY-MM` → documents expiring that month.
  public var byMonth: [String: Int]
  /// Last day of a window → documents expiring from the first day through it.
  public var within: [CalendarDate: Int]
}

extension CredentialRepository {
  /// Current documents in scope expiring from `from` through `through`: per calendar month (`YYYY-MM`), and how many
  /// by each day of `within` (the dashboard's 30, 60 and 90 days), counted in one pass over the same documents.
  public func expirationCounts(
    from: CalendarDate, through: CalendarDate, within: [CalendarDate], scope: AccessScope
  ) async throws -> ExpirationCounts {
    var columns: [SQLQueryString] = ["SUBSTR(d.expiration_date, 1, 7) AS month", "COUNT(*) AS n"]
    for (i, day) in within.enumerated() {
      columns.append(
        "SUM(CASE WHEN d.expiration_date <= \(bind: day.iso) THEN 1 ELSE 0 END) AS w\(unsafeRaw: String(i))")
    }
    let query: SQLQueryString =
      "SELECT " + columns.joined(separator: ", ") + " FROM credential_documents d WHERE "
      + expiringConditions(from: from, through: max(through, within.max() ?? through), scope: scope)
      .joined(separator: " AND ") + " GROUP BY 1"
    var result = ExpirationCounts(byMonth: [:], within: Dictionary(uniqueKeysWithValues: within.map { ($0, 0) }))
    for row in try await db.raw(query).all() {
      let month = try row.decode(column: "month", as: String.self)
      for (i, day) in within.enumerated() {
        result.within[day, default: 0] += try row.decode(column: "w\(i)", as: Int.self)
      }
      // The months run to `through`; a window may reach past it (it never does on the dashboard).
      if month <= String(through.iso.prefix(7)) {
        result.byMonth[month] = try row.decode(column: "n", as: Int.self)
      }
    }
    return result
  }

  private func expiringConditions(from: CalendarDate, through: CalendarDate, scope: AccessScope) -> [SQLQueryString] {
    let expiration = ScopeFilter.rangeColumn("d.expiration_date", scope: scope, dialect: db.dialect)
    var conditions: [SQLQueryString] = [
      "d.is_current = \(bind: true)", expiration + " >= \(bind: from.iso)", expiration + " <= \(bind: through.iso)",
      "d.status IN (\(binds: ["active", "expired"]))",
    ]
    if let scoped = ScopeFilter.educatorCondition(scope, educatorColumn: "d.educator_id") { conditions.append(scoped) }
    return conditions
  }

  /// Employments in scope current on `day` whose educator's current documents include one that has expired and
  /// none that is active and unexpired: the people who may not report to work (EC 44830) until something is
  /// renewed or issued. Counted once per educator.
  public func expiredStillAssigned(on day: CalendarDate, scope: AccessScope) async throws -> Int {
    let hasExpired: SQLQueryString
    if let scoped = ScopeFilter.condition(
      scope, county: "m.county_code", district: "m.district_code", school: "m.school_cds")
    {
      // Scoped: driven by the scope's employments, each educator's documents read from the holder index (a county
      // of the state year: 0.12 s). The `+` keeps SQLite off the expiration index, which it otherwise searched
      // for every employment (400 s).
      let expiration = ScopeFilter.rangeColumn("d.expiration_date", scope: scope, dialect: db.dialect)
      hasExpired =
        scoped
        + " AND EXISTS (SELECT 1 FROM credential_documents d WHERE d.educator_id = m.educator_id"
        + " AND d.is_current = \(bind: true) AND " + expiration + " < \(bind: day.iso))"
    } else {
      // Everything: the expired documents' holders listed once from the expiration index (0.2 s for the state
      // year) rather than searched per employment.
      hasExpired = """
        m.educator_id IN (SELECT d.educator_id FROM credential_documents d WHERE d.is_current = \(bind: true) \
        AND d.expiration_date < \(bind: day.iso))
        """
    }
    let conditions: [SQLQueryString] = [
      "m.start_date <= \(bind: day.iso)", "(m.end_date IS NULL OR m.end_date >= \(bind: day.iso))", hasExpired,
      """
      NOT EXISTS (SELECT 1 FROM credential_documents v WHERE v.educator_id = m.educator_id \
      AND v.is_current = \(bind: true) AND v.status = \(bind: "active") \
      AND (v.expiration_date IS NULL OR v.expiration_date >= \(bind: day.iso)))
      """,
    ]
    let query: SQLQueryString =
      "SELECT COUNT(DISTINCT m.educator_id) AS n FROM employments m WHERE " + conditions.joined(separator: " AND ")
    return try await db.raw(query).first(decodingColumn: "n", as: Int.self) ?? 0
  }
}
