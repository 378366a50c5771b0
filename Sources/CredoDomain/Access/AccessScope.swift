import Foundation

/// What a user may see and do: the one place Credo decides scope. Pages, the JSON API, exports and the
/// command line's server-side use cases all ask this type, and the store turns it into a SQL filter.
///
/// The rule: a role granted at a county covers every district and school whose CDS code starts with that
/// county's two digits; at a district, the district and its schools; at a school, that school. A system
/// administrator's role covers everything regardless of where it is granted. An educator is in scope when
/// one of their employment records is.
public struct AccessScope: Sendable, Hashable {
  /// Everything, for system administrators and the command line acting as the system.
  public private(set) var isUnlimited: Bool
  public private(set) var counties: Set<CountyCode>
  public private(set) var districts: Set<DistrictCode>
  public private(set) var schools: Set<CDSCode>

  public init(
    isUnlimited: Bool = false, counties: Set<CountyCode> = [], districts: Set<DistrictCode> = [],
    schools: Set<CDSCode> = []
  ) {
    self.isUnlimited = isUnlimited
    self.counties = counties
    self.districts = districts
    self.schools = schools
  }

  public static let everything = AccessScope(isUnlimited: true)
  public static let nothing = AccessScope()

  /// The scope in which `permission` is granted by any of `assignments`.
  public init(assignments: [RoleAssignment], permission: Permission) {
    self.init()
    for assignment in assignments where assignment.role.permissions.contains(permission) {
      if assignment.role == .systemAdministrator {
        isUnlimited = true
        continue
      }
      let place = assignment.place
      switch assignment.organizationKind {
      case .county: counties.insert(place.county)
      case .district: if let district = place.district { districts.insert(district) }
      case .school: if let school = place.school { schools.insert(school) }
      }
    }
  }

  public var isEmpty: Bool { !isUnlimited && counties.isEmpty && districts.isEmpty && schools.isEmpty }

  /// Whether a record placed at `place` is inside this scope.
  public func covers(_ place: OrganizationPlace) -> Bool {
    if isUnlimited { return true }
    if counties.contains(place.county) { return true }
    if let district = place.district, districts.contains(district) { return true }
    if let school = place.school, schools.contains(school) { return true }
    return false
  }

  /// Whether CALPADS records of a reporting LEA (its 7-digit county-district code) are inside this scope: the
  /// whole LEA must be, so a site administrator's school does not let them load or monitor the district's records.
  public func covers(reportingLEA code: String) -> Bool {
    // Checked for every record of an import or a run: the administrator's answer needs no parsing.
    if isUnlimited { return true }
    guard let district = DistrictCode(code) else { return isUnlimited }
    return covers(OrganizationPlace(CDSCode(district: district)))
  }

  /// Whether an educator with these employment places is inside this scope.
  public func covers(anyOf places: some Sequence<OrganizationPlace>) -> Bool {
    places.contains(where: covers)
  }
}
