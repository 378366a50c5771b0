import CredoDomain
import Foundation

struct OrganizationRow: Codable, Sendable {
  var id: UUID
  var cdsCode: String
  var kind: String
  var countyCode: String
  var districtCode: String?
  var parentId: UUID?
  var name: String
  var nameKey: String
  var countyName: String
  var districtName: String
  var status: String
  var ownershipCode: String
  var ownershipType: String
  var schoolTypeCode: String
  var schoolType: String
  var isCharter: Bool
  var charterNumber: String
  var fundingType: String
  var gradeSpan: String?
  var openDate: String?
  var closedDate: String?
  var street: String
  var city: String
  var zip: String
  var phone: String
  var website: String
  var administratorName: String
  var administratorEmail: String
  var createdAt: Date
  var updatedAt: Date

  static let columnCount = 30

  init(_ o: Organization, now: Date) {
    id = o.id
    cdsCode = o.cdsCode.digits
    kind = o.kind.rawValue
    countyCode = o.cdsCode.countyCode.digits
    districtCode = o.kind == .county ? nil : o.cdsCode.districtCode.digits
    parentId = o.parentId
    name = o.name
    nameKey = Educator.searchKey(o.name)
    countyName = o.countyName
    districtName = o.districtName
    status = o.status.rawValue
    ownershipCode = o.ownershipCode
    ownershipType = o.ownershipType
    schoolTypeCode = o.schoolTypeCode
    schoolType = o.schoolType
    isCharter = o.isCharter
    charterNumber = o.charterNumber
    fundingType = o.fundingType
    gradeSpan = o.gradeSpan?.description
    openDate = o.openDate?.iso
    closedDate = o.closedDate?.iso
    street = o.street
    city = o.city
    zip = o.zip
    phone = o.phone
    website = o.website
    administratorName = o.administratorName
    administratorEmail = o.administratorEmail
    createdAt = now
    updatedAt = now
  }

  func domain() throws -> Organization {
    guard let code = CDSCode(cdsCode) else {
      throw StoreError.failed(reason: "stored CDS code '\(cdsCode)' is invalid")
    }
    return Organization(
      id: id, cdsCode: code, kind: OrganizationKind(rawValue: kind) ?? code.kind, parentId: parentId, name: name,
      countyName: countyName, districtName: districtName, status: OrganizationStatus(rawValue: status) ?? .active,
      ownershipCode: ownershipCode, ownershipType: ownershipType, schoolTypeCode: schoolTypeCode,
      schoolType: schoolType, isCharter: isCharter, charterNumber: charterNumber, fundingType: fundingType,
      gradeSpan: gradeSpan.flatMap { GradeSpan(parsing: $0) }, openDate: openDate.flatMap { CalendarDate(parsing: $0) },
      closedDate: closedDate.flatMap { CalendarDate(parsing: $0) }, street: street, city: city, zip: zip, phone: phone,
      website: website, administratorName: administratorName, administratorEmail: administratorEmail)
  }
}
