import CredoDomain
import CredoStore
import Foundation

/// An organization with what its page shows: where it sits and what lies under it.
public struct OrganizationDetail: Sendable {
  public var organization: Organization
  public var parent: Organization?
  public var children: Page<Organization>
  public var educatorCount: Int
  public var history: [AuditEntry]
}

/// The organization browser: counties, districts and schools within the viewer's scope.
public struct Directory: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  private var organizations: OrganizationRepository { OrganizationRepository(services.database.sql) }

  /// A page of organizations; with `forExport`, every row, which needs the export permission.
  public func list(
    _ filter: OrganizationFilter, window: ListWindow, by viewer: Viewer, forExport: Bool = false
  ) async throws
    -> Page<Organization>
  {
    let scope = try viewer.require(forExport ? .exportData : .viewRecords, forExport ? "exporting" : "viewing records")
    return try await organizations.list(filter, scope: scope, window: window)
  }

  public func detail(cds: CDSCode, childWindow: ListWindow, by viewer: Viewer) async throws -> OrganizationDetail {
    let scope = try viewer.require(.viewRecords, "viewing records")
    guard let organization = try await organizations.find(cds: cds), scope.covers(organization.place) else {
      throw CoreError.notFound("Organization \(cds)")
    }
    let parent: Organization? =
      if let parentId = organization.parentId, let p = try await organizations.find(id: parentId), scope.covers(p.place)
      {
        p
      } else { nil }
    var filter = OrganizationFilter()
    switch organization.kind {
    case .county:
      filter.county = organization.cdsCode.countyCode
      filter.kind = .district
    case .district:
      filter.district = organization.cdsCode.districtCode
      filter.kind = .school
    case .school:
      break
    }
    // A school has no children.
    let children =
      organization.kind == .school
      ? Page<Organization>(items: [], total: 0, page: 1, perPage: childWindow.perPage)
      : try await organizations.list(filter, scope: scope, window: childWindow)
    let educatorScope = scope.intersecting(organization.place, kind: organization.kind)
    let educators = try await EducatorRepository(services.database.sql).count(scope: educatorScope)
    let history = try await AuditRepository(services.database.sql).history(
      entityType: Organization.auditEntity, entityId: organization.id, limit: 50)
    return OrganizationDetail(
      organization: organization, parent: parent, children: children, educatorCount: educators, history: history)
  }
}

extension AccessScope {
  /// The part of this scope under one organization (for "educators at this district").
  func intersecting(_ place: OrganizationPlace, kind: OrganizationKind) -> AccessScope {
    switch kind {
    case .county:
      if isUnlimited || counties.contains(place.county) { return AccessScope(counties: [place.county]) }
      return AccessScope(
        districts: districts.filter { $0.countyCode == place.county },
        schools: schools.filter { $0.countyCode == place.county })
    case .district:
      guard let district = place.district else { return .nothing }
      if isUnlimited || counties.contains(place.county) || districts.contains(district) {
        return AccessScope(districts: [district])
      }
      return AccessScope(schools: schools.filter { $0.districtCode == district })
    case .school:
      guard let school = place.school else { return .nothing }
      return covers(place) ? AccessScope(schools: [school]) : .nothing
    }
  }
}
