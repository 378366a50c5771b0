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
