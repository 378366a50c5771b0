import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Vapor

/// The JSON API under `/api/v1`: the same data and the same scope as the pages. Described by `OpenAPIDocument`.
enum API {
  struct RoleDTO: Content {
    var role: String
    var label: String
    var organization: OrganizationRef
  }

  struct OrganizationRef: Content {
    var id: UUID
    var cds_code: String
    var name: String
    var kind: String
  }

  struct MeDTO: Content {
    var id: UUID
    var username: String
    var display_name: String
    var email: String
    var roles: [RoleDTO]
  }

  struct OrganizationDTO: Content {
    var id: UUID
    var cds_code: String
    var kind: String
    var name: String
    var county: String
    var district: String
    var status: String
    var ownership_code: String
    var ownership_type: String
    var school_type_code: String
    var school_type: String
    var charter: Bool
    var charter_number: String
    var grade_span: String?
    var open_date: String?
    var closed_date: String?
    var city: String
    var zip: String
    var phone: String
    var website: String

    init(_ o: Organization) {
      id = o.id
      cds_code = o.cdsCode.digits
      kind = o.kind.rawValue
      name = o.name
      county = o.countyName
      district = o.districtName
      status = o.status.rawValue
      ownership_code = o.ownershipCode
      ownership_type = o.ownershipType
      school_type_code = o.schoolTypeCode
      school_type = o.schoolType
      charter = o.isCharter
      charter_number = o.charterNumber
      grade_span = o.gradeSpan?.description
      open_date = o.openDate?.iso
      closed_date = o.closedDate?.iso
      city = o.city
      zip = o.zip
      phone = o.phone
      website = o.website
    }
  }

  struct EmploymentDTO: Content {
    var id: UUID
    var district: String
    var district_cds: String?
    var school: String?
    var school_cds: String?
    var local_staff_id: String
    var status: String
    var job_title: String
    var bargaining_unit: String
    var start_date: String
    var end_date: String?

    init(_ e: EmploymentSummary) {
      id = e.record.id
      district = e.districtName
      district_cds = e.record.place.district.map { CDSCode(district: $0).digits }
      school = e.schoolName
      school_cds = e.record.place.school?.digits
      local_staff_id = e.record.localStaffId
      status = e.record.status.rawValue
      job_title = e.record.jobTitle
      bargaining_unit = e.record.bargainingUnit
      start_date = e.record.startDate.iso
      end_date = e.record.endDate?.iso
    }
  }

  struct EducatorDTO: Content {
    var id: UUID
    var seid: String?
    var first_name: String
    var middle_name: String
    var last_name: String
    var birth_date: String?
    var email: String
    var employments: [EmploymentDTO]
  }

  struct ListDTO<Item: Content>: Content {
    var items: [Item]
    var total: Int
    var page: Int
    var per_page: Int
  }

  static func me(_ req: Request) async throws -> MeDTO {
    let viewer = try req.viewer
    guard let account = viewer.account else { throw Abort(.unauthorized) }
    return MeDTO(
      id: account.id, username: account.username, display_name: account.displayName, email: account.email,
      roles: account.roles.map {
        RoleDTO(
          role: $0.role.rawValue, label: $0.role.label,
          organization: OrganizationRef(
            id: $0.organizationId, cds_code: $0.organizationCode.digits, name: $0.organizationName,
            kind: $0.organizationKind.rawValue))
      })
  }

  static func organizations(_ req: Request) async throws -> ListDTO<OrganizationDTO> {
    let query = OrganizationPages.Query(req)
    let params = ListParameters(req, defaultSort: "name", allowed: OrganizationRepository.sortColumns, forExport: false)
    let page = try await Directory(req.services).list(query.filter, window: params.window, by: try req.viewer)
    return ListDTO(
      items: page.items.map(OrganizationDTO.init), total: page.total, page: page.page, per_page: page.perPage)
  }

  static func organization(_ req: Request) async throws -> OrganizationDTO {
    guard let cds = req.parameters.get("cds").flatMap(CDSCode.init) else {
      throw Abort(.notFound, reason: "A CDS code is 14 digits.")
    }
    let detail = try await Directory(req.services).detail(
      cds: cds, childWindow: ListWindow(sort: "name", perPage: 1), by: try req.viewer)
    return OrganizationDTO(detail.organization)
  }

  static func educators(_ req: Request) async throws -> ListDTO<EducatorDTO> {
    let query = EducatorPages.Query(req)
    let params = ListParameters(req, defaultSort: "name", allowed: EducatorRepository.sortColumns, forExport: false)
    let page = try await EducatorRecords(req.services).list(query.filter, window: params.window, by: try req.viewer)
    return ListDTO(
      items: page.items.map { dto($0.educator, $0.employments) }, total: page.total, page: page.page,
      per_page: page.perPage)
  }

  static func educator(_ req: Request) async throws -> EducatorDTO {
    let detail = try await EducatorRecords(req.services).detail(
      id: try EducatorPages.educatorId(req), by: try req.viewer, showNotes: false)
    return dto(detail.educator, detail.employments)
  }

  static func dto(_ e: Educator, _ employments: [EmploymentSummary]) -> EducatorDTO {
    EducatorDTO(
      id: e.id, seid: e.seid?.digits, first_name: e.firstName, middle_name: e.middleName, last_name: e.lastName,
      birth_date: e.birthDate?.iso, email: e.email, employments: employments.map(EmploymentDTO.init))
  }
}
