import Foundation

/// A certificated (or classified) employee whose documents and assignments Credo tracks.
///
/// The SEID is the statewide key (CTC); an educator new to California may not have one yet, so it is
/// optional, and within a district the local staff ID on the employment record identifies them.
public struct Educator: Sendable, Codable, Hashable, Identifiable {
  public var id: UUID
  public var seid: SEID?
  public var firstName: String
  public var middleName: String
  public var lastName: String
  public var birthDate: CalendarDate?
  public var email: String

  public init(
    id: UUID, seid: SEID?, firstName: String, middleName: String = "", lastName: String,
    birthDate: CalendarDate?, email: String = ""
  ) {
    self.id = id
    self.seid = seid
    self.firstName = firstName
    self.middleName = middleName
    self.lastName = lastName
    self.birthDate = birthDate
    self.email = email
  }

  /// "Last, First Middle", the order every roster and CTC list sorts by.
  public var sortName: String {
    let given = [firstName, middleName].filter { !$0.isEmpty }.joined(separator: " ")
    return given.isEmpty ? lastName : "\(lastName), \(given)"
  }

  /// "First Last", for letters and headings.
  public var displayName: String {
    [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// The lowercased, accent-folded key Credo searches and sorts names by.
  public static func searchKey(_ name: String) -> String {
    name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
      .lowercased()
      .trimmingCharacters(in: .whitespaces)
  }
}

/// The employment status an LEA records for a certificated employee (Education Code 44915 ff.;
/// CALPADS SDEM 7.27). Each status carries different credential expectations, which issue #3's lists check.
public enum EmploymentStatus: String, Sendable, Codable, CaseIterable, Comparable {
  /// Tenured (EC 44929.21).
  case permanent
  /// In the probationary period before tenure (EC 44929.21).
  case probationary
  /// Hired for a limited term (EC 44917, 44920).
  case temporary
  /// Day-to-day or long-term substitute (EC 44917).
  case substitute
  /// Employed while a permit or waiver is sought (EC 44911).
  case provisional
  /// Employed on condition of clearing a requirement, such as fingerprint clearance (EC 44830.1).
  case conditional

  public var label: String { rawValue.capitalized }

  public static func < (lhs: EmploymentStatus, rhs: EmploymentStatus) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// One period of employment with a district (and optionally one school), with the district's own staff ID.
public struct EmploymentRecord: Sendable, Codable, Hashable, Identifiable {
  public var id: UUID
  public var educatorId: UUID
  /// The employing district / LEA.
  public var districtId: UUID
  /// The school of assignment, if the employee is based at one.
  public var schoolId: UUID?
  /// Where the employment sits in the county → district → school tree, for scope checks.
  public var place: OrganizationPlace
  public var localStaffId: String
  public var status: EmploymentStatus
  public var startDate: CalendarDate
  public var endDate: CalendarDate?
  public var bargainingUnit: String
  public var jobTitle: String

  public init(
    id: UUID, educatorId: UUID, districtId: UUID, schoolId: UUID?, place: OrganizationPlace,
    localStaffId: String, status: EmploymentStatus, startDate: CalendarDate, endDate: CalendarDate? = nil,
    bargainingUnit: String = "", jobTitle: String = ""
  ) {
    self.id = id
    self.educatorId = educatorId
    self.districtId = districtId
    self.schoolId = schoolId
    self.place = place
    self.localStaffId = localStaffId
    self.status = status
    self.startDate = startDate
    self.endDate = endDate
    self.bargainingUnit = bargainingUnit
    self.jobTitle = jobTitle
  }

  /// Whether the employment covers `date`: on or after the start, and on or before the end if any.
  public func isCurrent(on date: CalendarDate) -> Bool {
    startDate <= date && (endDate.map { date <= $0 } ?? true)
  }
}
