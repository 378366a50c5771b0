import CredoDomain
import Foundation

struct EducatorRow: Codable, Sendable, BulkRow {
  var id: UUID
  var seid: String?
  var firstName: String
  var middleName: String
  var lastName: String
  var lastNameKey: String
  var firstNameKey: String
  var birthDate: String?
  var email: String
  var createdAt: Date
  var updatedAt: Date

  static let columnCount = 11
  static let columns = [
    "id", "seid", "first_name", "middle_name", "last_name", "last_name_key", "first_name_key", "birth_date", "email",
    "created_at", "updated_at",
  ]
  var values: [BulkValue] {
    [
      .uuid(id), .of(seid), .text(firstName), .text(middleName), .text(lastName), .text(lastNameKey),
      .text(firstNameKey), .of(birthDate), .text(email), .date(createdAt), .date(updatedAt),
    ]
  }

  init(_ e: Educator, now: Date) {
    id = e.id
    seid = e.seid?.digits
    firstName = e.firstName
    middleName = e.middleName
    lastName = e.lastName
    lastNameKey = Educator.searchKey(e.lastName)
    firstNameKey = Educator.searchKey(e.firstName)
    birthDate = e.birthDate?.iso
    email = e.email
    createdAt = now
    updatedAt = now
  }

  func domain() -> Educator {
    Educator(
      id: id, seid: seid.flatMap { SEID($0) }, firstName: firstName, middleName: middleName, lastName: lastName,
      birthDate: birthDate.flatMap { CalendarDate(parsing: $0) }, email: email)
  }
}

struct EmploymentRow: Codable, Sendable, BulkRow {
  var id: UUID
  var educatorId: UUID
  var districtId: UUID
  var schoolId: UUID?
  var countyCode: String
  var districtCode: String
  var schoolCds: String?
  var localStaffId: String
  var status: String
  var startDate: String
  var endDate: String?
  var bargainingUnit: String
  var jobTitle: String
  var createdAt: Date
  var updatedAt: Date

  static let columnCount = 15
  static let columns = [
    "id", "educator_id", "district_id", "school_id", "county_code", "district_code", "school_cds", "local_staff_id",
    "status", "start_date", "end_date", "bargaining_unit", "job_title", "created_at", "updated_at",
  ]
  var values: [BulkValue] {
    [
      .uuid(id), .uuid(educatorId), .uuid(districtId), .of(schoolId), .text(countyCode), .text(districtCode),
      .of(schoolCds), .text(localStaffId), .text(status), .text(startDate), .of(endDate), .text(bargainingUnit),
      .text(jobTitle), .date(createdAt), .date(updatedAt),
    ]
  }

  init(_ e: EmploymentRecord, now: Date) {
    id = e.id
    educatorId = e.educatorId
    districtId = e.districtId
    schoolId = e.schoolId
    countyCode = e.place.county.digits
    districtCode = e.place.district?.digits ?? ""
    schoolCds = e.place.school?.digits
    localStaffId = e.localStaffId
    status = e.status.rawValue
    startDate = e.startDate.iso
    endDate = e.endDate?.iso
    bargainingUnit = e.bargainingUnit
    jobTitle = e.jobTitle
    createdAt = now
    updatedAt = now
  }

  func domain() throws -> EmploymentRecord {
    guard let county = CountyCode(countyCode), let start = CalendarDate(parsing: startDate) else {
      throw StoreError.failed(reason: "employment \(id) has an invalid county code or start date")
    }
    return EmploymentRecord(
      id: id, educatorId: educatorId, districtId: districtId, schoolId: schoolId,
      place: OrganizationPlace(
        county: county, district: DistrictCode(districtCode), school: schoolCds.flatMap { CDSCode($0) }),
      localStaffId: localStaffId, status: EmploymentStatus(rawValue: status) ?? .temporary, startDate: start,
      endDate: endDate.flatMap { CalendarDate(parsing: $0) }, bargainingUnit: bargainingUnit, jobTitle: jobTitle)
  }
}
