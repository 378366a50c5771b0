import Foundation

/// The jobs Credo's users hold. Each role is granted at one organization and sees only what lies under it
/// (see `AccessScope`).
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
  /// Runs the installation: accounts, reference data, every organization.
  case systemAdministrator = "system_administrator"
  /// County office credential analyst, the monitoring authority for every district in the county
  /// (EC 44258.9).
  case countyCredentialAnalyst = "county_credential_analyst"
  /// A district's credential analyst or technician.
  case districtCredentialAnalyst = "district_credential_analyst"
  /// Principal or other site administrator: sees the staff of their school.
  case siteAdministrator = "site_administrator"
  /// Payroll: reads records to hold or release pay.
  case payroll
  /// DOJ custodian of records (Penal Code 11102.2): the only role that may see criminal offender record
  /// information.
  case custodianOfRecords = "custodian_of_records"
  /// Read-only auditor.
  case auditor

  public var label: String {
    switch self {
    case .systemAdministrator: "System administrator"
    case .countyCredentialAnalyst: "County credential analyst"
    case .districtCredentialAnalyst: "District credential analyst"
    case .siteAdministrator: "Site administrator"
    case .payroll: "Payroll"
    case .custodianOfRecords: "Custodian of records"
    case .auditor: "Auditor (read-only)"
    }
  }

  /// The kinds of organization this role can be granted at. A county analyst works for a county office;
  /// a site administrator for a school.
  public var grantableAt: Set<OrganizationKind> {
    switch self {
    case .systemAdministrator: [.county, .district, .school]
    case .countyCredentialAnalyst: [.county]
    case .districtCredentialAnalyst: [.district]
    case .siteAdministrator: [.school]
    case .payroll, .custodianOfRecords, .auditor: [.county, .district]
    }
  }

  /// What the role may do within its scope.
  public var permissions: Set<Permission> {
    switch self {
    case .systemAdministrator: Set(Permission.allCases)
    case .countyCredentialAnalyst, .districtCredentialAnalyst:
      [.viewRecords, .editRecords, .importData, .exportData]
    case .siteAdministrator: [.viewRecords, .exportData]
    case .payroll: [.viewRecords, .exportData]
    case .custodianOfRecords: [.viewRecords, .editRecords, .exportData]
    case .auditor: [.viewRecords, .exportData, .viewAudit]
    }
  }

  public static func < (lhs: Role, rhs: Role) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// Things a user can be allowed to do, always within the scope of the role that grants them.
public enum Permission: String, Sendable, Codable, CaseIterable {
  case viewRecords = "view_records"
  case editRecords = "edit_records"
  case importData = "import_data"
  case exportData = "export_data"
  case viewAudit = "view_audit"
  case manageUsers = "manage_users"
  case manageReference = "manage_reference"
}

/// A role granted to a user at one organization.
public struct RoleAssignment: Sendable, Codable, Hashable {
  public var role: Role
  public var organizationId: UUID
  public var place: OrganizationPlace
  public var organizationKind: OrganizationKind
  public var organizationName: String

  public init(
    role: Role, organizationId: UUID, place: OrganizationPlace, organizationKind: OrganizationKind,
    organizationName: String
  ) {
    self.role = role
    self.organizationId = organizationId
    self.place = place
    self.organizationKind = organizationKind
    self.organizationName = organizationName
  }
}

extension RoleAssignment {
  /// The CDS code of the organization the role is granted at (a county's is `CC000000000000`).
  public var organizationCode: CDSCode {
    place.school ?? place.district.map { CDSCode(district: $0) } ?? CDSCode(county: place.county)
  }
}

/// Why a role cannot be granted where it was asked for.
public enum RoleGrantError: Error, Equatable, Sendable {
  case notGrantableAt(role: Role, kind: OrganizationKind)
}

extension Role {
  /// Checks that the role fits the organization it is granted at (a site administrator at a school, …).
  public func validateGrant(at kind: OrganizationKind) throws(RoleGrantError) {
    guard grantableAt.contains(kind) else { throw .notGrantableAt(role: self, kind: kind) }
  }
}
