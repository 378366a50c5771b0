import CredoDomain
import CredoStore
import Foundation

/// The figures on the home page, all within the viewer's scope.
public struct DashboardSummary: Sendable {
  public var educators: Int
  public var organizationsByKind: [OrganizationKind: Int]
  public var employmentsByStatus: [EmploymentStatus: Int]
  public var recentImports: [ImportRun]
  public var recentChanges: [AuditEntry]
}

public struct Dashboard: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func summary(by viewer: Viewer) async throws -> DashboardSummary {
    let scope = try viewer.require(.viewRecords, "viewing records")
    let db = services.database.sql
    let educators = try await EducatorRepository(db).count(scope: scope)
    let organizations = try await OrganizationRepository(db).countsByKind(scope: scope)
    let statuses = try await EducatorRepository(db).employmentCountsByStatus(scope: scope)
    // Imports and the change feed span every district, so only those who see everything get them.
    let everything = scope.isUnlimited
    let imports = everything ? try await ImportRunRepository(db).recent(limit: 5) : []
    let changes = everything ? try await AuditRepository(db).recent(limit: 10) : []
    return DashboardSummary(
      educators: educators, organizationsByKind: organizations, employmentsByStatus: statuses, recentImports: imports,
      recentChanges: changes)
  }

  /// Whether the database answers, for `/healthz`.
  public func health() async -> (ok: Bool, backend: String, detail: String) {
    do {
      try await services.database.ping()
      return (true, services.database.url.backend, "ok")
    } catch {
      return (false, services.database.url.backend, String(describing: error))
    }
  }
}

/// The compliance panel of the home page (issue 5): what lapses soon, who is still assigned with nothing valid,
/// the next payday's holds, CTC actions waiting for an analyst, and notices that could not be delivered — each
/// within the viewer's scope, each nil when the viewer's role does not see that list.
public struct ComplianceSummary: Sendable {
  public struct Window: Sendable, Hashable {
    public var days: Int
    public var documents: Int
  }

  public struct Month: Sendable, Hashable {
    /// `YYYY-MM`.
    public var month: String
    public var documents: Int
  }

  public var today: CalendarDate
  /// Current documents expiring from today through 30, 60 and 90 days ahead (each window includes the shorter).
  public var expiring: [Window]
  public var expiredStillAssigned: Int
  /// Documents expiring per month, this month and the eleven after it.
  public var byMonth: [Month]
  /// The next payday of each district in scope with its held and released counts (nil: not the viewer's list).
  public var nextPaydays: [PayPeriodCount]?
  public var ctcWaiting: [CTCActionState: Int]?
  /// E-mails that failed to deliver (nil: not the viewer's list).
  public var failedDeliveries: Int?

  public var payHolds: Int? { nextPaydays.map { $0.reduce(0) { $0 + $1.held } } }
}

extension Dashboard {
  public func compliance(by viewer: Viewer) async throws -> ComplianceSummary {
    let scope = try viewer.require(.viewRecords, "viewing records")
    let credentials = CredentialRepository(services.database.sql)
    let today = services.today.date
    let windows = [30, 60, 90]
    let counts = try await credentials.expirationCounts(
      from: today, through: today.adding(days: 366), within: windows.map { today.adding(days: $0) }, scope: scope)
    let byMonthCounts = counts.byMonth
    let expiring = windows.map {
      ComplianceSummary.Window(days: $0, documents: counts.within[today.adding(days: $0)] ?? 0)
    }
    var months: [ComplianceSummary.Month] = []
    var year = today.year
    var month = today.month
    for _ in 0..<12 {
      let key = String(format: "%04d-%02d", year, month)
      months.append(.init(month: key, documents: byMonthCounts[key] ?? 0))
      month += 1
      if month > 12 {
        month = 1
        year += 1
      }
    }
    // Pay, CTC actions and the outbox are lists only some roles read; the panel leaves out what this viewer may
    // not see rather than failing the whole page.
    var nextPaydays: [PayPeriodCount]? = nil
    if let next = try? await PayRelease(services).nextPeriods(by: viewer),
      let counts = try? await PayRelease(services).countsByPeriod(by: viewer)
    {
      let ids = Set(next.map(\.id))
      nextPaydays = counts.filter { ids.contains($0.period.id) }.sorted {
        ($0.period.payday, $0.period.district.digits) < ($1.period.payday, $1.period.district.digits)
      }
    }
    return ComplianceSummary(
      today: today, expiring: expiring,
      expiredStillAssigned: try await credentials.expiredStillAssigned(on: today, scope: scope), byMonth: months,
      nextPaydays: nextPaydays, ctcWaiting: try? await CTCActions(services).counts(by: viewer),
      failedDeliveries: try? await NoticeInbox(services).failedDeliveries(by: viewer))
  }
}
