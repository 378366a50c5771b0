import Foundation

/// What level of California's public-education structure an organization is.
public enum OrganizationKind: String, Sendable, Codable, CaseIterable, Comparable {
  /// One of the 58 counties; its county office of education is a `district` with ownership code 00.
  case county
  /// A local educational agency: school district, county office of education, state special schools,
  /// or a charter's administrative authority.
  case district
  /// A school, including a charter school.
  case school

  public var label: String {
    switch self {
    case .county: "County"
    case .district: "District / LEA"
    case .school: "School"
    }
  }

  public static func < (lhs: OrganizationKind, rhs: OrganizationKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The CDE directory's StatusType: Active, Closed, Merged, Pending.
public enum OrganizationStatus: String, Sendable, Codable, CaseIterable {
  case active, closed, merged, pending

  public init?(directoryValue: String) {
    switch directoryValue.trimmingCharacters(in: .whitespaces).lowercased() {
    case "active", "open": self = .active
    case "closed": self = .closed
    case "merged": self = .merged
    case "pending": self = .pending
    default: return nil
    }
  }

  public var label: String { rawValue.capitalized }
}

/// A county, district/LEA or school, keyed by its CDS code.
public struct Organization: Sendable, Codable, Hashable, Identifiable {
  public var id: UUID
  public var cdsCode: CDSCode
  public var kind: OrganizationKind
  /// The county (for a district) or district (for a school) this organization belongs to.
  public var parentId: UUID?
  public var name: String
  public var countyName: String
  public var districtName: String
  public var status: OrganizationStatus
  /// District Ownership Code (e.g. 54 unified) and its CDE text.
  public var ownershipCode: String
  public var ownershipType: String
  /// School Ownership Code (e.g. 60 elementary) and its CDE text; empty for districts and counties.
  public var schoolTypeCode: String
  public var schoolType: String
  public var isCharter: Bool
  public var charterNumber: String
  public var fundingType: String
  public var gradeSpan: GradeSpan?
  public var openDate: CalendarDate?
  public var closedDate: CalendarDate?
  public var street: String
  public var city: String
  public var zip: String
  public var phone: String
  public var website: String
  public var administratorName: String
  public var administratorEmail: String

  public init(
    id: UUID, cdsCode: CDSCode, kind: OrganizationKind? = nil, parentId: UUID? = nil, name: String, countyName: String,
    districtName: String, status: OrganizationStatus = .active, ownershipCode: String = "",
    ownershipType: String = "", schoolTypeCode: String = "", schoolType: String = "", isCharter: Bool = false,
    charterNumber: String = "", fundingType: String = "", gradeSpan: GradeSpan? = nil, openDate: CalendarDate? = nil,
    closedDate: CalendarDate? = nil, street: String = "", city: String = "", zip: String = "", phone: String = "",
    website: String = "", administratorName: String = "", administratorEmail: String = ""
  ) {
    self.id = id
    self.cdsCode = cdsCode
    self.kind = kind ?? cdsCode.kind
    self.parentId = parentId
    self.name = name
    self.countyName = countyName
    self.districtName = districtName
    self.status = status
    self.ownershipCode = ownershipCode
    self.ownershipType = ownershipType
    self.schoolTypeCode = schoolTypeCode
    self.schoolType = schoolType
    self.isCharter = isCharter
    self.charterNumber = charterNumber
    self.fundingType = fundingType
    self.gradeSpan = gradeSpan
    self.openDate = openDate
    self.closedDate = closedDate
    self.street = street
    self.city = city
    self.zip = zip
    self.phone = phone
    self.website = website
    self.administratorName = administratorName
    self.administratorEmail = administratorEmail
  }

  /// Where this organization sits, for scope checks.
  public var place: OrganizationPlace { OrganizationPlace(cdsCode) }
}

/// The codes that place an organization (or an employment) in the county → district → school tree.
/// Scope checks only need these, so they are cheap to carry on every row.
public struct OrganizationPlace: Hashable, Sendable, Codable {
  public var county: CountyCode
  public var district: DistrictCode?
  public var school: CDSCode?

  public init(county: CountyCode, district: DistrictCode? = nil, school: CDSCode? = nil) {
    self.county = county
    self.district = district
    self.school = school
  }

  public init(_ code: CDSCode) {
    county = code.countyCode
    switch code.kind {
    case .county:
      district = nil
      school = nil
    case .district:
      district = code.districtCode
      school = nil
    case .school:
      district = code.districtCode
      school = code
    }
  }
}
