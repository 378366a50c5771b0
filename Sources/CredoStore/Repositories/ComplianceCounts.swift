import CredoDomain
import Foundation
import SQLKit

/// The counts behind the dashboard's compliance panel (issue 5), within a viewer's scope: how many current
/// documents lapse in the coming days and months, and how many employees are still assigned with nothing valid.
extension CredentialRepository {
  /// Current documents in scope expiring from `from` through `through`, per calendar month (`YYYY-MM`).
  public func expirationsByMonth(
    from: CalendarDate, through: CalendarDate, scope: AccessScope
  ) async throws -> [String: Int] {
    var conditions: [SQLQueryString] = [
      "d.is_current = \(bind: true)", "d.expiration_date >= \(bind: from.iso)",
      "d.expiration_date <= \(bind: through.iso)", "d.status IN (\(binds: ["active", "expired"]))",
    ]
    if let scoped = ScopeFilter.educatorCondition(scope, educatorColumn: "d.educator_id") { conditions.append(scoped) }
    let query: SQLQueryString =
      "SELECT SUBSTR(d.expiration_date, 1, 7) AS month, COUNT(*) AS n FROM credential_documents d WHERE "
      + conditions.joined(separator: " AND ") + " GROUP BY 1"
    var result: [String: Int] = [:]
    for row in try await db.raw(query).all() {
      result[try row.decode(column: "month", as: String.self)] = try row.decode(column: "n", as: Int.self)
    }
    return result
  }

  /// Educators in scope employed on `day` whose current documents include one that has expired and none that is
  /// active and unexpired: the people who may not report to work (EC 44830) until something is renewed or issued.
  public func expiredStillAssigned(on day: CalendarDate, scope: AccessScope) async throws -> Int {
    var conditions: [SQLQueryString] = [
      "m.start_date <= \(bind: day.iso)", "(m.end_date IS NULL OR m.end_date >= \(bind: day.iso))",
      // Not a correlated EXISTS: SQLite would search the expiration index for every employment (all expired
      // documents each time: minutes at state size); the IN list is built once (0.2 s for the state year).
      """
      m.educator_id IN (SELECT d.educator_id FROM credential_documents d WHERE d.is_current = \(bind: true) \
      AND d.expiration_date < \(bind: day.iso))
      """,
      """
      NOT EXISTS (SELECT 1 FROM credential_documents v WHERE v.educator_id = m.educator_id \
      AND v.is_current = \(bind: true) AND v.status = \(bind: "active") \
      AND (v.expiration_date IS NULL OR v.expiration_date >= \(bind: day.iso)))
      """,
    ]
    if let scoped = ScopeFilter.educatorCondition(scope, educatorColumn: "m.educator_id") { conditions.append(scoped) }
    let query: SQLQueryString =
      "SELECT COUNT(DISTINCT m.educator_id) AS n FROM employments m WHERE " + conditions.joined(separator: " AND ")
    return try await db.raw(query).first(decodingColumn: "n", as: Int.self) ?? 0
  }
}
